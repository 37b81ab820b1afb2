/**
 * The README's and docs/'s hand-written parts a merchant copies from, held to what the element
 * offers (custom-elements.json, the React wrapper, the shipped types): the two-line embed, the
 * theming lists (docs/THEMING.md), the React event props (docs/FRAMEWORKS.md), the links between
 * them, the error codes, every event, part, custom property, npm script and repository file they
 * name, and the npm, payment-provider, wording, React and Next.js snippets, type-checked as a
 * merchant's project would. The reference tables are generated (scripts/readme-reference.mjs);
 * these parts are not, so they could drift.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import ts from 'typescript';
import { consumerProject, packedFiles, root } from './helpers.ts';

const readme = readFileSync(join(root, 'README.md'), 'utf8');
/** README.md and every docs/*.md, by path from the root. */
const documents = new Map(['README.md', ...readdirSync(join(root, 'docs')).filter((file) => file.endsWith('.md')).map((file) => `docs/${file}`)].map((file) => [file, readFileSync(join(root, file), 'utf8')]));
const themingDoc = documents.get('docs/THEMING.md')!;
const frameworksDoc = documents.get('docs/FRAMEWORKS.md')!;
const manifest = JSON.parse(readFileSync(join(root, 'custom-elements.json'), 'utf8')) as {
  modules: { declarations?: { tagName?: string; cssParts: { name: string }[]; cssProperties: { name: string }[]; events: { name: string }[] }[] }[];
};
const element = manifest.modules.flatMap((module) => module.declarations ?? []).find((declaration) => declaration.tagName === 'kohort-checkout')!;

/** The text from `start` to the next blank line or list item, in the README or `text`. */
function paragraph(start: string, text = readme): string {
  const from = text.indexOf(start);
  assert.ok(from >= 0, `no "${start}" in ${text === readme ? 'the README' : text.slice(0, text.indexOf('\n'))}`);
  const ends = ['\n\n', '\n- '].map((end) => text.indexOf(end, from + start.length)).filter((index) => index >= 0);
  return text.slice(from, Math.min(...ends));
}
/** The anchors GitHub gives a Markdown file's headings. */
const headings = (text: string) =>
  new Set(
    [...text.replace(/```[\s\S]*?```/g, '').matchAll(/^#{1,4} (.+)$/gm)].map(([, heading]) =>
      heading!
        .toLowerCase()
        .replace(/[^\p{L}\p{N}\s_-]/gu, '')
        .replace(/\s/g, '-'),
    ),
  );
const named = (text: string, pattern: RegExp) => [...text.matchAll(pattern)].map(([, name]) => name!).sort();

describe('the README', () => {
  it('opens "Embed it" with the two lines: the module script and the tag with a session and a publishable key', () => {
    const section = readme.slice(readme.indexOf('## Embed it'));
    const snippet = /```html\n([\s\S]*?)\n```/.exec(section)![1]!.split('\n');
    assert.equal(snippet.length, 2, snippet.join('\n'));
    assert.match(snippet[0]!, /^<script type="module" src="[^"]+\/kohort-checkout\.min\.js" integrity="sha384-[^"]+" crossorigin="anonymous"><\/script>$/);
    assert.match(snippet[1]!, /^<kohort-checkout session-id="cs_…" publishable-key="pk_test_…"><\/kohort-checkout>$/);
  });

  it('lists, in docs/THEMING.md, every CSS custom property the element reads, and no other', () => {
    const listed = named(paragraph('- **Custom properties**', themingDoc), /`(--kohort-[a-z-]+)`/g);
    assert.deepEqual(listed, element.cssProperties.map(({ name }) => name).sort());
  });

  it('lists, in docs/THEMING.md, every CSS part (the named buttons as "each named one"), and no other', () => {
    const text = paragraph('- **Parts**', themingDoc);
    assert.match(text, /every `button` and each named one/);
    const parts = element.cssParts.map(({ name }) => name);
    const listed = named(text, /`([a-z-]+)`/g);
    assert.deepEqual(
      listed.filter((name) => !parts.includes(name)),
      [],
      'named parts the element does not have',
    );
    assert.deepEqual(
      parts.filter((name) => !name.endsWith('-button') && !listed.includes(name)),
      [],
      'parts the list leaves out',
    );
  });

  it('names, in docs/FRAMEWORKS.md, every onKohort… prop of the React wrapper, one for each event', () => {
    const wrapper = readFileSync(join(root, 'src/react.ts'), 'utf8');
    const props = named(wrapper, /^\s+(onKohort[A-Za-z]+): 'kohort-[a-z-]+'/gm);
    const fromEvents = element.events.map(({ name }) => `on${name.replace(/(^|-)([a-z])/g, (_, __, letter: string) => letter.toUpperCase())}`).sort();
    assert.deepEqual(props, fromEvents);
    assert.deepEqual(named(paragraph('`kohort-checkout/react` wraps', frameworksDoc), /`(onKohort[A-Za-z]+)`/g), props);
  });

  it('names every field of what confirmPayment receives (intent and context), and the main entry’s values', () => {
    const types = readFileSync(join(root, 'dist/stores/payment.d.ts'), 'utf8');
    const fields = (name: string) => named(new RegExp(`interface ${name} \\{([^}]*)\\}`).exec(types)![1]!, /^\s+(\w+)\??:/gm);
    const intent = fields('PaymentIntentHandle');
    const context = fields('ConfirmPaymentContext');
    assert.ok(intent.includes('clientSecret') && context.includes('signal'), `${intent} ${context}`);
    const text = paragraph('`intent` has');
    assert.deepEqual(intent.filter((field) => !text.slice(0, text.indexOf('`context` has')).includes(`\`${field}\``)), [], 'intent fields left out');
    assert.deepEqual(context.filter((field) => !text.slice(text.indexOf('`context` has')).includes(`\`${field}\``)), [], 'context fields left out');
    const values = named(readFileSync(join(root, 'dist/kohort-checkout.d.ts'), 'utf8'), /^export \{ (\w+) \}/gm);
    assert.deepEqual(values, ['KohortCheckout', 'VERSION']);
    const docs = [...documents.values()].join('\n');
    for (const value of values) assert.match(docs, new RegExp(`import \\{ ${value} \\} from 'kohort-checkout(/element)?'`), `neither the README nor docs/ imports ${value}`);
  });

  it('names only package files that npm ships (the wording files, the CDN files)', () => {
    const shipped = packedFiles();
    const files = named([...documents.values()].join('\n'), /`(dist\/[^`]*\.(?:js|json))`/g);
    assert.ok(files.includes('dist/i18n/en.js'), files.join());
    assert.deepEqual(files.filter((file) => !shipped.includes(file)), []);
  });

  it('lists, under "Error codes", every code kohort-error sends (CheckoutErrorCode), and no other', () => {
    const union = /export type CheckoutErrorCode =([^;]*);/.exec(readFileSync(join(root, 'src/api/errors.ts'), 'utf8'))![1]!;
    const table = readme.slice(readme.indexOf('### Error codes'), readme.indexOf('\n\n', readme.indexOf('| code |')));
    const listed = [...table.matchAll(/^\| ([^|]+) \|/gm)].flatMap(([, cell]) => named(cell!, /`([a-z_]+)`/g));
    assert.deepEqual(listed.sort(), named(union, /'([a-z_]+)'/g));
  });

  it('names, with docs/, only the events, CSS parts and custom properties the element has, and only npm scripts and repository files that exist', () => {
    const scripts = Object.keys((JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts);
    const unknown: string[] = [];
    for (const [file, text] of documents) {
      const check = (pattern: RegExp, known: (name: string) => boolean) => unknown.push(...named(text, pattern).filter((name) => !known(name)).map((name) => `${file}: ${name}`));
      check(/(?<![\w/-])(?:on)?(kohort-[a-z][a-z-]*)/g, (name) => name === 'kohort-checkout' || name === 'kohort-checkout-embed' || element.events.some((event) => event.name === name));
      check(/(--kohort-[a-z-]+)/g, (name) => element.cssProperties.some((property) => property.name === name));
      check(/::part\(([a-z-]+)\)/g, (name) => element.cssParts.some((part) => part.name === name));
      check(/npm run ([a-z:]+)/g, (name) => scripts.includes(name));
      // A path into the repository (not the built dist/, nor a glob): it was renamed or removed if it is gone.
      check(/`((?:src|test|sandbox|demo|scripts|bin|\.ci)\/[\w./-]*[\w/])`/g, (name) => existsSync(join(root, name)));
    }
    assert.deepEqual(unknown, []);
  });

  it('has the reference tables scripts/readme-reference.mjs writes, whose --check (npm run docs:check) fails on a table missing a row', () => {
    const check = (dir: string) => spawnSync(process.execPath, [join(root, 'scripts/readme-reference.mjs'), '--check'], { cwd: dir, encoding: 'utf8' });
    const here = check(root);
    assert.equal(here.status, 0, here.stderr);
    // A README whose events table lacks kohort-cancel, as after a new event without `npm run docs`.
    const stale = readme.replace(/^\| `kohort-cancel` \|.*\n/m, '');
    assert.notEqual(stale, readme, 'the events table lists kohort-cancel');
    const dir = mkdtempSync(join(tmpdir(), 'kohort-reference-'));
    try {
      writeFileSync(join(dir, 'README.md'), stale);
      writeFileSync(join(dir, 'custom-elements.json'), readFileSync(join(root, 'custom-elements.json')));
      const there = check(dir);
      assert.equal(there.status, 1, 'the check fails');
      assert.match(there.stderr, /out of date: run `npm run docs`/);
      assert.equal(readFileSync(join(dir, 'README.md'), 'utf8'), stale, '--check writes nothing');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('links only to its own headings', () => {
    const links = [...readme.matchAll(/\]\(#([^)]+)\)/g)].map(([, anchor]) => anchor!);
    assert.ok(links.includes('events') && links.includes('embed-it'), links.join());
    assert.deepEqual(
      links.filter((anchor) => !headings(readme).has(anchor)),
      [],
    );
  });

  it('links, with docs/, only to files that exist and to headings they have (pictures too)', () => {
    const broken: string[] = [];
    for (const [file, text] of documents) {
      for (const [, target] of text.replace(/```[\s\S]*?```/g, '').matchAll(/\]\(([^)\s]+)\)/g)) {
        if (/^[a-z]+:/.test(target!)) continue; // https:, mailto:
        const [path, anchor] = target!.split('#') as [string, string | undefined];
        const linked = path ? join(dirname(file), path) : file;
        if (!existsSync(join(root, linked))) broken.push(`${file}: ${target} (no ${linked})`);
        else if (anchor !== undefined && linked.endsWith('.md') && !headings(readFileSync(join(root, linked), 'utf8')).has(anchor)) broken.push(`${file}: ${target} (no such heading)`);
      }
    }
    assert.ok(documents.size > 5, [...documents.keys()].join());
    assert.deepEqual(broken, []);
  });
});

/** The first fenced block of `language` after `marker`, in the README or `text`. */
function snippet(marker: string, language: string, text = readme): string {
  const from = text.indexOf(marker);
  assert.ok(from >= 0, `no "${marker}" in ${text === readme ? 'the README' : text.slice(0, text.indexOf('\n'))}`);
  const block = new RegExp(`\`\`\`${language}\n([\\s\\S]*?)\`\`\``).exec(text.slice(from));
  assert.ok(block, `no ${language} block after "${marker}"`);
  return block[1]!;
}

describe('the README’s snippets, in a TypeScript project with React 19 and the packed package', () => {
  let project: ReturnType<typeof consumerProject>;
  before(() => (project = consumerProject(['lit', 'nanostores', 'react', '@types/react'])));
  after(() => project.remove());

  it('type-check: the events’ detail, confirmPayment, the wording, the React wrapper and the Next.js component', () => {
    // What the snippets leave to the merchant's page: the order, the session, Stripe, Next.js.
    const page = [
      'declare function saveOrder(paymentIntentId: string): void;',
      'declare const sessionId: string;',
      // Stripe's own shapes (@stripe/stripe-js: elements.submit(), and confirmPayment's PaymentIntentResult), reduced to what the widget reads.
      "type StripeError = { type: 'card_error' | 'validation_error' | 'invalid_request_error'; message?: string; payment_intent?: { id: string; status: 'processing' | 'requires_action' | 'succeeded' } };",
      'declare const elements: { submit(): Promise<{ error?: StripeError; selectedPaymentMethod?: undefined } | { selectedPaymentMethod: string; error?: undefined }> };',
      "declare const stripe: { confirmPayment(options: { clientSecret: string; elements: unknown; redirect: 'if_required'; confirmParams: { return_url: string } }): Promise<{ paymentIntent: { id: string; status: 'processing' | 'requires_action' | 'succeeded' }; error?: undefined } | { paymentIntent?: undefined; error: StripeError }> };",
      'declare const process: { env: Record<string, string | undefined> };',
    ].join('\n');
    const files: Record<string, string> = {
      // The Stripe handler sets the property on the npm snippet's `checkout`.
      'npm.ts': `${snippet('npm install kohort-checkout', 'js')}\n${snippet('## Plugging in the payment provider', 'js')}\n${page}\n`,
      // The wording example, as a page would set it.
      'messages.ts': `import type { MessageOverrides } from 'kohort-checkout';\nexport const messages: MessageOverrides = ${/``(\{[^`]*`[^`]*`[^`]*\})``/.exec(paragraph('A page rewords any of them'))![1]};\n`,
      'react.tsx': `${snippet('## React', 'jsx', frameworksDoc)}\n${page}\n`,
      'next.tsx': `${snippet('## Next.js', 'tsx', frameworksDoc)}\n${page}\n`,
      'next-dynamic.d.ts':
        "declare module 'next/dynamic' {\n  import type { ComponentType } from 'react';\n  export default function dynamic<P>(load: () => Promise<ComponentType<P>>, options?: { ssr?: boolean }): ComponentType<P>;\n}\n",
    };
    for (const [file, text] of Object.entries(files)) writeFileSync(join(project.dir, file), text);
    const program = ts.createProgram(
      Object.keys(files).map((file) => join(project.dir, file)),
      {
        strict: true,
        noEmit: true,
        skipLibCheck: true,
        target: ts.ScriptTarget.ES2022,
        module: ts.ModuleKind.ESNext,
        moduleResolution: ts.ModuleResolutionKind.Bundler,
        lib: ['lib.es2022.d.ts', 'lib.dom.d.ts', 'lib.dom.iterable.d.ts'],
        types: [],
        jsx: ts.JsxEmit.ReactJSX,
      },
    );
    const errors = ts.getPreEmitDiagnostics(program).map((diagnostic) => {
      const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, ' ');
      if (!diagnostic.file) return message;
      const { line } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start ?? 0);
      return `${diagnostic.file.fileName.replace(`${project.dir}/`, '')}:${line + 1}: ${message}`;
    });
    assert.deepEqual(errors, [], errors.join('\n'));
    assert.ok(program.getSourceFiles().some((file) => file.fileName.endsWith('/node_modules/kohort-checkout/dist/react.d.ts')), 'the packed types are not loaded');
  });
});
