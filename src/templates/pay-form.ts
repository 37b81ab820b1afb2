import { html, nothing } from 'lit';
import { isCustomerBlocked, type ApiError } from '../api/errors.js';
import type { CheckoutSession, ValidatedPaymentGroup } from '../api/types.js';
import { cashbackAmount, levelReached, participantsOf, shortName } from '../referral/tiers.js';
import type { PaymentState } from '../stores/payment.js';
import type { ReferralState } from '../stores/referral.js';
import type { ViewContext } from './context.js';
import { tierValue } from './group-section.js';

/** What the form shows besides the stores: the customer's input, kept by the element. */
export interface PayFormInput {
  email: string;
  /** What is wrong with the e-mail, as the key of its message: worded at each render, so a change of language shows. */
  emailError: 'emailRequired' | 'emailInvalid' | null;
  codeOpen: boolean;
  codeInput: string;
  /** The code waits for a valid e-mail (the key of its message, as above). */
  codeError: 'codeNeedsEmail' | null;
  /** No confirmation handler, a test session, and an API other than KohortPay's own: the sandbox's test provider pays. */
  testProvider: boolean;
}

export interface PayFormHandlers {
  /** The form's submit, and Pay's click: a sandboxed iframe without allow-forms never fires submit. */
  onSubmit: (event: Event) => void;
  onEmailInput: (event: InputEvent) => void;
  onEmailChange: () => void;
  onCodeToggle: () => void;
  onCodeInput: (event: InputEvent) => void;
  onCodeApply: () => void;
  onCodeRemove: () => void;
  onCheckAgain: () => void;
}

/** "This order earns you €5.94 cashback (10%).": shown with the accepted code, and said with it; empty before a tier is reached. */
export function codeCashbackText(session: CheckoutSession, group: ValidatedPaymentGroup, context: ViewContext): string {
  const settings = group.payment_group_settings;
  const level = group.current_discount_level ?? levelReached(settings?.discount_levels ?? [], participantsOf(group).length + 1);
  return level && settings
    ? context.t.codeCashback(
        context.money(cashbackAmount(level, settings.discount_type, session.amount_total, session.currency)),
        tierValue(level.value, settings.discount_type, context, session.currency),
      )
    : '';
}

function referralTemplate(
  session: CheckoutSession,
  referral: ReferralState,
  input: PayFormInput,
  context: ViewContext,
  on: PayFormHandlers,
  locked: boolean,
) {
  const { t } = context;
  // Checked again for another e-mail, an accepted code stays shown: nothing moves under a customer pressing Pay.
  const { group, code } = referral as { group?: ValidatedPaymentGroup; code?: string };
  if (group) {
    const cashback = codeCashbackText(session, group, context);
    // Focusable (not tabbable): focus lands here, not on Remove, when the accepted code replaces the field, and hears
    // its name, "You are joining Marie D.’s group. This order earns you €5.94 cashback (10%)." (a generic box has none in every browser).
    return html`<div class="code-accepted" part="code-accepted" tabindex="-1" role="group" aria-labelledby="code-joining code-cashback">
      <p class="code-owner"><strong>${code}</strong></p>
      <p id="code-joining">${t.codeJoining(shortName(group.customer))}</p>
      ${cashback ? html`<p id="code-cashback">${cashback}</p>` : nothing}
      <button type="button" class="link" part="button remove-code-button" aria-disabled=${locked ? 'true' : nothing} @click=${on.onCodeRemove}>${t.codeRemove}</button>
    </div>`;
  }
  if (!input.codeOpen) {
    return html`<button type="button" class="link" part="button code-toggle" aria-expanded="false" aria-controls="code-panel" aria-disabled=${locked ? 'true' : nothing} @click=${on.onCodeToggle}>
      ${t.codeToggle}
    </button>`;
  }
  const validating = referral.status === 'validating';
  const message = input.codeError ? t[input.codeError] : referral.status === 'refused' ? t.codeRefusals[referral.reason] : null;
  return html`<div class="field" id="code-panel" part="code-field">
    <label for="code">${t.codeLabel}</label>
    <div class="inline-field">
      <input
        id="code"
        name="code"
        autocomplete="off"
        autocapitalize="characters"
        spellcheck="false"
        .value=${input.codeInput}
        ?readonly=${locked}
        aria-invalid=${message ? 'true' : 'false'}
        aria-describedby=${message ? 'code-hint code-error' : 'code-hint'}
        @input=${on.onCodeInput}
        @keydown=${(event: KeyboardEvent) => {
          if (event.key === 'Enter') {
            event.preventDefault();
            on.onCodeApply();
          }
        }}
      />
      <button type="button" class="secondary" part="button apply-code-button" aria-disabled=${locked || validating ? 'true' : nothing} @click=${on.onCodeApply}>
        ${t.codeApply}
      </button>
    </div>
    <p class="hint" id="code-hint">${validating ? t.codeValidating : t.codeHint}</p>
    ${message ? html`<p class="field-error" id="code-error" part="field-error">${message}</p>` : nothing}
    ${referral.status === 'refused'
      ? html`<button type="button" class="link" part="button remove-code-button" aria-disabled=${locked ? 'true' : nothing} @click=${on.onCodeRemove}>${t.codeRemove}</button>`
      : nothing}
  </div>`;
}

/** Why a payment did not go through, in the customer's words (shown, announced and sent with `kohort-error`). */
export function paymentFailureText(payment: Extract<PaymentState, { status: 'failed' }>, t: ViewContext['t']): string {
  if (payment.reason === 'declined') return payment.message || t.paymentDeclined;
  // Offline, timed out, cut short or the service busy: nothing was charged; say which, as the page's own errors do.
  if (payment.error?.retryable) return errorBody(payment.error, t);
  return onlyTheShopCanHelp(payment.error) ? t.customerBlocked : t.paymentError;
}

/**
 * What the customer can do about `error`: its own words, or, when trying again can work, wait as long as the API
 * asked (`Retry-After`) when that is over a minute. A refusal that no retry mends keeps its own words, whatever it asks.
 */
export const errorBody = (error: ApiError, t: ViewContext['t']): string =>
  error.retryable && error.retryAfterMs! > 6e4 ? t.waitMinutes(Math.ceil(error.retryAfterMs! / 6e4)) : t.errors[error.code].body;

/** A blocked customer, a refused key, a page with no way to pay: paying again never works, only the shop can help. */
export const onlyTheShopCanHelp = (error?: ApiError): boolean =>
  !!error && (isCustomerBlocked(error) || ['unauthorized', 'invalid_key', 'missing_attribute'].includes(error.code));

function payStatusTemplate(payment: PaymentState, context: ViewContext, on: PayFormHandlers) {
  const { t } = context;
  switch (payment.status) {
    case 'failed':
      return html`<p class="form-error" part="message payment-error" tabindex="-1">${paymentFailureText(payment, t)}</p>`;
    case 'unknown':
      return html`<div class="message" part="message">
        <h2 tabindex="-1">${t.paymentUnknownTitle}</h2>
        <p>${t.paymentUnknownBody}</p>
        <button type="button" class="secondary" part="button check-again-button" @click=${on.onCheckAgain}>${t.checkAgain}</button>
      </div>`;
    case 'redirecting':
      return html`<p class="hint">${t.redirecting}</p>`;
    default:
      return nothing;
  }
}

export function payFormTemplate(
  session: CheckoutSession,
  referral: ReferralState,
  payment: PaymentState,
  input: PayFormInput,
  context: ViewContext,
  on: PayFormHandlers,
  locked: boolean,
) {
  const { t, money } = context;
  const processing = payment.status === 'processing' || payment.status === 'redirecting';
  // `locked`: a payment is under way or its outcome unknown (the element's #paymentLocked). The controls
  // are then locked but stay focusable (readonly, aria-disabled): a `disabled` control under the
  // customer's focus would drop it to <body>.
  // The API refused this customer (only a failed payment has an error): Pay waits for another e-mail.
  const blocked = isCustomerBlocked((payment as { error?: ApiError }).error);
  return html`<form class="pay-form" part="form" novalidate @submit=${on.onSubmit}>
    <div class="field" part="email-field">
      <label for="email">${t.emailLabel}</label>
      <input
        id="email"
        name="email"
        type="email"
        autocomplete="email"
        inputmode="email"
        required
        .value=${input.email}
        ?readonly=${locked}
        aria-invalid=${input.emailError ? 'true' : 'false'}
        aria-describedby=${input.emailError ? 'email-error' : nothing}
        @input=${on.onEmailInput}
        @change=${on.onEmailChange}
      />
      ${input.emailError ? html`<p class="field-error" id="email-error" part="field-error">${t[input.emailError]}</p>` : nothing}
    </div>
    ${referralTemplate(session, referral, input, context, on, locked)}
    ${payStatusTemplate(payment, context, on)}
    ${payment.status === 'unknown'
      ? nothing
      : html`<button type="submit" class="primary pay" part="button pay-button" @click=${on.onSubmit} aria-disabled=${processing || blocked ? 'true' : nothing} aria-busy=${processing ? 'true' : 'false'}>
          ${payment.status === 'processing' ? t.paymentSteps[payment.step] : t.payButton(money(session.amount_total))}
        </button>`}
    ${input.testProvider ? html`<p class="hint test-hint">${t.testModeHint}</p>` : nothing}
  </form>`;
}
