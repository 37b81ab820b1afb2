/**
 * Server-side rendering: a Node process without any DOM imports each entry of the packed
 * package, installed in a throwaway project and resolved through its `exports`, as Next.js,
 * Nuxt or SvelteKit do on the server. Nothing may throw; the element entry registers nothing;
 * the React wrapper renders to HTML.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { consumerProject, packageJson } from './helpers.ts';

interface Imported {
  exports: string[];
  /** Whether `kohort-checkout` is in the server's registry (lit's SSR shim) after the import. */
  defined: boolean | null;
  html?: string;
}

const probe = `
if (typeof window !== 'undefined' || typeof document !== 'undefined' || typeof HTMLElement !== 'undefined') {
  throw new Error('this process has a DOM');
}
const [entry, render] = process.argv.slice(2);
const module = await import(entry);
const result = {
  exports: Object.keys(module).sort(),
  defined: typeof customElements === 'undefined' ? null : Boolean(customElements.get('kohort-checkout')),
};
if (render) {
  const { createElement } = await import('react');
  const { renderToString } = await import('react-dom/server');
  result.html = renderToString(createElement(module.KohortCheckout, { sessionId: 'cs_5eed00000000a1', publishableKey: 'pk_test_sandbox_kohort0000000000000000', className: 'checkout' }));
}
console.log(JSON.stringify(result));
`;

describe('importing the package on a server (Node, no DOM)', () => {
  let project: ReturnType<typeof consumerProject>;
  before(() => {
    project = consumerProject(['lit', 'nanostores', 'react', 'react-dom']);
    writeFileSync(join(project.dir, 'probe.mjs'), probe);
  });
  after(() => project.remove());

  /** Imports `entry` in a fresh Node process in the consumer project. */
  const importInNode = (entry: string, render = false) =>
    new Promise<Imported>((resolve, reject) => {
      const args = [join(project.dir, 'probe.mjs'), entry, ...(render ? ['render'] : [])];
      execFile(process.execPath, args, { cwd: project.dir, env: { PATH: process.env.PATH ?? '' } }, (error, stdout, stderr) =>
        error ? reject(new Error(`import('${entry}') failed:\n${stderr}`)) : resolve(JSON.parse(stdout) as Imported),
      );
    });

  it('covers every JavaScript entry of the package but the CDN files (browser builds, as the README says)', () => {
    const entries = Object.keys(packageJson.exports).filter((subpath) => !subpath.endsWith('.json') && !subpath.startsWith('./cdn/'));
    assert.deepEqual(entries, ['.', './element', './react']);
  });

  it('kohort-checkout: imports without throwing and exports the class', async () => {
    const imported = await importInNode('kohort-checkout');
    assert.ok(imported.exports.includes('KohortCheckout') && imported.exports.includes('VERSION'), imported.exports.join());
  });

  it('kohort-checkout/element: imports without throwing and registers nothing', async () => {
    const imported = await importInNode('kohort-checkout/element');
    assert.deepEqual(imported.exports, ['KohortCheckout']);
    assert.notEqual(imported.defined, true, 'the element entry defined <kohort-checkout>');
  });

  it('kohort-checkout/react: imports without throwing and renders <kohort-checkout> to HTML', async () => {
    const imported = await importInNode('kohort-checkout/react', true);
    assert.deepEqual(imported.exports, ['KohortCheckout']);
    assert.match(imported.html ?? '', /^<kohort-checkout class="checkout"><\/kohort-checkout>$/);
  });
});
