/**
 * `kohort-checkout/react`: `<KohortCheckout>` for React, made with `@lit/react`.
 * Properties are set as properties (so `confirmPayment` can be a function) and the
 * `kohort-*` events arrive through `onKohort…` props. Importing it defines
 * `<kohort-checkout>`; nothing here touches the DOM until React renders, so it can
 * be imported on a server (dist/react.js also starts with `'use client'`).
 */
import * as React from 'react';
import { createComponent, type EventName } from '@lit/react';
import { KohortCheckout as KohortCheckoutElement } from './kohort-checkout.js';
import type {
  KohortCancelEvent,
  KohortContinueEvent,
  KohortErrorEvent,
  KohortExpiredEvent,
  KohortGroupChangeEvent,
  KohortReadyEvent,
  KohortSuccessEvent,
} from './events.js';
import type { KohortCheckoutEventProps, KohortCheckoutProperties } from './frameworks.js';

export type { KohortCheckoutElement };
// Every type of the main entry, so a React project imports its types from here too.
export type * from './events.js';
export type * from './frameworks.js';
export type * from './api/types.js';
export type { CheckoutState } from './kohort-checkout.component.js';
export type { CheckoutErrorCode } from './api/errors.js';
export type { MessageOverrides } from './i18n/index.js';
export type { ConfirmPaymentHandler, ConfirmPaymentContext, ConfirmPaymentResult, PaymentIntentHandle, StripePaymentResult } from './stores/payment.js';

/** The props of `<KohortCheckout>`: the element's properties, `onKohort…` listeners, and the usual HTML props. */
export type KohortCheckoutProps = Omit<React.HTMLAttributes<KohortCheckoutElement>, keyof KohortCheckoutProperties | keyof KohortCheckoutEventProps> &
  KohortCheckoutProperties &
  KohortCheckoutEventProps &
  React.RefAttributes<KohortCheckoutElement>;

/**
 * The checkout as a React component.
 *
 * ```tsx
 * <KohortCheckout sessionId="cs_…" publishableKey="pk_test_…" onKohortSuccess={(event) => console.log(event.detail)} />
 * ```
 */
// Annotated with React's own types so that dist/react.d.ts does not depend on @lit/react (bundled into dist/react.js).
export const KohortCheckout: React.ForwardRefExoticComponent<KohortCheckoutProps> = createComponent({
  react: React,
  tagName: 'kohort-checkout',
  elementClass: KohortCheckoutElement,
  events: {
    onKohortReady: 'kohort-ready' as EventName<KohortReadyEvent>,
    onKohortSuccess: 'kohort-success' as EventName<KohortSuccessEvent>,
    onKohortCancel: 'kohort-cancel' as EventName<KohortCancelEvent>,
    onKohortContinue: 'kohort-continue' as EventName<KohortContinueEvent>,
    onKohortError: 'kohort-error' as EventName<KohortErrorEvent>,
    onKohortExpired: 'kohort-expired' as EventName<KohortExpiredEvent>,
    onKohortGroupChange: 'kohort-group-change' as EventName<KohortGroupChangeEvent>,
  },
  displayName: 'KohortCheckout',
});
