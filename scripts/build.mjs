// `npm run build`: bundles with rollup, emits .d.ts with tsc, copies the CDN files to
// dist/cdn/<version>/, writes their Subresource Integrity to dist/cdn/integrity.json and
// prints each file's size and integrity.
import { rollup } from 'rollup';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { gzipSync } from 'node:zlib';
import configs from '../rollup.config.mjs';

const { version } = JSON.parse(readFileSync('package.json', 'utf8'));

rmSync('dist', { recursive: true, force: true });
const written = [];
for (const config of configs) {
  const bundle = await rollup(config);
  const outputs = Array.isArray(config.output) ? config.output : [config.output];
  for (const output of outputs) {
    const { output: chunks } = await bundle.write(output);
    for (const chunk of chunks) written.push(`${output.dir ?? output.file.replace(/\/[^/]+$/, '')}/${chunk.fileName}`);
  }
  await bundle.close();
}
execFileSync('npx', ['tsc', '-p', 'tsconfig.json', '--emitDeclarationOnly'], { stdio: 'inherit' });
// tsc writes inferred types as `import("lit-html").TemplateResult`: lit-html is lit's dependency,
// not ours, and a strict node_modules (pnpm) does not have it. lit re-exports all of it.
for (const file of readdirSync('dist', { recursive: true }).filter((name) => name.endsWith('.d.ts'))) {
  const types = readFileSync(`dist/${file}`, 'utf8');
  const fixed = types.replace(/import\("(lit-html|lit-element|@lit\/reactive-element)"\)/g, 'import("lit")');
  if (fixed !== types) writeFileSync(`dist/${file}`, fixed);
}
// tsc does not copy hand-written declaration files (the framework typings); the entries' types import them.
for (const file of readdirSync('src', { recursive: true }).filter((name) => name.endsWith('.d.ts'))) {
  mkdirSync(dirname(`dist/${file}`), { recursive: true });
  copyFileSync(`src/${file}`, `dist/${file}`);
}

// The CDN files: the unversioned names (the demo loads them) and dist/cdn/<version>/ to upload.
const cdnFiles = readdirSync('dist/cdn', { recursive: true, withFileTypes: true })
  .filter((entry) => entry.isFile() && entry.name.endsWith('.js'))
  .map((entry) => `${entry.parentPath}/${entry.name}`.slice('dist/cdn/'.length))
  .sort();
const integrity = Object.fromEntries(
  cdnFiles.map((file) => [file, `sha384-${createHash('sha384').update(readFileSync(`dist/cdn/${file}`)).digest('base64')}`]),
);
for (const file of cdnFiles) {
  mkdirSync(dirname(`dist/cdn/${version}/${file}`), { recursive: true });
  copyFileSync(`dist/cdn/${file}`, `dist/cdn/${version}/${file}`);
}
const manifest = `${JSON.stringify({ version, files: integrity }, null, 2)}\n`;
writeFileSync('dist/cdn/integrity.json', manifest);
writeFileSync(`dist/cdn/${version}/integrity.json`, manifest);

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
const rows = written
  .filter((file) => (file.includes('/cdn/') && !file.includes('/chunks/')) || /dist\/(kohort-checkout(\.component)?|react)\.js$/.test(file))
  .map((file) => {
    const source = readFileSync(file);
    const cdnName = file.startsWith('dist/cdn/') ? file.slice('dist/cdn/'.length) : null;
    return { file, size: kb(source.length), gzip: kb(gzipSync(source, { level: 9 }).length), integrity: cdnName ? integrity[cdnName] : '' };
  });
console.log(`built ${written.length} files; CDN copy in dist/cdn/${version}/, integrity in dist/cdn/integrity.json`);
console.table(rows);
