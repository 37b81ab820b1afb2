import { html } from 'lit';
import type { ViewContext } from './context.js';

const boneRow = html`<div class="bone-row">
  <div class="bone thumb-bone"></div>
  <div class="bone line-bone"></div>
  <div class="bone line-bone"></div>
</div>`;

/**
 * Reserves about the ready view's height (header, three lines, totals, the
 * e-mail field, the code link and the Pay button), so nothing jumps. Sizes live in classes: a strict CSP forbids style attributes.
 */
export function loadingTemplate({ t }: ViewContext) {
  return html`<div class="skeleton" part="skeleton" aria-busy="true">
    <span class="visually-hidden">${t.loading}</span>
    <div class="bone title-bone"></div>
    ${boneRow} ${boneRow} ${boneRow}
    <div class="bone totals-bone"></div>
    <div class="bone label-bone"></div>
    <div class="bone field-bone"></div>
    <div class="bone label-bone"></div>
    <div class="bone button-bone"></div>
  </div>`;
}
