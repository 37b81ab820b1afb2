#!/usr/bin/env node
// kohort-checkout-embed <base-url> [--classic] [--dir <folder>]
// Prints the HTML that loads the widget from your own server, pinned with Subresource Integrity:
// the import map with every chunk's hash and the module <script> (or, with --classic, the classic
// script's one tag). The hashes are computed from the files themselves (this package's dist/cdn/
// by default), so what is printed is what the browser will check.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { chunkIntegrity } from './import-map.mjs';

const USAGE = `Usage: kohort-checkout-embed <base-url> [--classic] [--dir <folder>]

  <base-url>  where you serve the contents of dist/cdn/, e.g. https://static.shop.example/kohort/0.1.0/
  --classic   print the classic script's tag (one file, no import map) instead of the module's
  --dir       the folder to hash (default: this package's dist/cdn/)`;

function fail(message) {
  console.error(`kohort-checkout-embed: ${message}`);
  process.exit(1);
}

let options;
try {
  options = parseArgs({
    allowPositionals: true,
    options: { classic: { type: 'boolean' }, dir: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
} catch (error) {
  fail(`${error.message}\n\n${USAGE}`);
}
const { values, positionals } = options;
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
if (positionals.length !== 1) fail(`give one base URL.\n\n${USAGE}`);

/** The base as a folder URL ending with `/`; https only, but for a test server on this computer. */
function folderUrl(text) {
  let url;
  try {
    url = new URL(text);
  } catch {
    fail(`"${text}" is not a URL: give the full address, e.g. https://static.shop.example/kohort/0.1.0/`);
  }
  const local = url.protocol === 'http:' && ['localhost', '127.0.0.1'].includes(url.hostname);
  if (url.protocol !== 'https:' && !local) {
    fail(`"${text}" is not an https: URL. A payment widget must be served over HTTPS (http: is allowed for localhost and 127.0.0.1 only).`);
  }
  if (url.search || url.hash || url.username || url.password) {
    fail(`"${text}" has a query, a fragment or credentials: give the folder's plain address.`);
  }
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  return url.href;
}

const base = folderUrl(positionals[0]);
// URL parsing keeps " in a host name and & in a path: in an attribute they would end it or read as a character reference.
const src = (file) => `${base}${file}`.replace(/&/g, '&amp;').replace(/"/g, '&quot;');
const dir = values.dir ?? fileURLToPath(new URL('../dist/cdn/', import.meta.url));
const moduleFile = values.classic ? 'kohort-checkout.iife.min.js' : 'kohort-checkout.min.js';
if (!existsSync(join(dir, moduleFile))) fail(`no ${moduleFile} in ${dir}: build it first (npm run build), or pass --dir.`);

const integrity = (file) => `sha384-${createHash('sha384').update(readFileSync(join(dir, file))).digest('base64')}`;
const chunks = existsSync(join(dir, 'chunks'))
  ? readdirSync(join(dir, 'chunks')).filter((name) => name.endsWith('.js')).sort().map((name) => `chunks/${name}`)
  : [];
// The module always loads some (the group view, four languages): without them the page would break later, unpinned.
if (!values.classic && chunks.length === 0) fail(`no chunks/ beside ${moduleFile} in ${dir}: copy the whole of dist/cdn/, chunks/ included.`);
const files = Object.fromEntries(chunks.map((file) => [file, integrity(file)]));

if (values.classic) {
  console.log(`<script src="${src(moduleFile)}" integrity="${integrity(moduleFile)}" crossorigin="anonymous" defer></script>`);
} else {
  // The import map pins the chunks the module loads later; it must come before the page's first module script.
  const importMap = JSON.stringify({ integrity: chunkIntegrity(files, base) }, null, 2);
  console.log(`<script type="importmap">\n${importMap}\n</script>`);
  console.log(`<script type="module" src="${src(moduleFile)}" integrity="${integrity(moduleFile)}" crossorigin="anonymous"></script>`);
  const source = `'sha256-${createHash('sha256').update(`\n${importMap}\n`).digest('base64')}'`;
  console.error(`Under a Content Security Policy, allow the import map with ${source} in script-src.`);
}
console.error(`Serve ${values.classic ? moduleFile : 'the files, chunks/ included,'} of ${dir} at ${base}`);
