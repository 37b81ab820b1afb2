// `npm run build`: bundles with rollup, emits .d.ts with tsc, prints each file's size.
import { rollup } from 'rollup';
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import configs from '../rollup.config.mjs';

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

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
const rows = written
  .filter((file) => file.includes('/cdn/') || /dist\/kohort-checkout(\.component)?\.js$/.test(file))
  .map((file) => {
    const source = readFileSync(file);
    return { file, size: kb(source.length), gzip: kb(gzipSync(source, { level: 9 }).length) };
  });
console.log(`built ${written.length} files`);
console.table(rows);
