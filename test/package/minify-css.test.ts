/** The CDN build's CSS minifier: an attribute selector's value loses its quotes only where CSS reads it the same. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { minifyCss } from '../../scripts/minify-css.mjs';
import { root } from './helpers.ts';

test('unquotes an attribute selector value that is an identifier', () => {
  assert.equal(minifyCss(":host([theme='dark']) { color: red; }\nbutton[aria-disabled='true'] { opacity: 0.75; }"), ':host([theme=dark]){color:red}button[aria-disabled=true]{opacity:.75}');
});

test('keeps the quotes of a value that is not an identifier', () => {
  for (const kept of ["[tabindex='-1']{color:red}", "[data-n='1']{color:red}", "[title='a b']{color:red}", "[lang='']{color:red}"]) {
    assert.equal(minifyCss(kept), kept);
  }
});

test('the CDN module has no quoted identifier left in an attribute selector', () => {
  const module = readFileSync(join(root, 'dist/cdn/kohort-checkout.min.js'), 'utf8');
  assert.match(module, /:host\(\[theme=dark\]\)/);
  assert.doesNotMatch(module, /\[[\w-]+='[a-zA-Z_][\w-]*'\]/);
});
