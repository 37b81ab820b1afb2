/**
 * The CDN build's template minifier: the source's indentation becomes one space, and a static
 * attribute value of letters, digits, `_` and `-` loses its quotes, which the HTML parser reads
 * the same (`class=hint` is `class="hint"`); any other value keeps them.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { minifyHtml } from '../../scripts/minify-html.mjs';
import { root } from './helpers.ts';

test('unquotes a plain attribute value and folds the indentation', () => {
  assert.equal(
    minifyHtml('<p class="field-error" id="code-error"\n      part="field-error" tabindex="-1">'),
    '<p class=field-error id=code-error part=field-error tabindex=-1>',
  );
});

test('keeps the quotes of a value with a space, of an empty value, and of one followed by "/"', () => {
  for (const kept of ['<button part="button pay-button">', '<img alt="" />', '<img alt="logo"/>', '<a href="https://example.com/">', '<p title="a.b">']) {
    assert.equal(minifyHtml(kept), kept);
  }
});

test('the CDN module has no plain attribute value left in quotes', () => {
  const module = readFileSync(join(root, 'dist/cdn/kohort-checkout.min.js'), 'utf8');
  assert.match(module, /<div class=container part=container lang=/);
  assert.doesNotMatch(module, /\s(class|part|id|type)="[\w-]+"/);
});
