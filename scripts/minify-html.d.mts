import type { Plugin } from 'rollup';
/** Collapses the source's line breaks and indentation in a template's static text to one space. */
export function minifyHtml(text: string): string;
export function minifyHtmlLiterals(): Plugin;
