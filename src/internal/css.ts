import { unsafeCSS, type CSSResult } from 'lit';

/**
 * lit's `css` for the widget's own style text: the same CSSResult, without lit's check of
 * interpolated values (they are our own CSSResults), which the bundles then leave out. The text
 * is taken raw, as written: neither style file has a backslash.
 */
export const css = (strings: TemplateStringsArray, ...values: CSSResult[]): CSSResult => unsafeCSS(String.raw(strings, ...values));
