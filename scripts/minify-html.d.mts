import type { Plugin } from 'rollup';
/** Collapses the source's line breaks and indentation in a template's static text to one space, and unquotes plain static attribute values. */
export function minifyHtml(text: string): string;
export function minifyHtmlLiterals(): Plugin;
