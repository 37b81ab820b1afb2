/**
 * The checkout session of one widget: loading it, keeping the newest answer,
 * and noticing when it expires. Each element creates its own with
 * `createSessionStore()`, so two widgets on a page never share state.
 */
import { atom, task, type ReadableAtom } from 'nanostores';
import { ApiError } from '../api/errors.js';
import { serverNow } from '../api/server-clock.js';
import { checkApiConfig, fetchCheckoutSession, type ApiConfig } from '../api/client.js';
import { warnSetupMistakes } from '../api/setup-warnings.js';
import type { CheckoutSession, PaymentIntentStatus } from '../api/types.js';
import { numberFormat } from '../i18n/messages.js';
import { summarizeCheckout, type CheckoutSummary } from '../money/totals.js';

/** Read by the bundler, as nanostores does: development builds keep the warnings for mistakes production code cannot see. */
declare const process: { env: { NODE_ENV?: string } };

/** The element's attributes as it reads them: trimmed, and api-base defaulted (see #inputs). */
export interface SessionInputs extends ApiConfig {
  sessionId: string;
}

export type SessionView =
  | { status: 'idle' }
  | { status: 'loading' }
  | { status: 'ready'; session: CheckoutSession; summary: CheckoutSummary }
  | { status: 'completed'; session: CheckoutSession; intentId?: string }
  | { status: 'expired'; session: CheckoutSession }
  | { status: 'error'; error: ApiError; missing?: 'session-id' | 'publishable-key' };

/** The session a view shows, if any (idle, loading and error views have none). */
export function sessionOf(view: SessionView): CheckoutSession | null {
  return (view as { session?: CheckoutSession }).session ?? null;
}

/** How long a widget without `session-id` (or `publishable-key`) waits for it before saying it is missing. */
export const SESSION_TIMING = { attributeGraceMs: 3000 };

/** setTimeout's longest delay; longer waits are re-armed. */
const MAX_TIMER_DELAY = 2_147_483_647;

export interface SessionStore {
  readonly $view: ReadableAtom<SessionView>;
  /** Loads (or reloads) the session for these inputs; the newest call always wins. */
  load(inputs: SessionInputs): Promise<CheckoutSession | void>;
  /** Loads the last inputs again (the Retry button). */
  retry(): Promise<CheckoutSession | void>;
  /** Reads the session again behind its view, which changes only if the session is paid or expired now; resolves to what was read. */
  refresh(): Promise<CheckoutSession | void>;
  /** Stops everything in flight (request, expiry timer, missing-attribute wait); the view stays as it is. */
  pause(): void;
  /** Re-arms the expiry timer after `pause()` (the element was moved in the DOM). */
  resume(): void;
  /** Holds the expiry while a payment is under way or its outcome unknown (the server's answer wins). */
  setPaying(value: boolean): void;
  /** Shows the session the server says is paid, after this widget's payment. */
  showPaid(session: CheckoutSession, intentId: string): void;
  /** Shows the session as expired (it expired while the customer was paying). */
  showExpired(session: CheckoutSession): void;
  /** True when `inputs` are the ones the current view was loaded with and nothing needs reloading. */
  isCurrent(inputs: SessionInputs): boolean;
}

/** `apiBase`: the API the session was read from, whose clock says when it expires. */
export function isSessionExpired(session: CheckoutSession, apiBase: string): boolean {
  // Never asked of a paid session, the only one whose expires_at may be null.
  return session.status === 'EXPIRED' || Date.parse(session.expires_at!) <= serverNow(apiBase);
}

/** Intent statuses that mean money is moving or has moved. */
export const UNDER_WAY: ReadonlySet<PaymentIntentStatus> = new Set<PaymentIntentStatus>([
  'PROCESSING',
  'REQUIRES_CAPTURE',
  'SUCCEEDED',
  'CASHBACK_AVAILABLE',
  'CASHBACK_PROCESSING',
  'CASHBACK_SENT',
]);

/**
 * A session not yet completed whose payment is under way: offering to pay again could charge
 * twice, and calling it expired (by its status or its clock) could hide a charge.
 */
export function paymentUnderWay(session: CheckoutSession): boolean {
  const status = session.payment_intent?.status;
  return session.status !== 'COMPLETED' && !!status && UNDER_WAY.has(status);
}

/** The view of a session just read; an open one comes with its totals. */
function viewFor(session: CheckoutSession, summary: CheckoutSummary, apiBase: string): SessionView {
  if (session.status === 'COMPLETED') return { status: 'completed', session };
  // A payment under way is followed from the ready view until the server says how it ended.
  if (isSessionExpired(session, apiBase) && !paymentUnderWay(session)) return { status: 'expired', session };
  return { status: 'ready', session, summary };
}

function sameInputs(loaded: SessionInputs | null, candidate: SessionInputs): boolean {
  return (
    !!loaded &&
    loaded.sessionId === candidate.sessionId &&
    loaded.publishableKey === candidate.publishableKey &&
    loaded.apiBase === candidate.apiBase
  );
}

export function createSessionStore(): SessionStore {
  const $view = atom<SessionView>({ status: 'idle' });

  let inputs: SessionInputs | null = null;
  let inFlight: AbortController | null = null;
  let expiryTimer: ReturnType<typeof setTimeout> | undefined;
  /** Counts loads: an answer to an older one (or one paused since) is dropped. */
  let generation = 0;
  /** While a payment is being settled the server decides: the local clock must not expire the view. */
  let paying = false;

  /** The wait for a missing attribute (see SESSION_TIMING). */
  let graceTimer: ReturnType<typeof setTimeout> | undefined;

  function clearExpiryTimer() {
    clearTimeout(expiryTimer);
    document.removeEventListener('visibilitychange', armExpiryTimer);
  }

  /**
   * Expires the ready view once its expires_at passes on the API's clock; re-armed while a payment
   * holds it, after setTimeout's longest delay, or when the page is shown or hidden again.
   */
  function armExpiryTimer() {
    clearExpiryTimer();
    const view = $view.get();
    if (view.status !== 'ready') return;
    // Timers sleep with the machine (a closed laptop): back on screen, the clock says what is left.
    document.addEventListener('visibilitychange', armExpiryTimer);
    const delay = Date.parse(view.session.expires_at!) - serverNow(inputs!.apiBase);
    expiryTimer = setTimeout(() => {
      const current = $view.get();
      if (current.status !== 'ready' || current.session !== view.session) return;
      // Due, it is: Date.now() may have been put back since the server's time was learned; timers do not move.
      if (delay < MAX_TIMER_DELAY && !paying) {
        $view.set({ status: 'expired', session: current.session });
      } else {
        armExpiryTimer();
      }
    }, Math.min(Math.max(delay, paying ? 1000 : 0), MAX_TIMER_DELAY));
  }

  function fail(error: ApiError, missing?: 'session-id' | 'publishable-key') {
    clearExpiryTimer();
    $view.set({ status: 'error', error, missing });
  }

  /** `behind`: read again while the view stays shown (refresh), which changes only if the session is paid or expired now. */
  function load(next: SessionInputs, behind = false): Promise<CheckoutSession | void> {
    inFlight?.abort();
    inFlight = null;
    clearExpiryTimer();
    clearTimeout(graceTimer);
    inputs = { ...next };
    const myGeneration = ++generation;

    const missing = !next.sessionId ? 'session-id' : !next.publishableKey ? 'publishable-key' : null;
    if (missing) {
      // Pages often create the session first and set session-id a moment later: show the
      // skeleton meanwhile, and call it missing only if it is still missing after a while.
      $view.set({ status: 'loading' });
      graceTimer = setTimeout(() => {
        if (myGeneration === generation) fail(new ApiError('missing_attribute', `${missing} is required.`), missing);
      }, SESSION_TIMING.attributeGraceMs);
      return Promise.resolve();
    }
    const refused = checkApiConfig(next);
    if (refused) {
      fail(refused);
      return Promise.resolve();
    }
    if (process.env.NODE_ENV !== 'production') warnSetupMistakes(next);

    const controller = new AbortController();
    inFlight = controller;
    const shown = $view.get();
    if (!behind) $view.set({ status: 'loading' });
    // Idle while the answer travels: the page's first number format (100 ms or more on a slow phone) is made then, not after it.
    self.requestIdleCallback?.(() => numberFormat('en'));
    return task(async () => {
      try {
        const { session, refusedUrls } = await fetchCheckoutSession(next, next.sessionId, controller.signal);
        if (myGeneration !== generation) return;
        for (const field of refusedUrls) {
          console.warn(`[kohort-checkout] Ignored ${field} from the API: not an ${field === 'url' ? 'https' : 'http(s)'} URL.`);
        }
        const summary = summarizeCheckout(session.line_items ?? [], session.amount_total);
        // Paid, the lines are not shown (nor kept, if unreadable) and nothing is left to charge.
        if (summary.mismatch && session.status !== 'COMPLETED') {
          console.warn(
            `[kohort-checkout] Session ${session.id}: the line items do not add up to amount_total; showing amount_total, which is what will be charged.`,
          );
        }
        const view = viewFor(session, summary, next.apiBase);
        // Behind the view: unless a payment changed it meanwhile, or is under way (the server's answer to it wins).
        if (!behind || (view.status !== 'ready' && !paying && $view.get() === shown)) {
          // One under way holds the expiry until the element follows it, and then while it does (see setPaying);
          // not after: the view's intent stays as read, under way, once the payment has not gone through.
          paying = paymentUnderWay(session);
          $view.set(view);
        }
        return session;
      } catch (error) {
        // Read behind the view, a failure leaves it as it was: paying asks the server first anyway.
        if (myGeneration !== generation || controller.signal.aborted || behind) return;
        fail(error instanceof ApiError ? error : new ApiError('invalid_response', String(error), { retryable: true }));
      } finally {
        if (inFlight === controller) inFlight = null;
        if (myGeneration === generation) armExpiryTimer();
      }
    });
  }

  return {
    $view,
    load,
    retry: () => (inputs ? load(inputs) : Promise.resolve()),
    refresh: () => (inputs ? load(inputs, true) : Promise.resolve()),
    pause() {
      // A request cut short leaves the view "loading"; resume() will not be enough.
      if (inFlight) {
        inFlight.abort();
        inFlight = null;
        generation++;
      }
      clearExpiryTimer();
      clearTimeout(graceTimer);
    },
    resume: armExpiryTimer,
    setPaying(value) {
      paying = value;
    },
    showPaid(session, intentId) {
      clearExpiryTimer();
      $view.set({ status: 'completed', session, intentId });
    },
    showExpired(session) {
      clearExpiryTimer();
      $view.set({ status: 'expired', session });
    },
    isCurrent(candidate) {
      const status = $view.get().status;
      return sameInputs(inputs, candidate) && status !== 'idle' && status !== 'loading';
    },
  };
}
