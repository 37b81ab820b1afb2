// Writes the version and the Subresource Integrity of the built CDN files (dist/cdn/integrity.json,
// from `npm run build`) into the README's "Embed it" snippets: every
// `<script … src="…/<version>/<file>" … integrity="…">`, and the import map that pins the
// module's chunks (`chunks/…`, beside the module). Run by `npm run docs`;
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

const moduleSrc = section.match(/<script type="module" src="([^"]*\/)kohort-checkout\.min\.js"/);
if (!moduleSrc) throw new Error('no module <script> in the README\'s "Embed it" section');
const integrityMap = chunkIntegrity(files, moduleSrc[1]);
const importMap = JSON.stringify({ integrity: integrityMap }, null, 2);
let maps = 0;
const pinned = section.replace(/(<script type="importmap">\n)[\s\S]*?(\n<\/script>)/, (_, open, close) => {
  maps += 1;
  return `${open}${importMap}${close}`;
});
if (maps !== 1) throw new Error('the README\'s "Embed it" section needs one <script type="importmap"> block');
writeFileSync('README.md', readme.slice(0, start) + pinned + readme.slice(end));
console.log(`README "Embed it": ${count} script tags and ${Object.keys(integrityMap).length} chunks at v${version} with their integrity`);
