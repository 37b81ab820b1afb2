// `npm run examples` (after `npm run build`): builds every example into demo/examples/dist/,
// the way a merchant's project would. `kohort-checkout` is resolved through this package's
// own `exports` (as it would be from node_modules); the CDN files are the versioned ones,
// with the integrity from dist/cdn/integrity.json stamped into the script tags.
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build as esbuild } from 'esbuild';
import { rollup } from 'rollup';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import replace from '@rollup/plugin-replace';
import { chunkIntegrity } from '../../bin/import-map.mjs';
import { angularLinker, compileAngular } from './angular/ngc.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '../..');
const out = join(here, 'dist');
const isPackage = /^kohort-checkout(\/|$)/;
/** `kohort-checkout`, `kohort-checkout/react`… → the file this package's `exports` names. */
const resolvePackage = (specifier) => fileURLToPath(import.meta.resolve(specifier));
/** Sources that are bundled below rather than copied. */
const bundled = new Set(['esm-rollup/main.js', 'vue/main.js']);
const production = { 'process.env.NODE_ENV': JSON.stringify('production') };

export async function buildExamples() {
  if (!existsSync(join(root, 'dist/cdn/integrity.json'))) throw new Error('dist/ is missing: run `npm run build` first.');
  const { version, files: integrity } = JSON.parse(readFileSync(join(root, 'dist/cdn/integrity.json'), 'utf8'));
  rmSync(out, { recursive: true, force: true });

  // The CDN, as https://cdn.example.com/kohort-checkout/<version>/ would serve it.
  const cdn = join(out, 'cdn/kohort-checkout', version);
  for (const file of Object.keys(integrity)) {
    mkdirSync(dirname(join(cdn, file)), { recursive: true });
    copyFileSync(join(root, 'dist/cdn', version, file), join(cdn, file));
  }

  // Pages and plain scripts, with the CDN script tags pinned to this build, and the chunks in an import map.
  const importMap = JSON.stringify({ integrity: chunkIntegrity(integrity, `/cdn/kohort-checkout/${version}/`) });
  const examples = readdirSync(here, { withFileTypes: true }).filter((entry) => entry.isDirectory() && entry.name !== 'dist');
  for (const { name } of examples) {
    mkdirSync(join(out, name), { recursive: true });
    for (const file of readdirSync(join(here, name)).filter((file) => /\.(html|js)$/.test(file) && !bundled.has(`${name}/${file}`))) {
      const text = readFileSync(join(here, name, file), 'utf8').replace(/<script\b[^>]*>/g, (tag) => {
        const src = tag.match(/src="\/cdn\/kohort-checkout\/[^/]+\/([^"]+)"/);
        if (!src) return tag;
        return tag.replace(/src="[^"]*"/, `src="/cdn/kohort-checkout/${version}/${src[1]}"`).replace(/integrity="[^"]*"/, `integrity="${integrity[src[1]]}"`);
      }).replace(/(<script type="importmap">)[\s\S]*?(<\/script>)/, (_, open, close) => `${open}${importMap}${close}`);
      writeFileSync(join(out, name, file), text);
    }
  }

  // An ES module app bundled with rollup.
  const bundle = await rollup({
    input: join(here, 'esm-rollup/main.js'),
    plugins: [
      { name: 'kohort-checkout', resolveId: (source) => (isPackage.test(source) ? resolvePackage(source) : null) },
      nodeResolve({ browser: true }),
      replace({ preventAssignment: true, values: production }),
    ],
  });
  // The widget's other languages become chunks of the app, loaded on demand.
  await bundle.write({ dir: join(out, 'esm-rollup'), entryFileNames: 'main.js', chunkFileNames: 'chunks/[name]-[hash].js', format: 'esm' });
  await bundle.close();

  // React and Vue apps bundled with esbuild.
  const resolveKohort = {
    name: 'kohort-checkout',
    setup: (build) => build.onResolve({ filter: isPackage }, ({ path }) => ({ path: resolvePackage(path) })),
  };
  const common = { bundle: true, format: 'esm', minify: true, logLevel: 'warning', plugins: [resolveKohort], absWorkingDir: root };
  await esbuild({ ...common, entryPoints: [join(here, 'react/main.jsx')], outfile: join(out, 'react/main.js'), jsx: 'automatic', define: production });
  await esbuild({
    ...common,
    entryPoints: [join(here, 'vue/main.js')],
    outfile: join(out, 'vue/main.js'),
    // The full build of Vue compiles the template in the browser.
    alias: { vue: 'vue/dist/vue.esm-bundler.js' },
    define: { ...production, __VUE_OPTIONS_API__: 'true', __VUE_PROD_DEVTOOLS__: 'false', __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false' },
  });

  // Angular: compiled ahead of time by ngc (strictTemplates: a template error fails the build), then bundled.
  const ngcOut = join(out, '.angular');
  const errors = compileAngular({ outDir: ngcOut });
  if (errors.length > 0) throw new Error(`ngc: the Angular example does not compile:\n${errors.join('\n')}`);
  await esbuild({
    ...common,
    entryPoints: [join(ngcOut, 'main.js')],
    outfile: join(out, 'angular/main.js'),
    plugins: [resolveKohort, angularLinker],
    // What the Angular CLI defines for a production build.
    define: { ...production, ngDevMode: 'false', ngJitMode: 'false', ngI18nClosureMode: 'false' },
  });
  rmSync(ngcOut, { recursive: true });

  const list = examples.map(({ name }) => `<li><a href="/${name}/">${name}</a></li>`).join('\n      ');
  writeFileSync(
    join(out, 'index.html'),
    `<!doctype html>\n<html lang="en">\n  <head><meta charset="utf-8" /><title>kohort-checkout examples</title></head>\n  <body>\n    <h1>kohort-checkout examples</h1>\n    <ul>\n      ${list}\n    </ul>\n  </body>\n</html>\n`,
  );
  return examples.map(({ name }) => name);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const built = await buildExamples();
  console.log(`built ${built.join(', ')} into demo/examples/dist/ (open them with: npm run examples:serve)`);
}
