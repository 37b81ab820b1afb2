/**
 * custom-elements.json (generated from the element's JSDoc by `npm run analyze`) against the
 * sources: every attribute the element observes, every `kohort-*` event it can fire, every
 * `part` its templates set and every `--kohort-*` property its styles read must be documented
 * there, and nothing documented may be gone from the sources. Also keeps the framework typings' attribute list and the React wrapper's
 * events in step with the element.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { packageJson, root } from './helpers.ts';

interface ManifestElement {
  tagName?: string;
  members?: { kind: string; name: string; readonly?: boolean; attribute?: string }[];
  attributes?: { name: string; fieldName?: string }[];
  events?: { name: string }[];
  cssParts?: { name: string }[];
  cssProperties?: { name: string }[];
}

const manifest = JSON.parse(readFileSync(join(root, 'custom-elements.json'), 'utf8')) as { modules: { declarations?: ManifestElement[] }[] };
const element = manifest.modules.flatMap((module) => module.declarations ?? []).find((declaration) => declaration.tagName === 'kohort-checkout');

const sources = readdirSync(join(root, 'src'), { recursive: true, encoding: 'utf8' })
  .filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts'))
  .map((file) => ({ file, text: readFileSync(join(root, 'src', file), 'utf8') }));

/** The body of `interface Name { … }` (or `type Name = { … }`) in a source file. */
function block(text: string, name: string): string {
  const start = text.search(new RegExp(`(interface|type) ${name}\\b`));
  assert.ok(start >= 0, `${name} not found`);
  const open = text.indexOf('{', start);
  let depth = 0;
  for (let index = open; index < text.length; index += 1) {
    if (text[index] === '{') depth += 1;
    if (text[index] === '}' && --depth === 0) return text.slice(open + 1, index);
  }
  throw new Error(`${name} is not closed`);
}

/** Property names declared at the top level of an interface body. */
const keysOf = (body: string) => [...body.matchAll(/^\s*'?([\w-]+)'?\??:/gm)].map(([, key]) => key!);

const missing = (expected: Iterable<string>, documented: Iterable<string>) => {
  const have = new Set(documented);
  return [...new Set(expected)].filter((name) => !have.has(name)).sort();
};

/** The attributes the element observes, read from the built class (lit runs in Node without a DOM). */
async function observedAttributes(): Promise<string[]> {
  const { KohortCheckout } = (await import(join(root, 'dist/kohort-checkout.component.js'))) as {
    KohortCheckout: { observedAttributes: string[] };
  };
  return [...KohortCheckout.observedAttributes];
}

/** Every `kohort-*` event: the keys of KohortCheckoutEventMap and every name passed to the element's #emit(). */
function firedEvents(): string[] {
  const eventMap = keysOf(block(readFileSync(join(root, 'src/events.ts'), 'utf8'), 'KohortCheckoutEventMap'));
  const emitted = sources.flatMap(({ text }) => [...text.matchAll(/(?:#emit|dispatchEvent\(new CustomEvent)\(\s*'(kohort-[a-z-]+)'/g)].map(([, name]) => name!));
  return [...eventMap, ...emitted];
}

/** Every part token set in a template: `part="a b"` and the string literals of `part=${…}`. */
function templateParts(): string[] {
  return sources.flatMap(({ text }) => [
    ...[...text.matchAll(/\bpart="([^"$]*)"/g)].flatMap(([, value]) => value!.split(/\s+/)),
    ...[...text.matchAll(/\bpart=\$\{([^}]*)\}/g)].flatMap(([, expression]) =>
      [...expression!.matchAll(/'([^']*)'/g)].flatMap(([, value]) => value!.split(/\s+/)),
    ),
  ]).filter(Boolean);
}

describe('custom-elements.json', () => {
  it('is the package.json "customElements" file and describes <kohort-checkout>', () => {
    assert.equal(packageJson.customElements, 'custom-elements.json');
    assert.ok(element, 'no declaration with tagName kohort-checkout: run npm run analyze');
  });

  it('lists as JavaScript exports only values the modules export (no type a tool would look for)', async () => {
    const modules = (manifest as { modules: { path: string; exports?: { kind: string; name: string }[] }[] }).modules;
    for (const module of modules) {
      const names = (module.exports ?? []).filter((entry) => entry.kind === 'js').map((entry) => entry.name);
      if (!names.length) continue;
      const values = Object.keys(await import(join(root, module.path)));
      for (const name of names) assert.ok(values.includes(name), `${module.path} exports no value ${name}`);
    }
  });

  it('says which module defines the tag (a custom-element-definition export, as the schema has it)', () => {
    const modules = (manifest as { modules: { path: string; exports?: { kind: string; name: string; declaration: { name: string; module?: string } }[] }[] }).modules;
    const definer = modules.find((module) => `./${module.path}` === (packageJson.exports['.'] as Record<string, string>).default);
    const definition = definer?.exports?.find((entry) => entry.kind === 'custom-element-definition');
    assert.deepEqual(definition, {
      kind: 'custom-element-definition',
      name: 'kohort-checkout',
      declaration: { name: 'KohortCheckout', module: 'dist/kohort-checkout.component.js' },
    });
    const element = modules.find((module) => `./${module.path}` === (packageJson.exports['./element'] as Record<string, string>).default);
    assert.ok(!element?.exports?.some((entry) => entry.kind === 'custom-element-definition'), 'kohort-checkout/element registers nothing');
  });

  it('points every export at a declaration the manifest has (a re-export at the module that declares it)', () => {
    const modules = (manifest as { modules: { path: string; declarations?: { name: string }[]; exports?: { kind: string; name: string; declaration: { name: string; module?: string; package?: string } }[] }[] }).modules;
    for (const module of modules) {
      for (const entry of module.exports ?? []) {
        if (entry.declaration.package || entry.name === '*') continue;
        const target = modules.find((candidate) => candidate.path === (entry.declaration.module ?? module.path));
        assert.ok(
          target?.declarations?.some((declaration) => declaration.name === entry.declaration.name),
          `${module.path} exports ${entry.name} from ${entry.declaration.module}, which declares no ${entry.declaration.name} in the manifest`,
        );
      }
    }
  });

  it('documents every observed attribute, and no attribute the element lacks', async () => {
    const observed = await observedAttributes();
    assert.ok(observed.includes('session-id'), 'session-id is an observed attribute');
    const documented = (element?.attributes ?? []).map((attribute) => attribute.name);
    assert.deepEqual(missing(observed, documented), [], 'attributes missing from the manifest (add JSDoc to the @property)');
    assert.deepEqual(missing(documented, observed), [], 'attributes in the manifest the element does not observe');
  });

  it('documents every kohort-* event the element fires, and no other', () => {
    const fired = firedEvents();
    assert.ok(fired.includes('kohort-success'), 'kohort-success is a listed event');
    const documented = (element?.events ?? []).map((event) => event.name);
    assert.deepEqual(missing(fired, documented), [], 'events missing from the manifest (add a @fires line to the element)');
    assert.deepEqual(missing(documented, fired), [], 'events in the manifest the element never fires');
  });

  it('documents every --kohort-* custom property the styles read, and no other', () => {
    const read = sources.flatMap(({ text }) => [...text.matchAll(/var\(\s*(--kohort-[a-z-]+)/g)].map(([, name]) => name!));
    assert.ok(read.includes('--kohort-accent'), '--kohort-accent is a listed CSS property');
    const documented = (element?.cssProperties ?? []).map((property) => property.name);
    assert.deepEqual(missing(read, documented), [], 'custom properties missing from the manifest (add a @cssprop line to the element)');
    assert.deepEqual(missing(documented, read), [], 'custom properties in the manifest no style reads');
  });

  it('marks state as read-only, as its type is (the widget sets it; a page reads it)', () => {
    const state = element?.members?.find((member) => member.name === 'state');
    assert.equal(state?.readonly, true);
    const writable = (element?.members ?? []).filter((member) => member.kind === 'field' && member.name !== 'state' && member.readonly);
    assert.deepEqual(writable, [], 'only state is read-only');
  });

  it('documents every part the templates set, and no other', () => {
    const parts = templateParts();
    assert.ok(parts.includes('container') && parts.includes('pay-button'), 'container and pay-button are listed parts');
    const documented = (element?.cssParts ?? []).map((part) => part.name);
    assert.deepEqual(missing(parts, documented), [], 'parts missing from the manifest (add a @csspart line to the element)');
    assert.deepEqual(missing(documented, parts), [], 'parts in the manifest no template sets');
  });
});

describe('the framework typings and the React wrapper', () => {
  it('type every observed attribute but the read-only state', async () => {
    const typed = keysOf(block(readFileSync(join(root, 'src/frameworks.d.ts'), 'utf8'), 'KohortCheckoutAttributes'));
    const observed = (await observedAttributes()).filter((name) => name !== 'state');
    assert.deepEqual([...typed].sort(), [...observed].sort());
  });

  it('give the React wrapper an onKohort… prop for every event', () => {
    const wrapper = readFileSync(join(root, 'src/react.ts'), 'utf8');
    const events = keysOf(block(readFileSync(join(root, 'src/events.ts'), 'utf8'), 'KohortCheckoutEventMap'));
    for (const name of events) {
      const prop = `on${name.replace(/(^|-)([a-z])/g, (_match, _dash, letter: string) => letter.toUpperCase())}`;
      assert.match(wrapper, new RegExp(`${prop}: '${name}' as EventName<`), `kohort-checkout/react lacks ${prop}`);
    }
  });
});
