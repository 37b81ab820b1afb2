/**
 * One payment attempt: create the intent (idempotently), hand it to the
 * confirmation step, then trust only the server: re-read the session until it
 * says COMPLETED. A double click, a retry or a lost answer never charges twice.
 */
import { atom, task, type ReadableAtom } from 'nanostores';
import { ApiError, isCustomerBlocked } from '../api/errors.js';
import {
  confirmWithTestProvider,
  createPaymentIntent,
  fetchCheckoutSession,
  wait,
  type ApiConfig,
} from '../api/client.js';
import { invalid } from '../api/parse.js';
import type { CheckoutSession, PaymentIntentStatus } from '../api/types.js';
import { UNDER_WAY, isSessionExpired, paymentUnderWay } from './session.js';

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

/**
 * `message`, when given, is shown to the customer as the provider's reason (Stripe's `error.message`,
 * which may be `undefined`: then the widget's own words, also under `exactOptionalPropertyTypes`).
 * Stripe's result may also be returned as is: see {@link StripePaymentResult}.
 */
export type ConfirmPaymentResult = { status: 'succeeded' } | { status: 'failed'; message?: string | undefined } | StripePaymentResult;

/**
 * What `stripe.confirmPayment({redirect: 'if_required'})` resolves to (stripe-js's `PaymentIntentResult`), or
 * `elements.submit()`'s `{error}`: `{error}` is a decline (its `message` shown), unless its `payment_intent` is already
 * paid or on its way; a `{paymentIntent}` that `succeeded`, is `processing`, `requires_capture` or `requires_action`
 * (a voucher to pay later) is a payment going through, followed until the KohortPay API says how it ended; one whose
 * QR code was closed unpaid (`next_action` `*_qr_code`: PayNow, PromptPay…) is a decline.
 */
export type StripePaymentResult =
  | { paymentIntent: { status: string }; error?: undefined }
  | { paymentIntent?: undefined; error: { message?: string | undefined; payment_intent?: { status: string } | undefined } };

/** Stripe's payment intent in its result, as much as the widget reads. */
type ProviderIntent = { status?: unknown; next_action?: { type?: unknown } | null };

/** What a `confirmPayment` written in plain JavaScript may answer: ours, or Stripe's `confirmPayment` result as is. */
type ProviderAnswer =
  | { status?: unknown; message?: unknown; error?: { message?: unknown; payment_intent?: ProviderIntent }; paymentIntent?: ProviderIntent }
  | null
  | undefined;

/** A merchant's payment provider: confirms the intent, e.g. with Stripe's `confirmPayment` and the client secret. */
export type ConfirmPaymentHandler = (intent: PaymentIntentHandle, context: ConfirmPaymentContext) => Promise<ConfirmPaymentResult>;

export type PaymentState =
  | { status: 'idle' }
  | { status: 'processing'; step: 'creating' | 'confirming' | 'settling' }
  | { status: 'failed'; reason: 'declined' | 'error'; message: string | null; error?: ApiError }
  | { status: 'unknown' }
  | { status: 'redirecting'; url: string }
  | { status: 'succeeded'; session: CheckoutSession; intentId: string }
  | { status: 'expired'; session: CheckoutSession };

export interface PayRequest {
  config: ApiConfig;
  session: CheckoutSession;
  customerEmail: string;
  paymentGroupId: string | null;
  confirm: ConfirmPaymentHandler | undefined;
  /** No `confirm`: true pays with the sandbox's test provider, false sends the customer to the hosted checkout. */
  testProvider: boolean;
}

/** Waits between the re-reads of the session after confirming: about 25 s in all. Tests shorten them. */
export const PAYMENT_TIMING = { settleDelaysMs: [0, 500, 1000, 1500, 2000, 2500, 3000, 3000, 3000, 4000, 4500] };

export interface PaymentStore {
  readonly $payment: ReadableAtom<PaymentState>;
  /** Starts paying; ignored unless idle, or failed other than for a blocked customer (a double click pays once). */
  pay(request: PayRequest): Promise<void>;
  /**
   * Reads the session again to settle an attempt whose outcome is unknown; never pays again. An
   * open session means "not paid" unless the provider said the payment succeeded or has not answered yet,
   * and "declined" once KohortPay has shown the payment under way.
   * `left`: the page was left and shown again (a bank's page, then Back): a step that had not answered never will.
   */
  recheck(config: ApiConfig, session: CheckoutSession, left?: boolean): Promise<void>;
  /**
   * Waits for a payment of this session already under way (another tab, before a reload); never pays.
   * `back`: the provider's page sent the customer back here as paid, maybe before KohortPay has heard of it,
   * so a session with no payment under way is not yet "not paid": it is read until it says so, then "unknown".
   */
  watch(config: ApiConfig, session: CheckoutSession, back?: boolean): Promise<void>;
  /**
   * Forgets a failure once the customer changes something, or a trip to the hosted checkout the
   * customer came back from: the next Pay reuses the same intent (same Idempotency-Key). A
   * blocked customer's refusal goes only with another e-mail (`emailChanged`).
   */
  reset(emailChanged?: boolean): void;
  /** Stops waiting (the element left the page). */
  abort(): void;
  /** Forgets everything: another session is shown. */
  clear(): void;
}

/**
 * A provider's answer for a payment going through, in any case: `succeeded`, Stripe's `processing`, or its `requires_action`
 * (a voucher to pay later; a QR code the customer closed is a decline, see `run`).
 */
const goesThrough = (status: unknown) => /^requires_action$/i.test(status as string) || UNDER_WAY.has(String(status).toUpperCase() as PaymentIntentStatus);

/** 128 random bits; getRandomValues, unlike randomUUID, exists on plain-http pages too. */
function newIdempotencyKey(): string {
  return `kohort-checkout-${crypto.getRandomValues(new Uint32Array(4)).join('-')}`;
}

interface Attempt {
  idempotencyKey: string;
  intentId?: string;
}

/** Page-wide, by order: two widgets of the same order pay one intent (same Idempotency-Key), never two. */
const attempts = new Map<string, Attempt>();

export function createPaymentStore(): PaymentStore {
  const $payment = atom<PaymentState>({ status: 'idle' });
  let controller: AbortController | null = null;
  /** Reused while the customer retries the same order, so the same intent is confirmed again. */
  let attempt: Attempt | null = null;
  /**
   * The provider said this widget's payment succeeded or is going through (true: also Stripe's processing, requires_capture, requires_action),
   * or has not answered yet (1: a 3-D Secure window is open, the card may be charging): an open session then means
   * "not known yet", never "not paid".
   */
  let confirmed: boolean | 1 = false;
  /** The provider's decline of this widget's last confirmation, said again if the server shows it unpaid after a pause. */
  let decline: PaymentState | null = null;
  /**
   * KohortPay itself showed this attempt's payment under way: once it shows none, the payment was declined
   * (a debit that bounced), said at once, even on a later "Check again", rather than "not known yet".
   */
  let seen = false;

  /** An attempt that was stopped (another session, the element left) never changes the state again. */
  const report = (signal: AbortSignal, state: PaymentState) => {
    if (!signal.aborted) $payment.set(state);
  };

  /**
   * Reads the session until the server says how the payment ended. With `ask`, no confirmation
   * of this widget is in flight, so an open session with no payment under way was not paid: `ask`
   * is then what the customer is told (`true`: the widget's own words).
   */
  async function settle(
    config: ApiConfig,
    sessionId: string,
    intentId: string,
    signal: AbortSignal,
    { ask = false as boolean | PaymentState, delays = PAYMENT_TIMING.settleDelaysMs } = {},
  ): Promise<void> {
    report(signal, { status: 'processing', step: 'settling' });
    for (const delay of delays) {
      await wait(delay, signal);
      try {
        const { session } = await fetchCheckoutSession(config, sessionId, signal);
        if (session.status === 'COMPLETED') {
          report(signal, { status: 'succeeded', session, intentId: session.payment_intent?.id ?? intentId });
          return;
        }
        // Money moving: its outcome is awaited, whatever the session says. A session that says EXPIRED while its payment
        // is moving, or after the provider said it succeeded, is not called expired: the customer may be charged
        // (at worst: "unknown", Check again), never "start your order again".
        if (paymentUnderWay(session)) {
          seen = true;
          continue;
        }
        // KohortPay showed it moving and now shows none: it was declined, whatever the provider said first.
        if (seen) {
          ask = { status: 'failed', reason: 'declined', message: null };
          confirmed = false;
        }
        if (!confirmed && (session.status === 'EXPIRED' || (ask && isSessionExpired(session, config.apiBase)))) {
          report(signal, { status: 'expired', session });
          return;
        }
        if (ask) {
          // No error: the element reports `payment_failed`, retryable, in its own words ("declined", "did not go through").
          report(signal, ask === true ? { status: 'failed', reason: 'error', message: null } : ask);
          return;
        }
      } catch (error) {
        if (signal.aborted) throw error;
        // The provider's decline stands when the server cannot say otherwise (paid): not "unknown" a minute later.
        if ((ask as { status?: string }).status) return report(signal, ask as PaymentState);
        // Every try of this read hung to its timeout (up to 10 s each): "not known yet" now, not after every read has.
        if ((error as ApiError).code === 'timeout') break;
        // Any other failed read (offline: failing at once) says nothing about the payment: keep asking until the bound.
      }
    }
    report(signal, { status: 'unknown' });
  }

  /** One attempt from start to end: create the intent, confirm it (or send the customer to the hosted checkout), settle it. */
  async function run(request: PayRequest, signal: AbortSignal) {
    const { config, session, customerEmail, paymentGroupId } = request;
    // No provider plugged in and no hosted checkout to take the payment: nothing can, whatever the
    // customer does; the page's setup lacks `confirmPayment`. No intent is created for it.
    if (!(request.confirm || request.testProvider || session.url)) {
      throw new ApiError('missing_attribute', 'No way to pay: set the confirmPayment property, or give the session a hosted checkout url.');
    }
    // The intent is the order (session, amount, group); the e-mail goes to the confirmation step.
    const fingerprint = JSON.stringify([session.id, session.amount_total, paymentGroupId]);
    const current = (attempt = attempts.get(fingerprint) ?? { idempotencyKey: newIdempotencyKey() });
    attempts.set(fingerprint, current);

    decline = null;
    seen = false;
    report(signal, { status: 'processing', step: 'creating' });
    const intent = await createPaymentIntent(
      config,
      { amount: session.amount_total, checkoutSessionId: session.id, ...(paymentGroupId ? { paymentGroupId } : {}) },
      current.idempotencyKey,
      signal,
    );
    current.intentId = intent.id;
    if (UNDER_WAY.has(intent.status)) {
      // A retry found an attempt that already went through (captured, charged, cashback): settle it, never confirm again.
      return settle(config, session.id, intent.id, signal);
    }

    // Not this order's amount or currency (a missing currency reads as EUR), or no secret to confirm it with: never confirm it.
    const clientSecret = intent.client_secret;
    const notThisOrder = intent.amount !== session.amount_total || intent.currency.toUpperCase() !== session.currency;
    if (notThisOrder || (!clientSecret && (request.confirm || request.testProvider))) invalid('payment_intent');
    report(signal, { status: 'processing', step: 'confirming' });
    const handle: PaymentIntentHandle = {
      id: intent.id,
      clientSecret: clientSecret ?? '',
      amount: intent.amount,
      currency: session.currency,
    };
    if (request.confirm) {
      let result: ProviderAnswer;
      confirmed = 1;
      try {
        const answer: ProviderAnswer = await request.confirm(handle, { sessionId: session.id, customerEmail, livemode: session.livemode, paymentGroupId, signal });
        // Ours first; else Stripe's result: the provider's intent says, unless `error` is a decline (its intent, if any, not under way: not already paid),
        // or its QR code (next_action `*_qr_code`) was closed unpaid: Stripe's "cancelling payment" (PayNow, PromptPay, WeChat Pay…).
        const providerIntent = answer?.paymentIntent ?? answer?.error?.payment_intent;
        result = answer?.status
          ? answer
          : (answer?.error && !goesThrough(providerIntent?.status)) || /qr/.test(providerIntent?.next_action?.type as string)
            ? { status: 'failed', message: answer!.error?.message }
            : (providerIntent ?? answer);
      } catch (error) {
        // The merchant's handler failed: say so where its developer looks; the server then tells how the payment ended.
        console.error('[kohort-checkout] confirmPayment threw:', error);
        throw error;
      } finally {
        // Unless the widget moved on to another session meanwhile (clear): this answer is not the next order's.
        if (attempt === current) confirmed = goesThrough(result?.status);
      }
      if (result?.status === 'failed') {
        const declined: PaymentState = { status: 'failed', reason: 'declined', message: typeof result.message === 'string' ? result.message : null };
        // Kept for "Check again" unless the widget moved on to another session meanwhile, as `confirmed` above.
        if (attempt === current) decline = declined;
        // A provider also refuses an intent already paid (by another widget of this order, or before a lost answer):
        // the server says whether it was.
        return settle(config, session.id, intent.id, signal, { ask: declined });
      }
      // Not a payment going through (succeeded, or Stripe's processing, requires_capture or requires_action): its developer learns why the customer waits.
      if (!goesThrough(result?.status)) console.error('[kohort-checkout] confirmPayment should answer {status:"succeeded"} or {status:"failed",message?} or Stripe’s result, not', result);
    } else if (!request.testProvider) {
      // No provider plugged in: the hosted checkout takes the payment.
      report(signal, { status: 'redirecting', url: session.url! });
      return;
    } else {
      try {
        await confirmWithTestProvider(config, handle, customerEmail, signal);
      } catch (error) {
        if (error instanceof ApiError && error.status === 402) {
          report(signal, { status: 'failed', reason: 'declined', message: null, error });
          return;
        }
        // Lost on the way (timeout, network, 5xx): the card may have been charged. Ask, never confirm again.
        if (error instanceof ApiError && error.retryable) return settle(config, session.id, intent.id, signal);
        throw error;
      }
    }
    return settle(config, session.id, intent.id, signal);
  }

  /** Starts `work` as the only attempt in flight; the one before it is stopped. */
  function exclusive(work: (signal: AbortSignal) => Promise<void>): Promise<void> {
    controller?.abort();
    const current = new AbortController();
    controller = current;
    return task(() => work(current.signal));
  }

  function pay(request: PayRequest): Promise<void> {
    // Only from a form that can pay: never while paying, redirecting, or waiting for an unknown
    // outcome; nor for a customer the API refused (blocked) until the e-mail changes (reset).
    const state = $payment.get();
    if (state.status !== 'idle' && (state.status !== 'failed' || isCustomerBlocked(state.error))) return Promise.resolve();
    return exclusive(async (signal) => {
      try {
        await run(request, signal);
      } catch (error) {
        if (signal.aborted) return;
        const apiError = error instanceof ApiError ? error : new ApiError('payment_failed', String(error));
        // WRONG_STATUS: the session is no longer open, or another payment of it is under way
        // (another tab), and ours was refused. A confirmation step that threw may still have
        // charged. Either way the server knows: ask it.
        const refused = apiError.apiCode === 'WRONG_STATUS';
        // The refused intent cannot be confirmed again (canceled, or another one was paid): the
        // next Pay starts a new one rather than replay it under the same Idempotency-Key.
        if (refused && attempt) attempt.idempotencyKey = newIdempotencyKey();
        if ((refused || (!(error instanceof ApiError) && !!attempt?.intentId)) && $payment.get().status === 'processing') {
          // An unknown outcome stays unknown (Check again), refused too: the order may be paying elsewhere (another tab).
          return settle(request.config, request.session.id, attempt?.intentId ?? '', signal, { ask: refused }).catch(() => undefined);
        }
        report(signal, { status: 'failed', reason: 'error', message: null, error: apiError });
      }
    });
  }

  return {
    $payment,
    pay,
    recheck(config, session, left) {
      // A step that had not answered when the page was left (its provider went to the bank's page) never will.
      if (left) confirmed = confirmed === true;
      return exclusive((signal) => settle(config, session.id, attempt?.intentId ?? '', signal, { ask: !confirmed && (decline ?? true) }).catch(() => undefined));
    },
    watch(config, session, back) {
      attempt = decline = null;
      // Called for a session whose payment is under way, unless back.
      seen = !back;
      // The session was just read: no immediate re-read; the first waits the second delay.
      const delays = PAYMENT_TIMING.settleDelaysMs.slice(1);
      const intentId = session.payment_intent?.id ?? '';
      return exclusive((signal) => settle(config, session.id, intentId, signal, { ask: !back, delays }).catch(() => undefined));
    },
    reset(emailChanged) {
      const state = $payment.get();
      if (state.status === 'redirecting' || (state.status === 'failed' && (emailChanged || !isCustomerBlocked(state.error)))) {
        $payment.set({ status: 'idle' });
      }
    },
    abort() {
      controller?.abort();
      controller = null;
      const state = $payment.get();
      if (state.status !== 'processing') return;
      // Before the intent exists nothing can have been charged; after, only the server knows.
      $payment.set(state.step === 'creating' ? { status: 'idle' } : { status: 'unknown' });
    },
    clear() {
      controller?.abort();
      controller = null;
      attempt = null;
      confirmed = false;
      $payment.set({ status: 'idle' });
    },
  };
}
