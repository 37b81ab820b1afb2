/**
 * The Vue bindings the widget's console warning and docs/FRAMEWORKS.md tell a merchant to write must
 * reach the `confirmPayment` property: Vue's own compiler turns each into the key its runtime
 * sets on the element (`.name` forces a property of that exact name, and a plain kebab-case key
 * becomes an attribute on a custom element).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compile } from '@vue/compiler-dom';
import { root } from './helpers.ts';

/** The key Vue's runtime gets for `binding="fn"` on <kohort-checkout>. */
function compiledKey(binding: string): string {
  const { code } = compile(`<kohort-checkout ${binding}="fn" />`, { isCustomElement: (tag) => tag.includes('-') });
  const key = /\{ ("?[^":]+"?): _?(?:ctx\.)?fn \}/.exec(code)?.[1];
  assert.ok(key, `no binding in:\n${code}`);
  return key.replace(/^"|"$/g, '');
}

describe('Vue bindings the widget suggests', () => {
  it('the console warning’s suggestions set the confirmPayment property', () => {
    const source = readFileSync(join(root, 'src/kohort-checkout.component.ts'), 'utf8');
    const hint = /\(in Vue: (.+?)\)\.`/.exec(source)?.[1];
    assert.ok(hint, 'the warning names Vue bindings');
    const bindings = [...hint.matchAll(/(:\S+?)="…"/g)].map(([, binding]) =>
      binding.replace('${property}', 'confirmPayment').replace('${attribute}', 'confirm-payment'),
    );
    assert.equal(bindings.length, 2);
    for (const binding of bindings) assert.equal(compiledKey(binding), 'confirmPayment', binding);
  });

  it('the suggestions of docs/FRAMEWORKS.md set the confirmPayment property, and the one it warns against does not', () => {
    const frameworks = readFileSync(join(root, 'docs/FRAMEWORKS.md'), 'utf8');
    assert.ok(frameworks.includes('A function or an object (`confirmPayment`'), 'docs/FRAMEWORKS.md describes confirmPayment for Vue');
    const paragraph = frameworks.slice(frameworks.indexOf('A function or an object (`confirmPayment`'));
    assert.equal(compiledKey(/bound camelCase \(`(:[^`]+)`\)/.exec(paragraph)![1]), 'confirmPayment');
    assert.equal(compiledKey(/with `\.camel` \(`(:[^`]+)`\)/.exec(paragraph)![1]), 'confirmPayment');
    assert.notEqual(compiledKey(/and `(:confirm-payment\.prop)` sets/.exec(paragraph)![1]), 'confirmPayment');
    assert.notEqual(compiledKey(':confirm-payment'), 'confirmPayment');
  });
});
