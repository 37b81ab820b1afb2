// Three outputs: ESM for bundlers (lit and nanostores stay external), and two
// self-contained, minified CDN files (ES module and classic IIFE script).
import esbuild from 'rollup-plugin-esbuild';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import replace from '@rollup/plugin-replace';
import { readFileSync } from 'node:fs';

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));
const banner = `/*! kohort-checkout v${version} | MIT | bundles lit (BSD-3-Clause) and nanostores (MIT) */`;

const isExternal = (id) => /^(lit|@lit\/|nanostores)(\/|$)/.test(id);

// Added after minification, which would strip it.
const bannerAfterMinify = { name: 'banner', renderChunk: (code) => ({ code: `${banner}\n${code}`, map: null }) };

const cdnPlugins = [
  replace({ preventAssignment: true, values: { 'process.env.NODE_ENV': JSON.stringify('production') } }),
  nodeResolve({ browser: true }),
  esbuild({ target: 'es2021', minify: true, legalComments: 'none' }),
  bannerAfterMinify,
];

export default [
  {
    input: { 'kohort-checkout': 'src/kohort-checkout.ts', 'kohort-checkout.component': 'src/kohort-checkout.component.ts' },
    external: isExternal,
    plugins: [esbuild({ target: 'es2021' })],
    output: { dir: 'dist', format: 'esm', preserveModules: true, preserveModulesRoot: 'src', banner },
  },
  {
    input: 'src/kohort-checkout.ts',
    plugins: cdnPlugins,
    // Languages other than French and English are separate chunks, loaded on demand.
    output: { dir: 'dist/cdn', entryFileNames: 'kohort-checkout.min.js', chunkFileNames: 'chunks/[name]-[hash].min.js', format: 'esm' },
  },
  {
    input: 'src/kohort-checkout.ts',
    plugins: cdnPlugins,
    // A classic script cannot load chunks: every language is inside.
    output: { file: 'dist/cdn/kohort-checkout.iife.min.js', format: 'iife', name: 'KohortCheckout', inlineDynamicImports: true },
  },
];
