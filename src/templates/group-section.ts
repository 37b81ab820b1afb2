import { html, type TemplateResult } from 'lit';
import type { DiscountType } from '../api/types.js';
import { numberFormat, type CheckoutMessages } from '../i18n/messages.js';
import { minorUnitDigits } from '../money/format.js';
import type { ViewContext } from './context.js';

/** "10 %" for a percentage tier, "5,00 €" for a fixed one. */
export function tierValue(value: number, type: DiscountType, { locale, money }: ViewContext, currency: string): string {
  if (type === 'AMOUNT') return money(Math.round(value * 10 ** minorUnitDigits(currency)));
  return numberFormat(locale, { style: 'percent', maximumFractionDigits: 2 }).format(value / 100);
}

/** The referral section around its body; the same box whether the group is shown, loading or unavailable. */
export function groupSection(t: CheckoutMessages, body: TemplateResult) {
  return html`<section class="group" part="group" aria-labelledby="group-heading">
    <h3 id="group-heading">${t.groupHeading}</h3>
    ${body}
  </section>`;
}

/** The section while the group (or the code that shows it) is on its way, or when it cannot be shown. */
export function groupPlaceholder(t: CheckoutMessages, unavailable: boolean) {
  return groupSection(
    t,
    unavailable ? html`<p class="hint">${t.groupUnavailable}</p>` : html`<p class="hint" aria-busy="true">${t.groupLoading}</p>`,
  );
}
