// Writes the README's reference tables from custom-elements.json: the attributes, properties and
// events between `<!-- reference:start -->` and `<!-- reference:end -->`, the CSS parts and custom
// properties between `<!-- reference-css:start -->` and `<!-- reference-css:end -->` (the
// hand-written error codes sit between the two). `--check` fails instead of writing when the
// README is out of date (run by `npm test`).
import { readFileSync, writeFileSync } from 'node:fs';

const manifest = JSON.parse(readFileSync('custom-elements.json', 'utf8'));
const element = manifest.modules.flatMap((module) => module.declarations ?? []).find((d) => d.tagName === 'kohort-checkout');
if (!element) throw new Error('custom-elements.json has no <kohort-checkout>: run npm run analyze');

const cell = (text = '') => String(text).replace(/\|/g, '\\|').replace(/\n+/g, ' ').trim();
const code = (text) => (text ? `\`${text}\`` : '');
const table = (headers, rows) =>
  [`| ${headers.join(' | ')} |`, `| ${headers.map(() => '---').join(' | ')} |`, ...rows.map((row) => `| ${row.map(cell).join(' | ')} |`)].join('\n');

const properties = (element.members ?? []).filter((member) => member.kind === 'field' && member.privacy !== 'protected');
const attributes = element.attributes ?? [];
const sections = {
  reference: [
    '### Attributes and properties',
    table(
      ['attribute', 'property', 'type', 'default', 'description'],
      attributes.map((a) => [code(a.name), code(a.fieldName), code(a.type?.text), code(a.default), a.description]),
    ),
    '',
    table(
      ['property only', 'type', 'description'],
      properties.filter((p) => !attributes.some((a) => a.fieldName === p.name)).map((p) => [code(p.name), code(p.type?.text), p.description]),
    ),
    '',
    '### Events',
    'All are `CustomEvent`s that bubble and cross shadow roots (`composed`); their `detail` types are exported and declared in `HTMLElementEventMap`. The widget\'s own fields are camelCase (`sessionId`, `amountTotal`); `session` and `group` are the KohortPay API\'s objects as it sends them, in its snake_case (`CheckoutSession`, `PaymentGroup`: `group.share_id`, `session.amount_total`), the same shapes as the API\'s answers. `kohort-ready` and `kohort-error` can fire as soon as the session answers: add listeners before the widget\'s script runs (a listener on the tag works before the element is defined), or read the `state` attribute for what is already shown.',
    '',
    table(['event', 'detail', 'when'], (element.events ?? []).map((e) => [code(e.name), code(e.type?.text), e.description])),
  ].join('\n'),
  'reference-css': [
    '### CSS parts',
    table(['part', 'what'], (element.cssParts ?? []).map((p) => [code(p.name), p.description])),
    '',
    '### CSS custom properties',
    table(['property', 'what'], (element.cssProperties ?? []).map((p) => [code(p.name), p.description])),
  ].join('\n'),
};

const readme = readFileSync('README.md', 'utf8');
let updated = readme;
for (const [name, text] of Object.entries(sections)) {
  const start = `<!-- ${name}:start (generated from custom-elements.json by scripts/readme-reference.mjs) -->`;
  const end = `<!-- ${name}:end -->`;
  const from = updated.indexOf(start);
  const to = updated.indexOf(end);
  if (from < 0 || to < from) throw new Error(`README.md lacks the ${name} markers`);
  updated = `${updated.slice(0, from + start.length)}\n${text}\n${updated.slice(to)}`;
}
if (process.argv.includes('--check')) {
  if (updated !== readme) {
    console.error('README.md reference tables are out of date: run `npm run docs`.');
    process.exit(1);
  }
  console.log('README reference tables match custom-elements.json');
} else {
  writeFileSync('README.md', updated);
}
