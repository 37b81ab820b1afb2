import { html, nothing } from 'lit';
import type { ViewContext } from './context.js';

const row = html`<div class="bone-row">
  <div class="bone thumb-bone"></div>
  <div class="bone line-bone"></div>
  <div class="bone line-bone"></div>
</div>`;

/**
 * Mirrors the ready view block for block (header, heading, three lines, totals, e-mail,
 * friend's code, Pay, the test-mode hint when the sandbox's test provider will pay, the way back), so
 * nothing below the widget moves when the session arrives. Sizes live in classes: a
 * strict CSP forbids style attributes.
 */
export function loadingTemplate({ t }: ViewContext, testHint: boolean) {
  return html`<div class="skeleton" part="skeleton" aria-busy="true">
    <span class="visually-hidden">${t.loading}</span>
    <div class="bone header-bone"></div>
    <div class="bone heading-bone"></div>
    <div class="bone-group">${row} ${row} ${row}</div>
    <div class="bone totals-bone"></div>
    <div class="bone-group">
      <div class="bone-group field-group-bone"><div class="bone label-bone"></div><div class="bone field-bone"></div></div>
      <div class="bone link-bone"></div>
      <div class="bone button-bone"></div>
      ${testHint ? html`<div class="bone hint-bone"></div>` : nothing}
    </div>
    <div class="bone link-bone"></div>
  </div>`;
}
