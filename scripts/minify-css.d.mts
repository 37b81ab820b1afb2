import type { Plugin } from 'rollup';
/** Short names for the private custom properties (`--_space` → `--_a`) that the style files alone name, the most used first. */
export function shortPropertyNames(styleTexts: string[], otherTexts: string[]): Map<string, string>;
/** Minifies a piece of CSS text; strings, url(…) and descendant spaces are kept, and attribute selectors on identifiers lose their quotes. */
export function minifyCss(text: string, shortNames?: Map<string, string>): string;
export function minifyCssLiterals(shortNames?: Map<string, string>): Plugin;
