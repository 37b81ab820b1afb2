/**
 * The side-effect entry: importing it defines `<kohort-checkout>` (once, however
 * many copies of the script a page loads). Import `kohort-checkout/element` for
 * the class alone.
 */
import { KohortCheckout } from './kohort-checkout.component.js';
import { defineElement } from './internal/define.js';

defineElement('kohort-checkout', KohortCheckout);

export { KohortCheckout };
export type { CheckoutState } from './kohort-checkout.component.js';
export type * from './events.js';
export type * from './api/types.js';
export type { CheckoutErrorCode } from './api/errors.js';
export type { MessageOverrides } from './i18n/index.js';
export type {
  ConfirmPaymentHandler,
  ConfirmPaymentContext,
  ConfirmPaymentResult,
  PaymentIntentHandle,
  StripePaymentResult,
} from './stores/payment.js';
// The tag in React 19 and Preact JSX, Vue templates and Svelte markup (types only).
export type * from './frameworks.js';
export { VERSION } from './version.js';

declare global {
  interface HTMLElementTagNameMap {
    'kohort-checkout': KohortCheckout;
  }
}
