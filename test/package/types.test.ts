/**
 * The shipped types, as a merchant's project sees them: the fixtures in ./types/ are checked
 * (strict; the package's declarations as with `skipLibCheck: false`) in throwaway projects where the packed package is installed,
 * each the way its framework checks it: TypeScript for plain TS, React and Preact JSX, vue-tsc
 * for a Vue single-file component, svelte-check for a Svelte component. Expected errors
 * (`@ts-expect-error`, `@vue-expect-error`, `expect-error` in the Svelte file) prove the types
 * are strict rather than `any`; an unused one fails too.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import ts from 'typescript';
import { consumerProject, packedFiles, root } from './helpers.ts';

const fixtures = join(root, 'test/package/types');
const runtimeDependencies = ['lit', 'nanostores'];
const frameworks = ['react', '@types/react', 'preact', 'vue', 'svelte'];

const compilerOptions = {
  strict: true,
  noEmit: true,
  skipLibCheck: false,
  // The default lib (DOM) is TypeScript's own, and the slowest to check.
  skipDefaultLibCheck: true,
  target: 'ES2022',
  module: 'ESNext',
  moduleResolution: 'Bundler',
  lib: ['ES2022', 'DOM', 'DOM.Iterable'],
  types: [],
  jsx: 'react-jsx',
  jsxImportSource: 'react',
};

/**
 * Copies fixtures into the project and type-checks them with the TypeScript API; returns
 * `file:line: message` lines for the fixtures and every file of the installed package (as
 * `skipLibCheck: false` would), without spending time on the frameworks' own declarations.
 */
function compile(dir: string, files: string[], overrides: Record<string, unknown> = {}): string[] {
  for (const file of files) copyFileSync(join(fixtures, file), join(dir, file));
  const { options, errors } = ts.convertCompilerOptionsFromJson({ ...compilerOptions, ...overrides }, dir);
  assert.deepEqual(errors, []);
  const program = ts.createProgram(
    files.map((file) => join(dir, file)),
    options,
  );
  const ours = program
    .getSourceFiles()
    .filter((file) => files.some((fixture) => file.fileName === join(dir, fixture)) || file.fileName.includes('/node_modules/kohort-checkout/'));
  assert.ok(ours.some((file) => file.fileName.endsWith('/kohort-checkout/dist/frameworks.d.ts')), 'the framework typings are not loaded');
  const diagnostics = [
    ...program.getOptionsDiagnostics(),
    ...program.getGlobalDiagnostics(),
    ...ours.flatMap((file) => [...program.getSyntacticDiagnostics(file), ...program.getSemanticDiagnostics(file)]),
  ];
  return diagnostics.map((diagnostic) => {
    const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, ' ');
    if (!diagnostic.file) return message;
    const { line } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start ?? 0);
    return `${diagnostic.file.fileName.replace(`${dir}/`, '')}:${line + 1}: ${message}`;
  });
}

/** Runs a checker of the consumer project (vue-tsc, svelte-check) and resolves with its output, whatever its exit code. */
function run(dir: string, bin: string, args: string[]): Promise<string> {
  return new Promise((resolve) => {
    execFile(process.execPath, [join(dir, 'node_modules', bin), ...args], { cwd: dir, timeout: 120_000 }, (_error, stdout, stderr) =>
      resolve(`${stdout}${stderr}`),
    );
  });
}

const expectClean = (diagnostics: string[]) => assert.deepEqual(diagnostics, [], diagnostics.join('\n'));

/** The names an entry's declarations export (types and values), read with the TypeScript API. */
function exportedNames(entry: string): string[] {
  const file = join(root, entry);
  const program = ts.createProgram([file], { module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler, noEmit: true, types: [] });
  const checker = program.getTypeChecker();
  const symbol = checker.getSymbolAtLocation(program.getSourceFile(file)!);
  return checker.getExportsOfModule(symbol!).map((exported) => exported.name);
}

describe('kohort-checkout/react', () => {
  it('exports every type the main entry does, so a React project imports its types from one place', () => {
    const main = exportedNames('dist/kohort-checkout.d.ts').filter((name) => name !== 'KohortCheckout' && name !== 'VERSION');
    const react = new Set(exportedNames('dist/react.d.ts'));
    assert.ok(main.includes('ConfirmPaymentHandler') && main.includes('KohortSuccessEvent'), 'the main declarations export ConfirmPaymentHandler and KohortSuccessEvent');
    assert.deepEqual(main.filter((name) => !react.has(name)), []);
  });
});

describe('the shipped types', () => {
  const files = packedFiles();

  describe('in a TypeScript project without any UI framework', () => {
    let project: ReturnType<typeof consumerProject>;
    before(() => (project = consumerProject(runtimeDependencies, files)));
    after(() => project.remove());

    it('has none of React, Preact, Vue or Svelte installed', () => {
      const consumerRequire = createRequire(join(project.dir, 'index.js'));
      for (const framework of ['react', '@types/react', 'preact', 'vue', 'svelte/elements']) {
        assert.throws(() => consumerRequire.resolve(framework), `${framework} should be missing from the consumer project`);
      }
    });

    it('type-checks the tag, the element class and the events (bundler resolution), ignoring the framework typings', () => {
      expectClean(compile(project.dir, ['plain.ts']));
    });

    it('type-checks them under exactOptionalPropertyTypes (a Stripe handler whose message may be undefined)', () => {
      expectClean(compile(project.dir, ['plain.ts'], { exactOptionalPropertyTypes: true }));
    });

    it('type-checks them with Node16 resolution too, through the exports map', () => {
      expectClean(compile(project.dir, ['plain.ts'], { module: 'Node16', moduleResolution: 'Node16' }));
    });

    it('type-checks them with the older node resolution, which has no exports map (typesVersions)', () => {
      expectClean(compile(project.dir, ['plain.ts'], { module: 'ESNext', moduleResolution: 'Node10' }));
    });
  });

  describe('in a project with React 18', () => {
    let project: ReturnType<typeof consumerProject>;
    before(() => (project = consumerProject([...runtimeDependencies, 'react', ['@types/react', 'types-react-18']], files)));
    after(() => project.remove());

    it('React 18: the tag takes attributes only, and kohort-checkout/react everything', () => {
      expectClean(compile(project.dir, ['react18.tsx']));
    });
  });

  describe('in a project with Preact 10', () => {
    let project: ReturnType<typeof consumerProject>;
    before(() => (project = consumerProject([...runtimeDependencies, ['preact', 'preact-10']], files)));
    after(() => project.remove());

    // Preact 10's JSX namespace has no IntrinsicHTMLElements (Preact 11 split it out).
    it('Preact 10: <kohort-checkout> in JSX, as with Preact 11', () => {
      expectClean(compile(project.dir, ['preact.tsx']));
    });
  });

  describe('in a project with React 19, Preact 11, Vue and Svelte', () => {
    let project: ReturnType<typeof consumerProject>;
    let vueTsc: Promise<string>;
    let svelteCheck: Promise<string>;
    before(() => {
      project = consumerProject([...runtimeDependencies, ...frameworks, 'typescript', 'vue-tsc', 'svelte-check'], files);
      for (const file of ['Checkout.vue', 'Checkout.svelte']) copyFileSync(join(fixtures, file), join(project.dir, file));
      // The package's own declarations are checked above (skipLibCheck: false); these two check templates.
      const config = (include: string[]) =>
        JSON.stringify({ compilerOptions: { ...compilerOptions, skipLibCheck: true, verbatimModuleSyntax: true }, include });
      writeFileSync(join(project.dir, 'tsconfig.vue.json'), config(['Checkout.vue']));
      writeFileSync(join(project.dir, 'tsconfig.svelte.json'), config(['Checkout.svelte']));
      // The two checkers run in the background while TypeScript checks the JSX fixtures.
      vueTsc = run(project.dir, 'vue-tsc/bin/vue-tsc.js', ['-p', 'tsconfig.vue.json', '--pretty', 'false']);
      svelteCheck = run(project.dir, 'svelte-check/bin/svelte-check', ['--tsconfig', './tsconfig.svelte.json', '--output', 'machine']);
    });
    after(async () => {
      await Promise.allSettled([vueTsc, svelteCheck]);
      project.remove();
    });

    // One program for both JSX fixtures (preact.tsx picks its JSX with a @jsxImportSource pragma).
    let jsx: string[] | undefined;
    const jsxDiagnostics = (fixture: string) =>
      (jsx ??= compile(project.dir, ['react.tsx', 'preact.tsx'])).filter((line) => line.startsWith(fixture) || !/^(react|preact)\.tsx:/.test(line));

    it('React 19: <kohort-checkout> in JSX, and <KohortCheckout> from kohort-checkout/react', () => {
      expectClean(jsxDiagnostics('react.tsx'));
    });

    it('Preact 11: <kohort-checkout> in JSX', () => {
      expectClean(jsxDiagnostics('preact.tsx'));
    });

    it('Vue: <kohort-checkout> in a template, checked by vue-tsc through GlobalComponents', async () => {
      const output = await vueTsc;
      const errors = output.split('\n').filter((line) => /error TS\d+/.test(line));
      assert.deepEqual(errors, [], output);
      assert.doesNotMatch(output, /Cannot find|not found/i, output);
    });

    it('Svelte: <kohort-checkout> in markup, checked by svelte-check through svelte/elements', async () => {
      const output = await svelteCheck;
      assert.match(output, /COMPLETED/, output);
      const reported = [...output.matchAll(/ERROR "([^"]+)" (\d+):\d+ "([^"]*)"/g)].map(([, file, line, message]) => ({ file, line: Number(line), message }));
      const source = readFileSync(join(fixtures, 'Checkout.svelte'), 'utf8').split('\n');
      const expected = source.flatMap((line, index) => (line.includes('<!-- expect-error') ? [index + 2] : []));
      assert.equal(expected.length, 3);
      assert.deepEqual(
        reported.map((error) => `${error.file}:${error.line}`),
        expected.map((line) => `Checkout.svelte:${line}`),
        JSON.stringify(reported, null, 2),
      );
    });
  });
});
