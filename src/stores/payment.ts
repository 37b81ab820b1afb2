/**
 * One payment attempt: create the intent (idempotently), hand it to the
 * confirmation step, then trust only the server: re-read the session until it
 * says COMPLETED. A double click, a retry or a lost answer never charges twice.
 */
import { atom, task, type ReadableAtom } from 'nanostores';
import { ApiError } from '../api/errors.js';
import {
  confirmWithTestProvider,
  createPaymentIntent,
  fetchCheckoutSession,
  type ApiConfig,
} from '../api/client.js';
import type { CheckoutSession } from '../api/types.js';

/** What the confirmation step receives: enough for a provider such as Stripe to confirm. */
export interface PaymentIntentHandle {
  id: string;
  clientSecret: string;
  amount: number;
  currency: string;
}

export interface ConfirmPaymentContext {
  sessionId: string;
  customerEmail: string;
  livemode: boolean;
  /** The referral group joined with a friend's code, if any. */
  paymentGroupId: string | null;
  signal: AbortSignal;
}

export type ConfirmPaymentResult = { status: 'succeeded' } | { status: 'failed'; message: string };

/** A merchant's payment provider: confirms the intent, e.g. with Stripe's `confirmPayment` and the client secret. */
export type ConfirmPaymentHandler = (intent: PaymentIntentHandle, context: ConfirmPaymentContext) => Promise<ConfirmPaymentResult>;

export type PaymentState =
  | { status: 'idle' }
  | { status: 'processing'; step: 'creating' | 'confirming' | 'settling' }
  | { status: 'failed'; reason: 'declined' | 'error'; message: string | null; error?: ApiError }
  | { status: 'unknown' }
  | { status: 'redirecting'; url: string }
  | { status: 'succeeded'; session: CheckoutSession; paymentIntentId: string }
  | { status: 'expired'; session: CheckoutSession };

export interface PayRequest {
  config: ApiConfig;
  session: CheckoutSession;
  customerEmail: string;
  paymentGroupId: string | null;
  confirm: ConfirmPaymentHandler | undefined;
}

/** Waits between the re-reads of the session after confirming: about 25 s in all. Tests shorten them. */
export const PAYMENT_TIMING = { settleDelaysMs: [0, 500, 1000, 1500, 2000, 2500, 3000, 3000, 3000, 4000, 4500] };

export interface PaymentStore {
  readonly $payment: ReadableAtom<PaymentState>;
  /** Starts paying; ignored while an attempt is under way (a double click pays once). */
  pay(request: PayRequest): Promise<void>;
  /** Reads the session again to settle an attempt whose outcome is unknown; never pays again. */
  recheck(config: ApiConfig, session: CheckoutSession): Promise<void>;
  /** Forgets a failure once the customer changes something. */
  reset(): void;
  /** Stops waiting (the element left the page). */
  abort(): void;
}

function newIdempotencyKey(): string {
  const random = globalThis.crypto?.randomUUID?.() ?? `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
  return `kohort-checkout-${random}`;
}

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => (clearTimeout(timer), reject(signal.reason)), { once: true });
  });

export function createPaymentStore(): PaymentStore {
  const $payment = atom<PaymentState>({ status: 'idle' });
  let controller: AbortController | null = null;
  /** Reused while the customer retries the same order, so the same intent is confirmed again. */
  let attempt: { fingerprint: string; key: string; intentId?: string } | null = null;

  async function settle(config: ApiConfig, sessionId: string, intentId: string, signal: AbortSignal): Promise<void> {
    $payment.set({ status: 'processing', step: 'settling' });
    for (const delay of PAYMENT_TIMING.settleDelaysMs) {
      await sleep(delay, signal);
      try {
        const { session } = await fetchCheckoutSession(config, sessionId, signal);
        if (session.status === 'COMPLETED') {
          $payment.set({ status: 'succeeded', session, paymentIntentId: session.payment_intent?.id ?? intentId });
          return;
        }
        if (session.status === 'EXPIRED') {
          $payment.set({ status: 'expired', session });
          return;
        }
      } catch (error) {
        if (signal.aborted) throw error;
        // A failed read says nothing about the payment: keep asking until the bound.
      }
    }
    $payment.set({ status: 'unknown' });
  }

  async function run(request: PayRequest, signal: AbortSignal) {
    const { config, session, customerEmail, paymentGroupId } = request;
    const fingerprint = JSON.stringify([session.id, session.amount_total, customerEmail, paymentGroupId]);
    if (attempt?.fingerprint !== fingerprint) attempt = { fingerprint, key: newIdempotencyKey() };

    $payment.set({ status: 'processing', step: 'creating' });
    const intent = await createPaymentIntent(
      config,
      {
        amount: session.amount_total,
        checkoutSessionId: session.id,
        customerEmail,
        ...(paymentGroupId ? { paymentGroupId } : {}),
      },
      attempt.key,
      signal,
    );
    attempt.intentId = intent.id;
    if (intent.status === 'SUCCEEDED' || intent.status === 'PROCESSING') {
      // A retry found an attempt that already went through: settle it, never confirm again.
      return settle(config, session.id, intent.id, signal);
    }

    $payment.set({ status: 'processing', step: 'confirming' });
    const handle: PaymentIntentHandle = {
      id: intent.id,
      clientSecret: intent.client_secret ?? '',
      amount: intent.amount,
      currency: intent.currency,
    };
    if (request.confirm) {
      const result = await request.confirm(handle, {
        sessionId: session.id,
        customerEmail,
        livemode: session.livemode,
        paymentGroupId,
        signal,
      });
      if (result.status === 'failed') {
        $payment.set({ status: 'failed', reason: 'declined', message: typeof result.message === 'string' ? result.message : null });
        return;
      }
    } else if (session.livemode) {
      // No provider plugged in: the hosted checkout can take the payment.
      if (!session.url) throw new ApiError('payment_failed', 'No payment provider and no hosted checkout URL.');
      $payment.set({ status: 'redirecting', url: session.url });
      return;
    } else {
      try {
        await confirmWithTestProvider(config, handle, signal);
      } catch (error) {
        if (error instanceof ApiError && error.status === 402) {
          $payment.set({ status: 'failed', reason: 'declined', message: null, error });
          return;
        }
        // Lost on the way (timeout, network, 5xx): the card may have been charged. Ask, never confirm again.
        if (error instanceof ApiError && error.retryable) return settle(config, session.id, intent.id, signal);
        throw error;
      }
    }
    return settle(config, session.id, intent.id, signal);
  }

  function pay(request: PayRequest): Promise<void> {
    if ($payment.get().status === 'processing' || $payment.get().status === 'succeeded') return Promise.resolve();
    controller?.abort();
    const current = new AbortController();
    controller = current;
    return task(async () => {
      try {
        await run(request, current.signal);
      } catch (error) {
        if (current.signal.aborted) return;
        const apiError = error instanceof ApiError ? error : new ApiError('payment_failed', String(error));
        // A confirmation step that threw may still have charged, and WRONG_STATUS means the
        // session is no longer open (paid in another tab, or expired): ask the server.
        const ask = apiError.apiCode === 'WRONG_STATUS' || (!(error instanceof ApiError) && !!attempt?.intentId);
        if (ask && $payment.get().status === 'processing') {
          await settle(request.config, request.session.id, attempt?.intentId ?? '', current.signal).catch(() => undefined);
          if ($payment.get().status !== 'unknown') return;
        }
        $payment.set({ status: 'failed', reason: 'error', message: null, error: apiError });
      }
    });
  }

  return {
    $payment,
    pay,
    recheck(config, session) {
      controller?.abort();
      const current = new AbortController();
      controller = current;
      return task(() => settle(config, session.id, attempt?.intentId ?? '', current.signal).catch(() => undefined));
    },
    reset() {
      const status = $payment.get().status;
      if (status === 'failed') $payment.set({ status: 'idle' });
    },
    abort() {
      controller?.abort();
      controller = null;
      if ($payment.get().status === 'processing') $payment.set({ status: 'unknown' });
    },
  };
}
