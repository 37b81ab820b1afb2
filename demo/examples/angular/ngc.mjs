// The Angular example's compiler steps, shared by build.mjs and test/package/angular.test.ts:
// ngc (ahead of time, strictTemplates, per tsconfig.json), and the Angular linker, which turns
// the framework packages' partial declarations into code as the Angular CLI does when bundling.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { createCompilerHost, performCompilation, readConfiguration } from '@angular/compiler-cli';

const here = dirname(fileURLToPath(import.meta.url));

/**
 * Compiles the example with ngc: emits it into `outDir`, or only type-checks it without one.
 * `sources` replaces files' text (by name in this folder) for that compilation.
 */
export function compileAngular({ outDir, sources = {} } = {}) {
  const { rootNames, options, errors } = readConfiguration(join(here, 'tsconfig.json'), outDir ? { outDir } : { noEmit: true });
  const host = createCompilerHost({ options });
  const replaced = new Map(Object.entries(sources).map(([name, text]) => [join(here, name), text]));
  const { getSourceFile, readFile: readText } = host;
  host.readFile = (fileName) => replaced.get(fileName) ?? readText.call(host, fileName);
  host.getSourceFile = (fileName, language, ...rest) =>
    replaced.has(fileName) ? ts.createSourceFile(fileName, replaced.get(fileName), language, true) : getSourceFile.call(host, fileName, language, ...rest);
  const { diagnostics } = performCompilation({ rootNames, options, host });
  return [...errors, ...diagnostics]
    .filter((diagnostic) => diagnostic.category === ts.DiagnosticCategory.Error)
    .map((diagnostic) => {
      const message = `TS${diagnostic.code}: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, ' ')}`;
      if (!diagnostic.file) return message;
      const { line } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start ?? 0);
      return `${relative(here, diagnostic.file.fileName)}:${line + 1}: ${message}`;
    });
}

/** An esbuild plugin that runs the Angular linker on the framework files that need it. */
export const angularLinker = {
  name: 'angular-linker',
  setup(build) {
    build.onLoad({ filter: /[\\/]node_modules[\\/]@angular[\\/].+\.mjs$/ }, async ({ path }) => {
      const code = await readFile(path, 'utf8');
      if (!code.includes('ɵɵngDeclare')) return { contents: code, loader: 'js' };
      // The Babel that @angular/compiler-cli depends on, as its linker plugin expects.
      const { transformAsync } = createRequire(import.meta.resolve('@angular/compiler-cli'))('@babel/core');
      const { default: linker } = await import('@angular/compiler-cli/linker/babel');
      const linked = await transformAsync(code, { filename: path, babelrc: false, configFile: false, compact: false, sourceMaps: false, plugins: [linker] });
      return { contents: linked.code, loader: 'js' };
    });
  },
};
