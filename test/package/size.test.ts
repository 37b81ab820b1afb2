/** The size budget: the CDN files must not grow past their limits in size-budget.json. */
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { root } from './helpers.ts';

const budget = JSON.parse(readFileSync(join(root, 'size-budget.json'), 'utf8')) as { goalKB: number; limits: Record<string, number> };

/** The one built file a budget entry names; a `*` in its name stands for a chunk's content hash. */
function builtFile(pattern: string): string {
  if (!pattern.includes('*')) return join(root, pattern);
  const name = new RegExp(`^${basename(pattern).split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('[\\w-]+')}$`);
  const matches = readdirSync(join(root, dirname(pattern))).filter((file) => name.test(file));
  assert.equal(matches.length, 1, `${pattern} should match exactly one built file, not ${JSON.stringify(matches)}`);
  return join(root, dirname(pattern), matches[0]!);
}

const gzipKB = (pattern: string) => gzipSync(readFileSync(builtFile(pattern)), { level: 9 }).length / 1024;

for (const [file, limitKB] of Object.entries(budget.limits)) {
  test(`${file} stays within ${limitKB} KB (min + gzip -9)`, () => {
    const size = gzipKB(file);
    assert.ok(size <= limitKB, `${file} is ${size.toFixed(1)} KB gzip, over its ${limitKB} KB budget (goal ${budget.goalKB} KB for the module)`);
  });
}

test('the budget is never looser than the size it guards by more than 1 KB', () => {
  // A limit far above the real size would not catch growth: ratchet it down.
  for (const [file, limitKB] of Object.entries(budget.limits)) {
    const size = gzipKB(file);
    assert.ok(limitKB - size <= 1, `${file}: ${size.toFixed(1)} KB against a ${limitKB} KB limit; lower the limit`);
  }
});

test('the module carries French and English up to paying; the group view’s words come with the group view', () => {
  // The files are ASCII: "à" is written "\xE0" in them.
  const textOf = (file: string) =>
    readFileSync(builtFile(file), 'utf8').replace(/\\(?:x([\da-f]{2})|u([\da-f]{4}))/gi, (_, x: string, u: string) => String.fromCharCode(parseInt(x ?? u, 16)));
  const module = textOf('dist/cdn/kohort-checkout.min.js');
  const groupView = textOf('dist/cdn/chunks/group-view-*.min.js');
  for (const words of ['Votre commande', 'Your order', 'Votre groupe de cashback', 'Your cashback group']) {
    assert.ok(module.includes(words), `the module should carry "${words}"`);
  }
  for (const words of ['Votre code à partager', 'Your code to share', 'Paliers de cashback', 'Cashback tiers']) {
    assert.ok(!module.includes(words), `"${words}" belongs to the group view, not to the module`);
    assert.ok(groupView.includes(words), `the group view chunk should carry "${words}"`);
  }
  assert.ok(!module.includes('Ihre Bestellung'), 'German is a chunk of its own');
});

test('the CDN files carry no indentation of the templates: one line of code after the banner', () => {
  for (const file of ['dist/cdn/kohort-checkout.min.js', 'dist/cdn/kohort-checkout.iife.min.js', 'dist/cdn/chunks/group-view-*.min.js']) {
    const lines = readFileSync(builtFile(file), 'utf8').trimEnd().split('\n');
    assert.equal(lines.length, 2, `${file} has ${lines.length - 2} line break(s) inside its code, e.g. "${lines[2]?.slice(0, 60)}"`);
  }
});
