import { html, nothing, type TemplateResult } from 'lit';
import type { CheckoutSession } from '../api/types.js';
import type { ApiError } from '../api/errors.js';
import type { ViewContext } from './context.js';
import { headerTemplate } from './header.js';

/** The paid summary; `group` is the referral section, `onContinue` set when there is a success_url. */
export function completedTemplate(
  session: CheckoutSession,
  context: ViewContext,
  paidHere: boolean,
  group: TemplateResult | typeof nothing,
  onContinue: (() => void) | null,
) {
  const { t, money } = context;
  return html`${headerTemplate(session, context)}
    <div class="message success" part="message">
      <h2 tabindex="-1" id="outcome-heading">${paidHere ? t.successTitle : t.completedTitle}</h2>
      <p>${t.completedBody}</p>
      <p><span class="visually-hidden">${t.amountPaid} </span><span class="paid-amount">${money(session.amount_total)}</span></p>
      ${session.completed_at && !Number.isNaN(Date.parse(session.completed_at))
        ? html`<p class="paid-on">${t.paidOn(new Intl.DateTimeFormat(context.locale, { dateStyle: 'long', timeStyle: 'short' }).format(new Date(session.completed_at)))}</p>`
        : nothing}
      ${session.customer_email ? html`<p>${t.receiptSentTo(session.customer_email)}</p>` : nothing}
    </div>
    ${group}
    ${onContinue
      ? html`<button type="button" class="primary" part="button continue-button" @click=${onContinue}>${t.continueToShop}</button>`
      : nothing}`;
}

/** Nothing left to do here but go back: to cancel_url, or to the shop's home page without one (see #onCancel). */
export function expiredTemplate(session: CheckoutSession, context: ViewContext, onCancel: () => void) {
  const { t } = context;
  return html`${headerTemplate(session, context)}
    <div class="message expired" part="message">
      <h2 tabindex="-1">${t.expiredTitle}</h2>
      <p>${t.expiredBody}</p>
    </div>
    <button type="button" class="link" part="button cancel-button" @click=${onCancel}>${t.backToShop}</button>`;
}

/** Retry when trying again may help; otherwise the way back to the shop (there is no session to go on with). */
export function errorTemplate(error: ApiError, message: string, context: ViewContext, onRetry: () => void, onBack: () => void) {
  const { t } = context;
  return html`<div class="message error" part="message">
      <h2 tabindex="-1">${t.errors[error.code].title}</h2>
      <p>${message}</p>
      <p class="reference">${t.errorReference(error.status ? `${error.code} (${error.status})` : error.code)}</p>
    </div>
    ${error.retryable
      ? html`<button type="button" class="primary" part="button retry-button" @click=${onRetry}>${t.retry}</button>`
      : html`<button type="button" class="link" part="button cancel-button" @click=${onBack}>${t.backToShop}</button>`}`;
}
