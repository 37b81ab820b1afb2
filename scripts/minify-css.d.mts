import type { Plugin } from 'rollup';
/** Minifies a piece of CSS text; strings, url(…) and descendant spaces are kept, and attribute selectors on identifiers lose their quotes. */
export function minifyCss(text: string): string;
export function minifyCssLiterals(): Plugin;
