/** The DOM events `<kohort-checkout>` fires, with their typed `detail`. */
import type { CheckoutErrorCode } from './api/errors.js';
import type { CheckoutSession } from './api/types.js';

export interface KohortReadyDetail {
  /** The session as shown (parsed; unknown fields dropped, unsafe URLs removed). */
  session: CheckoutSession;
}

export interface KohortErrorDetail {
  code: CheckoutErrorCode;
  /** A human message, in the widget's language; never contains a key in full. */
  message: string;
  /** The HTTP status, when the API answered. */
  status?: number;
  /** True when trying again can help (the widget shows a Retry button). */
  retryable: boolean;
}

export interface KohortExpiredDetail {
  sessionId: string;
}

export interface KohortCancelDetail {
  sessionId: string;
}

export type KohortReadyEvent = CustomEvent<KohortReadyDetail>;
export type KohortErrorEvent = CustomEvent<KohortErrorDetail>;
export type KohortExpiredEvent = CustomEvent<KohortExpiredDetail>;
export type KohortCancelEvent = CustomEvent<KohortCancelDetail>;

export interface KohortCheckoutEventMap {
  'kohort-ready': KohortReadyEvent;
  'kohort-error': KohortErrorEvent;
  'kohort-expired': KohortExpiredEvent;
  'kohort-cancel': KohortCancelEvent;
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface HTMLElementEventMap extends KohortCheckoutEventMap {}
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface GlobalEventHandlersEventMap extends KohortCheckoutEventMap {}
}
