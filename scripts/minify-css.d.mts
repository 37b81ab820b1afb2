import type { Plugin } from 'rollup';
/** Minifies a piece of CSS text; strings, url(…) and descendant spaces are kept. */
export function minifyCss(text: string): string;
export function minifyCssLiterals(): Plugin;
