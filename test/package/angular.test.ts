/**
 * The Angular component in docs/FRAMEWORKS.md is demo/examples/angular/checkout.component.ts, compiled by
 * ngc with strictTemplates (the example's tsconfig.json) against the built package's types,
 * as a merchant's Angular project sees them: `$event` in `(kohort-…)` is typed from
 * HTMLElementEventMap, so a template that misuses it does not compile. The e2e examples spec
 * runs the page.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compileAngular } from '../../demo/examples/angular/ngc.mjs';
import { root } from './helpers.ts';

const component = readFileSync(join(root, 'demo/examples/angular/checkout.component.ts'), 'utf8');
const templateLine = component.split('\n').findIndex((line) => line.includes('(kohort-success)="onSuccess($event)"')) + 1;

/** The example with its component's `(kohort-success)="onSuccess($event)"` binding replaced. */
function compileWithSuccessBinding(binding: string): string[] {
  const changed = component.replace('(kohort-success)="onSuccess($event)"', binding);
  assert.notEqual(changed, component);
  return compileAngular({ sources: { 'checkout.component.ts': changed } });
}

describe('the Angular example, type-checked by ngc with strictTemplates', () => {
  it('compiles: the component docs/FRAMEWORKS.md shows and the page around it', () => {
    assert.ok(templateLine > 0, 'the component binds (kohort-success)="onSuccess($event)"');
    assert.deepEqual(compileAngular(), []);
  });

  it('fails on a field kohort-success’s detail does not have: $event is a KohortSuccessEvent', () => {
    assert.deepEqual(compileWithSuccessBinding('(kohort-success)="onSuccess($event.detail.nonexistent)"'), [
      `checkout.component.ts:${templateLine}: TS2339: Property 'nonexistent' does not exist on type 'KohortSuccessDetail'.`,
    ]);
  });

  it('fails on another event’s $event handed to the kohort-success handler', () => {
    const errors = compileWithSuccessBinding('(kohort-error)="onSuccess($event)"');
    assert.equal(errors.length, 1, errors.join('\n'));
    assert.match(errors[0]!, new RegExp(`^checkout\\.component\\.ts:${templateLine}: TS2345: Argument of type 'KohortErrorEvent' is not assignable to parameter of type 'KohortSuccessEvent'`));
  });
});

describe('the Angular snippet of docs/FRAMEWORKS.md', () => {
  it('is the example’s component, character for character', () => {
    const frameworks = readFileSync(join(root, 'docs/FRAMEWORKS.md'), 'utf8');
    assert.ok(frameworks.includes('\n## Angular\n'), 'docs/FRAMEWORKS.md has an Angular section');
    const section = frameworks.slice(frameworks.indexOf('\n## Angular\n'));
    const snippet = /```ts\n([\s\S]*?)```/.exec(section)?.[1];
    assert.equal(snippet, component);
  });
});
