/** The DOM events `<kohort-checkout>` fires, with their typed `detail`. */
import type { CheckoutErrorCode } from './api/errors.js';
import type { CheckoutSession, PaymentGroup } from './api/types.js';

export interface KohortReadyDetail {
  /**
   * The session as shown (parsed; unknown fields dropped, unsafe URLs removed). A paid session's
   * unreadable `line_items` come as `[]`, `expires_at` as `null` and `payment_intent` as `null` (the console says why).
   */
  session: CheckoutSession;
}

export interface KohortErrorDetail {
  code: CheckoutErrorCode;
  /** A human message, in the widget's language; never contains a key in full. */
  message: string;
  /** The HTTP status, when the API answered. */
  status?: number;
  /** True when trying again can help: the error view shows Retry; after a payment, Pay (or Check again) is offered. */
  retryable: boolean;
  /**
   * The session it is about: the one shown, or `session-id` as set when none could be shown. A
   * `payment_unknown` sent because the page changed `session-id` (or the key, or `api-base`)
   * during a payment names the session of that payment, not the new one. A secret key set as
   * `session-id` is masked, as in `message`. `''` when no `session-id` is set.
   */
  sessionId: string;
}

export interface KohortExpiredDetail {
  sessionId: string;
}

export interface KohortCancelDetail {
  /** The session shown, else `session-id` as set (trimmed); a secret key set there is masked, as in `kohort-error`. */
  sessionId: string;
}

export interface KohortSuccessDetail {
  sessionId: string;
  paymentIntentId: string;
  /** Minor units, as charged. */
  amountTotal: number;
  currency: string;
  customerEmail: string;
  /**
   * The referral group the customer is now in (theirs, or the friend's they joined), as the API
   * gives it, like `kohort-group-change`'s: `group.share_id` is the code to share. `null` without a
   * group, or when the paid session came with one the widget could not read: the paid view then
   * reads the group by its id, and `kohort-group-change` brings it (`previous: null`); the console
   * says what was left out.
   */
  group: PaymentGroup | null;
}

export interface KohortContinueDetail {
  sessionId: string;
  /** The payment of the order, when known. */
  paymentIntentId: string | null;
  /** Where "Continue" goes: the session's `success_url`, with `payment_id` appended when `paymentIntentId` is known. */
  url: string;
}

export interface KohortGroupChangeDetail {
  group: PaymentGroup;
  /**
   * The group as shown before; `null` when the page had not been sent it: the paid session came
   * with a group the widget could not read (`kohort-success`'s `group: null`), and this is the
   * group read by its id.
   */
  previous: PaymentGroup | null;
}

export type KohortReadyEvent = CustomEvent<KohortReadyDetail>;
export type KohortErrorEvent = CustomEvent<KohortErrorDetail>;
export type KohortExpiredEvent = CustomEvent<KohortExpiredDetail>;
export type KohortCancelEvent = CustomEvent<KohortCancelDetail>;
export type KohortSuccessEvent = CustomEvent<KohortSuccessDetail>;
export type KohortContinueEvent = CustomEvent<KohortContinueDetail>;
export type KohortGroupChangeEvent = CustomEvent<KohortGroupChangeDetail>;

export interface KohortCheckoutEventMap {
  'kohort-ready': KohortReadyEvent;
  'kohort-error': KohortErrorEvent;
  'kohort-expired': KohortExpiredEvent;
  'kohort-cancel': KohortCancelEvent;
  'kohort-success': KohortSuccessEvent;
  'kohort-continue': KohortContinueEvent;
  'kohort-group-change': KohortGroupChangeEvent;
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface HTMLElementEventMap extends KohortCheckoutEventMap {}
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface GlobalEventHandlersEventMap extends KohortCheckoutEventMap {}
}
