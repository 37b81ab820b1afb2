import type { Plugin } from 'esbuild';
/** Compiles the Angular example with ngc (emitting into `outDir`, or type-checking only); `sources` replaces files' text by name. Returns the errors as `file:line: TS…: message`. */
export function compileAngular(options?: { outDir?: string; sources?: Record<string, string> }): string[];
/** An esbuild plugin that runs the Angular linker on the framework files that need it. */
export const angularLinker: Plugin;
