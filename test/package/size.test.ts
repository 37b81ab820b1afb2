/** The size budget: the CDN files must not grow past their limits in size-budget.json. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { root } from './helpers.ts';

const budget = JSON.parse(readFileSync(join(root, 'size-budget.json'), 'utf8')) as { goalKB: number; limits: Record<string, number> };

for (const [file, limitKB] of Object.entries(budget.limits)) {
  test(`${file} stays within ${limitKB} KB (min + gzip -9)`, () => {
    const gzipKB = gzipSync(readFileSync(join(root, file)), { level: 9 }).length / 1024;
    assert.ok(gzipKB <= limitKB, `${file} is ${gzipKB.toFixed(1)} KB gzip, over its ${limitKB} KB budget (goal ${budget.goalKB} KB)`);
  });
}

test('the budget is never looser than the size it guards by more than 1 KB', () => {
  // A limit far above the real size would not catch growth: ratchet it down.
  for (const [file, limitKB] of Object.entries(budget.limits)) {
    const gzipKB = gzipSync(readFileSync(join(root, file)), { level: 9 }).length / 1024;
    assert.ok(limitKB - gzipKB <= 1, `${file}: ${gzipKB.toFixed(1)} KB against a ${limitKB} KB limit; lower the limit`);
  }
});
