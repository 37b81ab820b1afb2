// Four outputs: ESM for bundlers (lit and nanostores stay external), the React wrapper
// (react external, @lit/react inside), and two self-contained, minified CDN files
// (ES module and classic IIFE script). scripts/build.mjs copies the CDN files to a
// versioned folder and computes their Subresource Integrity.
import esbuild from 'rollup-plugin-esbuild';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import replace from '@rollup/plugin-replace';
import terser from '@rollup/plugin-terser';
import { transformSync } from 'esbuild';
import { minifyCssLiterals, shortPropertyNames } from './scripts/minify-css.mjs';
import { minifyHtmlLiterals } from './scripts/minify-html.mjs';
import { propertyNamesIn, shortNamesByUse } from './scripts/short-names.mjs';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));
const banner = `/*! kohort-checkout v${version} | MIT | bundles lit (BSD-3-Clause) and nanostores (MIT) */`;
const reactBanner = `/*! kohort-checkout v${version} | MIT | bundles @lit/react (BSD-3-Clause) */`;

const isExternal = (id) => /^(lit|@lit\/|nanostores)(\/|$)/.test(id);
const definer = fileURLToPath(new URL('./src/kohort-checkout.ts', import.meta.url));
/** The classic script's entry: the definer imported for its effect alone, so the script exports nothing. */
const classicEntry = '\0kohort-checkout-classic';
const classicEntryPlugin = {
  name: 'classic-entry',
  // The definer is imported for its effect (package.json lists only the built one as having effects).
  resolveId: (id, importer) => (id === classicEntry ? id : importer === classicEntry ? { id: definer, moduleSideEffects: true } : null),
  load: (id) => (id === classicEntry ? `import ${JSON.stringify(definer)};` : null),
};

// Property names terser shortens in the CDN files (275 B gzip on the module): keys and methods of
// objects that never leave the module's own code, neither to a page (events, public element properties),
// the API (request bodies), nor another chunk (each chunk is minified on its own). The guard
// below fails the build if another chunk names one. Nothing guards the other way: the entry
// must not read a listed name on a built-in object (a Set's clear, a form's reset, an
// Intl.Locale's language, nanostores' batch() calls a Set's clear), as it would be shortened there too.
const internalNames = [
  ...['onSubmit', 'onEmailInput', 'onEmailChange', 'onCodeToggle', 'onCodeInput', 'onCodeApply', 'onCodeRemove', 'onCheckAgain'],
  ...['$view', 'setPaying', 'showPaid', 'showExpired', 'isCurrent', '$referral', '$payment', 'recheck'],
  ...['refusedUrls', 'summary', 'products', 'articleCount', 'adjustments', 'mismatch', 'testProvider', 'intentId'],
  ...['apiCode', 'retryAfterMs', 'settleDelaysMs', 'notFound', 'idempotencyKey'],
  // The stores' other actions, the payment's step and settle options, the pay request's confirm, a resolved locale.
  ...['load', 'pause', 'resume', 'watch', 'pay', 'validate', 'refuse', 'clear', 'reset', 'missing', 'step', 'ask', 'delays', 'confirm', 'tag', 'language'],
  // nanostores' atom internals and the StoreController's own fields: the stores never leave the module (the group
  // chunk calls only get and set).
  ...['listen', 'lc', 'notify', 'init', 'eq', 'off', 'subscribe', 'store', 'onChange'],
  // The element's private state (Lit's state: true): no attribute, not in custom-elements.json.
  ...['announcement', 'email', 'emailError', 'codeInput', 'codeError', 'codeOpen'],
].map((name) => name.replace('$', '\\$'));
// lit's private fields and methods (_$AH, _$Ei, …): lit's build shortened them but kept these stable
// names so that its separately built packages agree on them; here all of lit is in the entry, built
// as one. Its markers that another copy of lit on the page may read (_$litType$, _$litPart$, …) end
// with `$` and stay as they are (32 B). The _$A… names are also those another copy of lit calls on a
// directive or a part of ours (a page's lit-element-hydrate-support renders this element's templates
// with its own lit-html): safe while the widget makes no directive (test/package/minified.test.ts).
internalNames.push('_\\$[A-Z][A-Za-z_]');
// Names on the objects the entry and the group view's chunk hand each other (the group view's follow and stop,
// the first read's controller and response, the element's context, announce, tell and changed, a request's
// config): shortened in both, to the entry's short names (16 B on the module).
const sharedNames = ['follow', 'stop', 'controller', 'response', 'context', 'announce', 'tell', 'changed', 'config'];
const sharingChunk = 'group-view';
// Names the group view's chunk alone uses, on its own objects (its clock's remaining, its store's $group,
// a follow's groupId, the group body's handlers and state): shortened there too (48 B on the chunk), none named in the entry.
const groupViewNames = ['remaining', '\\$group', 'groupId', 'onCopy', 'onShare', 'canShare', 'copyStatus'];
const internalName = new RegExp(`^(${[...internalNames, ...sharedNames, ...groupViewNames].join('|')})$`);
/** Every name the CDN files shorten; test/scripts/short-names-owners.test.ts checks that src names each on its own objects alone. */
export const shortenedName = internalName;
const sharedName = new RegExp(`^(${sharedNames.join('|')})$`);
const groupViewName = new RegExp(`^(${[...sharedNames, ...groupViewNames].join('|')})$`);
const internalNamesStayInside = {
  name: 'internal-names-stay-inside',
  renderChunk(code, chunk, outputOptions) {
    // The classic script has the group view inside: there the entry's terser shortens groupViewNames too.
    if (chunk.isEntry && outputOptions.format === 'iife') return null;
    if (chunk.isEntry) {
      const named = new RegExp(`(?<![\\w$])(${groupViewNames.join('|')})(?![\\w$])`).exec(code);
      if (named) this.error(`The entry names ${named[1]}, which terser shortens in the group view's chunk alone: take it out of groupViewNames`);
      return null;
    }
    const names = chunk.name === sharingChunk ? internalNames : [...internalNames, ...sharedNames, ...groupViewNames];
    const named = new RegExp(`(?<![\\w$])(${names.join('|')})(?![\\w$])`).exec(code);
    if (named) this.error(`The ${chunk.name} chunk names ${named[1]}, which terser shortens in the entry alone: take it out of internalNames`);
    return null;
  },
};

/** One rollup plugin's renderChunk for the entry, another's for the other chunks. */
const entryOrChunk = (forEntry, forChunk) => ({
  name: forEntry.name,
  buildStart: forEntry.buildStart,
  renderChunk(code, chunk, ...rest) {
    return (chunk.isEntry ? forEntry : forChunk).renderChunk.call(this, code, chunk, ...rest);
  },
});

// Added after minification, which would strip it.
const bannerAfterMinify = { name: 'banner', renderChunk: (code) => ({ code: `${banner}\n${code}`, map: null }) };

const terserOptions = { ecma: 2022, compress: { passes: 4, sequences: false, keep_fargs: false, unsafe_arrows: true, unsafe_methods: true, conditionals: false, if_return: false, inline: 1, pure_getters: true, lhs_constants: false }, format: { comments: false, ascii_only: true } };

/** The entry's short names for sharedNames, once its terser has chosen them (a new promise for each build). */
let sharedShortNames;
let shareShortNames;

/**
 * terser for the entry: its internal names shortened, the most used to the shortest names (see
 * scripts/short-names.mjs); then its variables named again, and nothing else changed (13 B): terser
 * orders its short names' letters by how often the code uses them, but with properties shortened it
 * leaves every property name out of that count, also the many it keeps (status, session, …).
 */
const entryTerser = {
  name: 'terser',
  buildStart() {
    sharedShortNames = new Promise((resolve) => (shareShortNames = resolve));
  },
  async renderChunk(code, chunk, outputOptions) {
    const cache = { props: shortNamesByUse(this.parse(code), (name) => internalName.test(name)) };
    shareShortNames(Object.fromEntries(Object.entries(cache.props).filter(([name]) => sharedName.test(name.slice(1)))));
    const minify = terser({ ...terserOptions, mangle: { properties: { regex: internalName, builtins: true, cache } } });
    const minified = await minify.renderChunk.call(this, code, chunk, outputOptions);
    const renameVariables = terser({ ecma: terserOptions.ecma, compress: false, format: terserOptions.format });
    return renameVariables.renderChunk.call(this, minified.code ?? minified, chunk, outputOptions);
  },
};

/**
 * terser for the other chunks; the group view's also gets sharedNames shortened as the entry did (rollup renders
 * the chunks side by side, so it can wait for the entry's), and its own groupViewNames to names terser picks
 * around those. A short name its own code keeps fails the build.
 */
const chunkTerser = {
  name: 'terser',
  async renderChunk(code, chunk, outputOptions) {
    if (chunk.name !== sharingChunk) return terser(terserOptions).renderChunk.call(this, code, chunk, outputOptions);
    const props = await sharedShortNames;
    const kept = propertyNamesIn(this.parse(code)).filter((name) => !groupViewName.test(name));
    const clash = Object.entries(props).find(([, short]) => kept.includes(short));
    if (clash) this.error(`The ${chunk.name} chunk has a property named ${clash[1]}, the short name of ${clash[0].slice(1)}: take it out of sharedNames`);
    const minify = terser({ ...terserOptions, mangle: { properties: { regex: groupViewName, builtins: true, cache: { props } } } });
    return minify.renderChunk.call(this, code, chunk, outputOptions);
  },
};

// The private custom properties (--_space, --_d-text, …) get short names in the CDN files' styles:
// only those no other source file's code names (the brand colour's sheet sets --_brand), one map
// for every chunk, as the group view's styles read the element's. Comments do not count (esbuild drops them).
const sources = readdirSync(new URL('./src', import.meta.url), { recursive: true })
  .filter((name) => name.endsWith('.ts'))
  .map((name) => ({ name, text: readFileSync(new URL(`./src/${name}`, import.meta.url), 'utf8') }));
const isStyles = ({ name }) => name.endsWith('.styles.ts');
const shortProperties = shortPropertyNames(
  sources.filter(isStyles).map(({ text }) => text),
  sources.filter((source) => !isStyles(source)).map(({ text }) => transformSync(text, { loader: 'ts' }).code),
);

const cdnPlugins = [
  replace({ preventAssignment: true, values: { 'process.env.NODE_ENV': JSON.stringify('production') } }),
  nodeResolve({ browser: true }),
  minifyCssLiterals(shortProperties),
  // ES2022 keeps private fields and methods native (down-levelled, each costs a WeakMap);
  // every browser that runs the widget's other features (adoptedStyleSheets, :is()) has them.
  esbuild({ target: 'es2022', minify: true, legalComments: 'none' }),
  minifyHtmlLiterals(),
  internalNamesStayInside,
  // terser after esbuild: about 2 % smaller gzip than esbuild's minifier alone. ASCII only: a
  // classic script is read in the page's encoding, and a page that is not UTF-8 would show
  // "1 Ã— 39,90 €" (the escapes cost nothing after gzip). A third pass inlines what the second
  // left single-use (the French and English catalogues into their Map): 24 B less on the module;
  // a fourth, 2 B more.
  // Statements stay statements (`a();b()`, not `a(),b()`): it gzips 7 B smaller on the module.
  // Unused trailing parameters go (9 B): nothing here or in lit or nanostores reads a function's length.
  // A function expression without `this` or `arguments` becomes an arrow (24 B): the ones terser
  // meets are calls it inlined and the stores' methods, none constructed with new nor read for a prototype.
  // One that is an object's property becomes a method (7 B), which no code constructs either (arrows using this stay).
  // Three rewrites stay off, as turning one off can only keep the code as written: if/else and ?: are not
  // reshaped (conditionals) nor if/return (if_return), and only simple functions are inlined (inline: 1); the
  // module is 9 B longer but gzips 12 B smaller, its shapes repeating. A fourth: comparisons keep their constant on
  // the right as written (`x.status === "ready"`, not `"ready" === x.status`; lhs_constants), 11 B on the group chunk.
  // One assumption (4 B), checked on the output: a property read never throws for the code's sake (pure_getters,
  // no read stands as a null check). unsafe_comps (12 B) stays off: it negates comparisons as if NaN could not
  // come, and a date or parsed number that is NaN would then answer the other way, silently, in code not yet written.
  // The entry alone has its internal names shortened; the group view's chunk the sharedNames, as the entry did, and its own.
  // builtins: the list alone decides, also for a name the DOM has too (summary), and the short names
  // may be ones DOM objects have (a, x), as every listed name is a property of the module's own
  // objects or the element's private state (26 B).
  entryOrChunk(entryTerser, chunkTerser),
  bannerAfterMinify,
];

export default [
  {
    input: { 'kohort-checkout': 'src/kohort-checkout.ts', 'kohort-checkout.component': 'src/kohort-checkout.component.ts' },
    external: isExternal,
    plugins: [esbuild({ target: 'es2021' })],
    // lit and nanostores stay external here: the banner names only this package.
    output: { dir: 'dist', format: 'esm', preserveModules: true, preserveModulesRoot: 'src', banner: `/*! kohort-checkout v${version} | MIT */` },
  },
  {
    // @lit/react is bundled (about 1 KB): as a dependency, its peer dependency on @types/react
    // would be installed into every merchant's project, React or not. The element comes from
    // the definer above, so the wrapper and `import 'kohort-checkout'` share one class.
    input: 'src/react.ts',
    external: (id) => /^react(\/|$)/.test(id) || id === './kohort-checkout.js' || (isExternal(id) && !id.startsWith('@lit/react')),
    plugins: [nodeResolve({ browser: true, resolveOnly: ['@lit/react'] }), esbuild({ target: 'es2021' })],
    output: {
      file: 'dist/react.js',
      format: 'esm',
      // A React Server Component may render the wrapper; it runs on the client.
      banner: `${reactBanner}\n'use client';`,
      paths: (id) => (id === definer.replace(/\.ts$/, '.js') || id === definer ? './kohort-checkout.js' : id),
    },
  },
  {
    input: 'src/kohort-checkout.ts',
    plugins: cdnPlugins,
    // Languages other than French and English are separate chunks, loaded on demand. The entry
    // keeps the code (no facade), so its integrity hash covers everything a page loads first.
    // A chunk's name carries 6 characters of its content hash (rollup's least), not 8: the module names all five, and
    // random characters do not compress (11 B); 36 bits still tell one build's chunk from another's in a cache.
    preserveEntrySignatures: 'allow-extension',
    output: { dir: 'dist/cdn', entryFileNames: 'kohort-checkout.min.js', chunkFileNames: 'chunks/[name]-[hash:6].min.js', format: 'esm' },
  },
  {
    input: classicEntry,
    plugins: [classicEntryPlugin, ...cdnPlugins],
    // A classic script cannot load chunks: every language is inside. It defines the element and
    // nothing else: no `var KohortCheckout` on the page, which would replace the page's own
    // global of that name, or clash with its `let`/`class KohortCheckout` and stop a script.
    output: { file: 'dist/cdn/kohort-checkout.iife.min.js', format: 'iife', inlineDynamicImports: true },
  },
];
