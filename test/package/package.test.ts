/**
 * What `npm pack` would publish: only the build, the manifest and the documents; every
 * `exports` target inside it; `sideEffects` limited to the definer and the CDN files; the
 * React entry depending on nothing but react; and the CDN files versioned, bannered, with
 * the integrity the README shows.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportTargets, packageJson, packedFiles, root } from './helpers.ts';

const files = packedFiles();
const { version } = packageJson;
const read = (file: string) => readFileSync(join(root, file), 'utf8');
const sha384 = (file: string) => `sha384-${createHash('sha384').update(readFileSync(join(root, file))).digest('base64')}`;
/** Turns an `exports`/`sideEffects` pattern (`./dist/cdn/*`) into a test for packed paths. */
const matcher = (pattern: string) => new RegExp(`^${pattern.replace(/^\.\//, '').replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.+')}$`);

describe('the npm package', () => {
  it('ships only dist, the embed command, custom-elements.json, package.json, README, CHANGELOG and LICENSE', () => {
    const documents = ['package.json', 'README.md', 'CHANGELOG.md', 'LICENSE', 'custom-elements.json', 'bin/kohort-checkout-embed.mjs', 'bin/import-map.mjs'];
    const unexpected = files.filter((file) => !documents.includes(file) && !file.startsWith('dist/'));
    assert.deepEqual(unexpected, [], 'files outside dist/ would be published');
    for (const document of documents) assert.ok(files.includes(document), `${document} is not packed`);
  });

  it('ships no tests, demo, sandbox, sources, scripts, configs, source maps or CDN upload copies', () => {
    const forbidden = [
      /^(test|demo|sandbox|src|scripts|docs|\.ci|node_modules|test-results)\//,
      /(^|\/)(rollup|web-test-runner|custom-elements-manifest|eslint|playwright)\.config\.[cm]?[jt]s$/,
      /(^|\/)tsconfig[\w.]*\.json$/,
      /^package-lock\.json$/,
      /\.map$/,
      /\.(test|spec)\.[jt]sx?$/,
      new RegExp(`^dist/cdn/${version.replace(/\./g, '\\.')}/`),
    ];
    assert.deepEqual(
      files.filter((file) => forbidden.some((pattern) => pattern.test(file))),
      [],
    );
    assert.ok(!files.some((file) => file.startsWith('dist/') && /\/(test|demo|sandbox)\//.test(file)), 'no test, demo or sandbox file under dist/');
  });

  it('points custom-elements.json at files it ships (dist/, not the unpublished src/)', () => {
    const paths: string[] = [];
    const collect = (node: unknown): void => {
      if (Array.isArray(node)) return node.forEach(collect);
      if (!node || typeof node !== 'object') return;
      for (const [key, value] of Object.entries(node)) {
        if ((key === 'path' || key === 'module') && typeof value === 'string') paths.push(value);
        else collect(value);
      }
    };
    collect(JSON.parse(read('custom-elements.json')));
    assert.ok(paths.includes('dist/kohort-checkout.component.js'), 'the element is not located');
    assert.deepEqual(
      paths.filter((path) => !files.includes(path)),
      [],
      'manifest paths the package does not ship',
    );
  });

  it('has every exports target (code and types) in the packed files', () => {
    const targets = exportTargets();
    for (const subpath of ['.', './element', './react']) {
      assert.ok(targets.some((target) => target.subpath === subpath && target.condition === 'types'), `${subpath} has no types`);
      assert.ok(targets.some((target) => target.subpath === subpath && target.condition === 'default'), `${subpath} has no default`);
    }
    for (const { subpath, target } of targets) {
      const pattern = matcher(target);
      assert.ok(files.some((file) => pattern.test(file)), `exports["${subpath}"] → ${target} is not packed`);
    }
    for (const field of ['main', 'module', 'types'] as const) {
      const target = (packageJson as unknown as Record<string, string>)[field]!;
      assert.ok(files.includes(target.replace(/^\.\//, '')), `${field} → ${target} is not packed`);
    }
    assert.ok(files.includes('dist/cdn/kohort-checkout.min.js') && files.includes('dist/cdn/kohort-checkout.iife.min.js'), 'both CDN builds are packed');
  });

  it('is found as a web component on npm (keywords)', () => {
    const { keywords } = packageJson as { keywords?: string[] };
    for (const keyword of ['web-component', 'custom-element', 'checkout', 'kohortpay']) assert.ok(keywords?.includes(keyword), `keyword ${keyword}`);
  });

  it('marks only the definer and the CDN files as side effects', () => {
    assert.deepEqual([...packageJson.sideEffects].sort(), ['./dist/cdn/*', './dist/kohort-checkout.js']);
    for (const pattern of packageJson.sideEffects) {
      assert.ok(files.some((file) => matcher(pattern).test(file)), `sideEffects ${pattern} matches no packed file`);
    }
    // The element entry only declares the class; registering is the definer's job.
    assert.doesNotMatch(read('dist/kohort-checkout.component.js'), /customElements\.define|defineElement\(/);
    assert.match(read('dist/kohort-checkout.js'), /defineElement\(['"]kohort-checkout['"]/);
  });

  it('needs only lit and nanostores at run time, with react an optional peer of the React entry', () => {
    assert.deepEqual(Object.keys(packageJson.dependencies ?? {}).sort(), ['lit', 'nanostores']);
    assert.deepEqual(Object.keys(packageJson.peerDependencies ?? {}), ['react']);
    assert.equal(packageJson.peerDependenciesMeta?.react?.optional, true);
    const react = read('dist/react.js');
    const imports = [...react.matchAll(/^import .* from '([^']+)';$/gm)].map(([, specifier]) => specifier);
    assert.deepEqual(imports.sort(), ['./kohort-checkout.js', 'react'], 'dist/react.js imports something else (is @lit/react bundled?)');
    assert.match(react, /^\/\*![^\n]*\*\/\n'use client';\n/, 'dist/react.js does not start with the banner and "use client"');
  });

  it('has declarations that import only relative files and lit (a strict node_modules has nothing else)', () => {
    const declarations = files.filter((file) => file.endsWith('.d.ts'));
    assert.ok(declarations.includes('dist/frameworks.d.ts') && declarations.includes('dist/frameworks/vue.d.ts'), 'the frameworks declarations are packed');
    for (const file of declarations) {
      const text = read(file);
      const specifiers = [...text.matchAll(/\bfrom '([^']+)'|\bimport\(["']([^"']+)["']\)|^import '([^']+)';/gm)].map((match) => match[1] ?? match[2] ?? match[3]!);
      const allowed = (specifier: string) => specifier.startsWith('.') || /^(lit|nanostores)(\/|$)/.test(specifier) || (file === 'dist/react.d.ts' && specifier === 'react');
      assert.deepEqual(specifiers.filter((specifier) => !allowed(specifier)), [], `${file} imports a package that is not a dependency`);
    }
  });
});

describe('the CDN files', () => {
  const integrity = JSON.parse(read('dist/cdn/integrity.json')) as { version: string; files: Record<string, string> };

  it('exist under versioned paths too, byte for byte the same', () => {
    const cdnFiles = readdirSync(join(root, 'dist/cdn'), { recursive: true, encoding: 'utf8' })
      .filter((file) => file.endsWith('.js') && !file.startsWith(`${version}/`))
      .sort();
    assert.ok(cdnFiles.includes('kohort-checkout.min.js') && cdnFiles.includes('kohort-checkout.iife.min.js'), 'both CDN builds are in dist/cdn');
    for (const file of cdnFiles) {
      assert.ok(existsSync(join(root, `dist/cdn/${version}/${file}`)), `dist/cdn/${version}/${file} is missing`);
      assert.equal(sha384(`dist/cdn/${version}/${file}`), sha384(`dist/cdn/${file}`));
    }
    assert.deepEqual(Object.keys(integrity.files).sort(), cdnFiles);
    assert.equal(read(`dist/cdn/${version}/integrity.json`), read('dist/cdn/integrity.json'), 'the versioned folder carries its integrity.json');
  });

  it('start with a banner naming the version and the licence', () => {
    for (const file of Object.keys(integrity.files)) {
      assert.match(read(`dist/cdn/${file}`), new RegExp(`^/\\*! kohort-checkout v${version.replace(/\./g, '\\.')} \\| MIT `), file);
    }
  });

  it('are ASCII only, so a page in any encoding shows their words right (a classic script is read in the page’s)', () => {
    for (const file of Object.keys(integrity.files)) {
      const found = /[\u0080-\uffff]/.exec(read(`dist/cdn/${file}`));
      assert.equal(found, null, `${file} has "${found?.[0]}"`);
    }
  });

  it('carry none of the development-only warnings (production builds strip them with their words)', () => {
    // The words of each warning behind `process.env.NODE_ENV !== 'production'`; the npm build keeps them for the merchant's bundler.
    const devOnly = ['no such message (misspelt?)', 'finds a session only with a key of its own mode', 'has a path: KohortPay'];
    for (const words of devOnly) assert.ok(read('dist/kohort-checkout.component.js').includes(words) || read('dist/api/setup-warnings.js').includes(words) || read('dist/i18n/index.js').includes(words), `"${words}" is not in the npm build`);
    for (const file of Object.keys(integrity.files)) {
      for (const words of devOnly) assert.ok(!read(`dist/cdn/${file}`).includes(words), `${file} has "${words}"`);
    }
  });

  it('have the sha384 integrity written in dist/cdn/integrity.json', () => {
    assert.equal(integrity.version, version);
    for (const [file, hash] of Object.entries(integrity.files)) assert.equal(hash, sha384(`dist/cdn/${file}`), file);
  });

  it('have, in the README snippet, the versioned URLs and the integrity of this build', () => {
    const readme = read('README.md');
    const section = readme.slice(readme.indexOf('## Embed it'), readme.indexOf('\n## ', readme.indexOf('## Embed it') + 1));
    for (const file of ['kohort-checkout.min.js', 'kohort-checkout.iife.min.js']) {
      const tag = section.match(new RegExp(`<script[^>]*src="[^"]*/${version.replace(/\./g, '\\.')}/${file.replace(/\./g, '\\.')}"[^>]*>`));
      assert.ok(tag, `the README's "Embed it" has no <script> for ${version}/${file}`);
      const shown = tag[0].match(/integrity="([^"]+)"/)?.[1];
      assert.equal(shown, integrity.files[file], `the README shows another integrity for ${file}: run \`npm run build && npm run docs\``);
      assert.match(tag[0], /crossorigin="anonymous"/);
    }
    // The import map pins every chunk the module may load, at the module's own versioned path.
    const map = section.match(/<script type="importmap">\n([\s\S]*?)\n<\/script>/);
    assert.ok(map, 'the README\'s "Embed it" has no import map');
    const base = section.match(/<script type="module" src="([^"]*\/)kohort-checkout\.min\.js"/)![1];
    const chunks = Object.entries(integrity.files).filter(([file]) => file.startsWith('chunks/'));
    assert.ok(chunks.some(([file]) => file.startsWith('chunks/group-view-')), 'the group view is a chunk');
    assert.deepEqual(
      (JSON.parse(map[1]!) as { integrity: Record<string, string> }).integrity,
      Object.fromEntries(chunks.map(([file, hash]) => [`${base}${file}`, hash])),
      'the README pins other chunks: run `npm run build && npm run docs`',
    );
  });

  it('are written by scripts/readme-integrity.mjs into a README of another build and version: the URLs, hashes, import map and self-hosting example of this one', () => {
    // A copy whose script tags and import map are a prerelease's (0.0.9-rc.1: what follows the patch is part of the
    // version) with other hashes; the script must bring back this README, which the test above holds to this build.
    const readme = read('README.md');
    const start = readme.indexOf('## Embed it');
    const end = readme.indexOf('\n## ', start + 1);
    const stale = readme
      .slice(start, end)
      .replace(new RegExp(`(src="[^"]*|"https:[^"]*|embed https:\\S*)/${version.replace(/\./g, '\\.')}/`, 'g'), '$1/0.0.9-rc.1/')
      .replace(/sha384-[\w+/=]+/g, 'sha384-stale');
    assert.notEqual(stale, readme.slice(start, end), 'the copy is stale');
    const dir = mkdtempSync(join(tmpdir(), 'kohort-readme-'));
    try {
      mkdirSync(join(dir, 'dist/cdn'), { recursive: true });
      writeFileSync(join(dir, 'dist/cdn/integrity.json'), read('dist/cdn/integrity.json'));
      writeFileSync(join(dir, 'README.md'), readme.slice(0, start) + stale + readme.slice(end));
      const run = spawnSync(process.execPath, [join(root, 'scripts/readme-integrity.mjs')], { cwd: dir, encoding: 'utf8' });
      assert.equal(run.status, 0, run.stderr);
      assert.equal(readFileSync(join(dir, 'README.md'), 'utf8'), readme);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the README', () => {
  it('lists every kohort-error code a listener can switch on (CheckoutErrorCode), and no other', () => {
    const union = read('src/api/errors.ts').match(/export type CheckoutErrorCode =([^;]*);/)![1]!;
    const codes = [...union.matchAll(/'([a-z_]+)'/g)].map(([, code]) => code!).sort();
    const readme = read('README.md');
    const table = readme.slice(readme.indexOf('`kohort-error` codes (`detail.code`)'), readme.indexOf('\n\n', readme.indexOf('| code | when |')));
    const documented = [...table.matchAll(/^\| `([a-z_]+)`(?: \/ `([a-z_]+)`)?/gm)].flatMap(([, first, second]) => (second ? [first!, second] : [first!])).sort();
    assert.ok(codes.length > 10, codes.join());
    assert.deepEqual(documented, codes);
  });
});
