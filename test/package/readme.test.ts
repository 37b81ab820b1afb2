/**
 * The README's hand-written parts a merchant copies from, held to what the element offers
 * (custom-elements.json, the React wrapper): the two-line embed, the theming lists, the React
 * event props and the links between sections. The reference tables are generated
 * (scripts/readme-reference.mjs); these lists are not, so they could drift.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { root } from './helpers.ts';

const readme = readFileSync(join(root, 'README.md'), 'utf8');
const manifest = JSON.parse(readFileSync(join(root, 'custom-elements.json'), 'utf8')) as {
  modules: { declarations?: { tagName?: string; cssParts: { name: string }[]; cssProperties: { name: string }[]; events: { name: string }[] }[] }[];
};
const element = manifest.modules.flatMap((module) => module.declarations ?? []).find((declaration) => declaration.tagName === 'kohort-checkout')!;

/** The text from `start` to the next blank line or list item. */
function paragraph(start: string): string {
  const from = readme.indexOf(start);
  assert.ok(from >= 0, `the README has no "${start}"`);
  const ends = ['\n\n', '\n- '].map((end) => readme.indexOf(end, from + start.length)).filter((index) => index >= 0);
  return readme.slice(from, Math.min(...ends));
}
const named = (text: string, pattern: RegExp) => [...text.matchAll(pattern)].map(([, name]) => name!).sort();

describe('the README', () => {
  it('opens "Embed it" with the two lines: the module script and the tag with a session and a publishable key', () => {
    const section = readme.slice(readme.indexOf('## Embed it'));
    const snippet = /```html\n([\s\S]*?)\n```/.exec(section)![1]!.split('\n');
    assert.equal(snippet.length, 2, snippet.join('\n'));
    assert.match(snippet[0]!, /^<script type="module" src="[^"]+\/kohort-checkout\.min\.js" integrity="sha384-[^"]+" crossorigin="anonymous"><\/script>$/);
    assert.match(snippet[1]!, /^<kohort-checkout session-id="cs_…" publishable-key="pk_test_…"><\/kohort-checkout>$/);
  });

  it('lists, under Theming, every CSS custom property the element reads, and no other', () => {
    const listed = named(paragraph('- **Custom properties**'), /`(--kohort-[a-z-]+)`/g);
    assert.deepEqual(listed, element.cssProperties.map(({ name }) => name).sort());
  });

  it('lists, under Theming, every CSS part (the named buttons as "each named one"), and no other', () => {
    const text = paragraph('- **Parts**');
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

  it('names every onKohort… prop of the React wrapper, one for each event', () => {
    const wrapper = readFileSync(join(root, 'src/react.ts'), 'utf8');
    const props = named(wrapper, /^\s+(onKohort[A-Za-z]+): 'kohort-[a-z-]+'/gm);
    const fromEvents = element.events.map(({ name }) => `on${name.replace(/(^|-)([a-z])/g, (_, __, letter: string) => letter.toUpperCase())}`).sort();
    assert.deepEqual(props, fromEvents);
    assert.deepEqual(named(paragraph('**React**'), /`(onKohort[A-Za-z]+)`/g), props);
  });

  it('links only to its own headings', () => {
    const slug = (heading: string) =>
      heading
        .toLowerCase()
        .replace(/[^\p{L}\p{N}\s-]/gu, '')
        .replace(/\s/g, '-');
    const headings = new Set([...readme.matchAll(/^#{2,4} (.+)$/gm)].map(([, heading]) => slug(heading!)));
    const links = [...readme.matchAll(/\]\(#([^)]+)\)/g)].map(([, anchor]) => anchor!);
    assert.ok(links.includes('events') && links.includes('embed-it'), links.join());
    assert.deepEqual(
      links.filter((anchor) => !headings.has(anchor)),
      [],
    );
  });
});
