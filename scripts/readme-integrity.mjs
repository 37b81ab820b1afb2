// Writes the version and the Subresource Integrity of the built CDN files (dist/cdn/integrity.json,
// from `npm run build`) into the README's "Embed it" snippets: every
// `<script … src="…/<version>/<file>" … integrity="…">`, the import map that pins the
// module's chunks (`chunks/…`, beside the module), and the version of the self-hosting example's
// folder (`npx kohort-checkout-embed https://…/<version>/`). Run by `npm run docs`;
// test/package/package.test.ts fails when the README and the build disagree.
import { readFileSync, writeFileSync } from 'node:fs';
import { chunkIntegrity } from '../bin/import-map.mjs';

const { version, files } = JSON.parse(readFileSync('dist/cdn/integrity.json', 'utf8'));
const readme = readFileSync('README.md', 'utf8');
const start = readme.indexOf('## Embed it');
const end = readme.indexOf('\n## ', start + 1);
if (start < 0 || end < 0) throw new Error('README.md has no "## Embed it" section');

let count = 0;
const section = readme.slice(start, end).replace(/<script\b[^>]*>/g, (tag) => {
  const src = tag.match(/src="([^"]*\/)\d+\.\d+\.\d+[^/"]*\/([^"]+)"/);
  if (!src || !files[src[2]]) return tag;
  count += 1;
  return tag
    .replace(/src="[^"]*"/, `src="${src[1]}${version}/${src[2]}"`)
    .replace(/integrity="[^"]*"/, `integrity="${files[src[2]]}"`);
});
if (count === 0) throw new Error('no versioned CDN <script> in the README\'s "Embed it" section');
// The self-hosting example's folder names the same version as the tags.
const withExample = section.replace(/(kohort-checkout-embed https:\S*\/)\d+\.\d+\.\d+[^/\s`]*\//g, `$1${version}/`);

const moduleSrc = withExample.match(/<script type="module" src="([^"]*\/)kohort-checkout\.min\.js"/);
if (!moduleSrc) throw new Error('no module <script> in the README\'s "Embed it" section');
const integrityMap = chunkIntegrity(files, moduleSrc[1]);
const importMap = JSON.stringify({ integrity: integrityMap }, null, 2);
let maps = 0;
const pinned = withExample.replace(/(<script type="importmap">\n)[\s\S]*?(\n<\/script>)/, (_, open, close) => {
  maps += 1;
  return `${open}${importMap}${close}`;
});
if (maps !== 1) throw new Error('the README\'s "Embed it" section needs one <script type="importmap"> block');
writeFileSync('README.md', readme.slice(0, start) + pinned + readme.slice(end));
console.log(`README "Embed it": ${count} script tags and ${Object.keys(integrityMap).length} chunks at v${version} with their integrity`);
