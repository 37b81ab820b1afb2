import { html, nothing } from 'lit';
import type { CheckoutSession, LineItem } from '../api/types.js';
import type { CheckoutSummary } from '../money/totals.js';
import type { CheckoutMessages } from '../i18n/messages.js';
import type { ViewContext } from './context.js';
import { headerTemplate } from './header.js';
import { markBrokenImage } from './images.js';

function lineItemTemplate(item: LineItem, { t, money }: ViewContext) {
  return html`<li class="line-item" part="line-item">
    ${item.image_url
      ? html`<span class="thumb"><img referrerpolicy="no-referrer" part="line-item-image" src=${item.image_url} alt="" loading="lazy" @load=${markBrokenImage} @error=${markBrokenImage} /></span>`
      : html`<span class="thumb" aria-hidden="true"></span>`}
    <div class="item-text">
      <span class="item-name">${item.name}</span>
      ${item.description ? html`<span class="item-description">${item.description}</span>` : nothing}
      <span class="item-quantity">${t.quantityTimesPrice(item.quantity, money(item.price))}</span>
    </div>
    <span class="amount">${money(item.amount_total)}</span>
  </li>`;
}

function adjustmentLabel(item: LineItem, t: CheckoutMessages): string {
  // Looked up in capitals, as the contract's types are: "constructor" or "toString" from the API finds no label, not Object's.
  const typeLabel = (t.lineTypes as Record<string, string | undefined>)[item.type.toUpperCase()];
  // "Livraison · Colissimo" reads better than a bare carrier name; an unknown type shows its name only.
  return typeLabel && typeLabel.toLowerCase() !== item.name.toLowerCase() ? `${typeLabel} · ${item.name}` : item.name;
}

function totalsTemplate(summary: CheckoutSummary, { t, money }: ViewContext) {
  return html`<dl class="totals" part="totals">
    <div class="subtotal">
      <dt>${t.subtotal} (${t.articles(summary.articleCount)})</dt>
      <dd>${money(summary.subtotal)}</dd>
    </div>
    ${summary.adjustments.map(
      (item) => html`<div class="adjustment" data-type=${item.type}>
        <dt>${adjustmentLabel(item, t)}</dt>
        <dd>${money(item.amount_total)}</dd>
      </div>`,
    )}
    <div class="total" part="total">
      <dt>${t.total}</dt>
      <dd>${money(summary.total)}</dd>
    </div>
  </dl>`;
}

/** "Back to the shop"; `locked` while a payment is under way, which leaving would not stop. */
export function cancelTemplate(session: CheckoutSession, context: ViewContext, onCancel: () => void, locked: boolean) {
  return session.cancel_url
    ? html`<button type="button" class="link" part="button cancel-button" aria-disabled=${locked ? 'true' : nothing} @click=${onCancel}>
        ${context.t.backToShop}
      </button>`
    : nothing;
}

/** The order itself; the element puts the payment form and the way back after it. */
export function readyTemplate(session: CheckoutSession, summary: CheckoutSummary, context: ViewContext) {
  return html`${headerTemplate(session, context)}
    <h2 id="summary-heading" tabindex="-1">${context.t.orderSummary}</h2>
    <ul class="line-items" part="line-items" aria-labelledby="summary-heading">
      ${summary.products.map((item) => lineItemTemplate(item, context))}
    </ul>
    ${totalsTemplate(summary, context)}`;
}
