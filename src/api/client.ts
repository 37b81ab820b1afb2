/** The KohortPay API as the widget uses it: one function per call, errors as ApiError. */
import { ApiError, errorFromStatus, isConnectionError, parseRetryAfter, type CheckoutErrorCode } from './errors.js';
import { observeServerDate, serverNow } from './server-clock.js';
import {
  parseCheckoutSession,
  parsePaymentGroup,
  parsePaymentIntent,
  parseValidatedGroup,
  type ParsedSession,
} from './parse.js';
import type { PaymentGroup, PaymentIntent, ValidatedPaymentGroup } from './types.js';

export const DEFAULT_API_BASE = 'https://api.kohortpay.com';

/** What the first render needs, in one request. */
export const SESSION_EXPANSIONS = ['line_items', 'payment_intent.payment_group', 'organization.brand_settings'];

/** What the group view needs: tiers, participants and their first names, the creator. */
export const GROUP_EXPANSIONS = ['payment_group_settings.discount_levels', 'payment_intents.customer', 'customer'];

export interface ApiConfig {
  apiBase: string;
  publishableKey: string;
}

/** Refuses what must never be sent (a secret key, a live key over plain http) or cannot be (a malformed key, a non-http(s) base). */
export function checkApiConfig({ apiBase, publishableKey, sessionId = '' }: ApiConfig & { sessionId?: string }): ApiError | null {
  // In session-id or api-base too: it would go out in the URL (api-base's path), and be printed with the error.
  // Anywhere in them as a word of its own: after an invisible character, in quotes, as ?key=, it is still the key
  // (a /kiosk_api/ or /sk_sk/ path is not).
  if (publishableKey.startsWith('sk_') || /\bsk_(test|live)_/.test(`${sessionId} ${apiBase}`)) {
    return new ApiError('secret_key', 'A secret key was given: use the publishable key.');
  }
  // Printable ASCII, as keys are: a zero-width space pasted with one made fetch fail as if offline.
  if (!/^pk_(test|live)_[!-~]+$/.test(publishableKey)) {
    return new ApiError('invalid_key', 'The publishable key is malformed.');
  }
  // Kept by encodeURIComponent, "." or ".." would be a dot segment: the request would go to /checkout-sessions/ or to /.
  if (/^\.\.?$/.test(sessionId)) return new ApiError('session_not_found', 'session-id is malformed.');
  try {
    const url = new URL(apiBase);
    // No user name or password: fetch refuses such a URL, which would pass for a network error. A live key travels
    // over HTTPS only; plain http is for a test server (this computer's, or one on the network).
    if (
      !url.username &&
      !url.password &&
      (url.protocol === 'https:' || (url.protocol === 'http:' && (!publishableKey.startsWith('pk_live_') || isLoopback(url.hostname))))
    ) {
      return null;
    }
  } catch {
    // Not a URL at all.
  }
  return new ApiError('invalid_api_base', 'api-base must be an https URL (http only for a test key or this computer).');
}

/** This computer: localhost, a .localhost name, or a loopback address. */
function isLoopback(hostname: string): boolean {
  return /(^|\.)localhost$|^\[::1]$|^127\.\d+\.\d+\.\d+$/.test(hostname);
}

/** `path` is relative, without a leading `/` (every call's is): it goes under api-base's own path, not its origin's root. */
function endpoint(apiBase: string, path: string): URL {
  return new URL(path, apiBase.endsWith('/') ? apiBase : `${apiBase}/`);
}

function expandQuery(fields: readonly string[]): string {
  return fields.map((field) => `expand[]=${encodeURIComponent(field)}`).join('&');
}

async function readErrorBody(response: Response): Promise<{ apiCode?: string; detail: string }> {
  try {
    const body = (await response.json()) as { error?: { code?: unknown; message?: unknown } };
    const message = body.error?.message;
    return {
      apiCode: typeof body.error?.code === 'string' ? body.error.code : undefined,
      detail: Array.isArray(message) ? message.join('; ') : typeof message === 'string' ? message : response.statusText,
    };
  } catch {
    return { detail: response.statusText };
  }
}

/**
 * Timeouts and retries. Reads are retried on a network error, a timeout, 429 and
 * 502/503/504; writes only when they carry an Idempotency-Key (the same key, so the
 * server answers with what it already did). Tests shorten the numbers.
 */
export const NETWORK_POLICY = {
  /** Longest wait for one answer, body included. */
  timeoutMs: 10_000,
  /** Tries after the first. */
  retries: 3,
  /** Backoff: between half and all of base × 2^tries (equal jitter), the whole at most maxMs. */
  backoffBaseMs: 400,
  backoffMaxMs: 5_000,
  /** A longer Retry-After is not waited for: the customer gets the Retry button instead. */
  retryAfterMaxMs: 10_000,
};

const RETRIED_STATUSES: readonly (number | undefined)[] = [429, 502, 503, 504];

interface RequestOptions {
  method: 'GET' | 'POST';
  signal: AbortSignal;
  body?: unknown;
  headers?: Record<string, string>;
  /** What a 404 means for this call. */
  notFound?: CheckoutErrorCode;
  /** `read` and `idempotent` calls are retried; `once` calls (a confirmation) never are. */
  retry: 'read' | 'idempotent' | 'once';
}

function shouldRetry(error: ApiError): boolean {
  return isConnectionError(error) || RETRIED_STATUSES.includes(error.status);
}

/**
 * The wait after try number `tries` (0: the first) failed: the API's Retry-After if it gave one
 * (null: too long to wait for), else the backoff.
 */
function backoffDelay(error: ApiError, tries: number): number | null {
  if (error.retryAfterMs !== undefined) return error.retryAfterMs <= NETWORK_POLICY.retryAfterMaxMs ? error.retryAfterMs : null;
  const ceiling = Math.min(NETWORK_POLICY.backoffMaxMs, NETWORK_POLICY.backoffBaseMs * 2 ** tries);
  return Math.round(ceiling / 2 + (Math.random() * ceiling) / 2);
}

/** Resolves after `ms`, or rejects with the signal's reason once it aborts. */
export function wait(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/** One try: the answer (body read) or an ApiError, within the timeout. */
async function attempt(config: ApiConfig, path: string, options: RequestOptions): Promise<unknown> {
  const { signal } = options;
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, NETWORK_POLICY.timeoutMs);
  const forwardAbort = () => controller.abort(signal.reason);
  signal.addEventListener('abort', forwardAbort, { once: true });
  const failure = (error: unknown, whileReading: boolean): never => {
    if (signal.aborted) throw signal.reason ?? error;
    if (timedOut) throw new ApiError('timeout', 'The KohortPay API did not answer in time.', { retryable: true });
    if (whileReading) throw new ApiError('invalid_response', 'The API answer was cut short or is not JSON.', { retryable: true });
    throw new ApiError('network_error', 'The KohortPay API could not be reached.', { retryable: true });
  };
  try {
    let response: Response;
    try {
      response = await fetch(endpoint(config.apiBase, path), {
        method: options.method,
        signal: controller.signal,
        credentials: 'omit',
        // An answer from another address is not the API's (nor is a POST replayed as a GET).
        redirect: 'manual',
        headers: {
          Accept: 'application/json',
          Authorization: `Bearer ${config.publishableKey}`,
          ...(options.body !== undefined && { 'Content-Type': 'application/json' }),
          ...options.headers,
        },
        body: JSON.stringify(options.body), // undefined (no body) when there is none
      });
    } catch (error) {
      return failure(error, false);
    }
    if (response.type === 'opaqueredirect') throw new ApiError('invalid_api_base', 'api-base redirects: use where it leads.');
    observeServerDate(config.apiBase, response.headers.get('Date'));
    if (!response.ok) {
      const { apiCode, detail } = await readErrorBody(response);
      throw errorFromStatus(response.status, apiCode, detail, options.notFound, parseRetryAfter(response.headers.get('Retry-After'), serverNow(config.apiBase)));
    }
    try {
      return await response.json();
    } catch (error) {
      return failure(error, true);
    }
  } finally {
    clearTimeout(timer);
    signal.removeEventListener('abort', forwardAbort);
  }
}

async function request(config: ApiConfig, path: string, options: RequestOptions): Promise<unknown> {
  const preflightError = checkApiConfig(config);
  if (preflightError) throw preflightError;
  for (let tries = 0; ; tries++) {
    try {
      return await attempt(config, path, options);
    } catch (error) {
      if (!(error instanceof ApiError) || options.retry === 'once' || tries >= NETWORK_POLICY.retries || !shouldRetry(error)) {
        throw error;
      }
      const delay = backoffDelay(error, tries);
      if (delay === null) throw error;
      await wait(delay, options.signal);
    }
  }
}

/** `GET /checkout-sessions/{id}` with everything the first render needs. */
export async function fetchCheckoutSession(config: ApiConfig, sessionId: string, signal: AbortSignal): Promise<ParsedSession> {
  const path = `checkout-sessions/${encodeURIComponent(sessionId)}?${expandQuery(SESSION_EXPANSIONS)}`;
  const body = await request(config, path, { method: 'GET', signal, notFound: 'session_not_found', retry: 'read' });
  return parseCheckoutSession(body, new URL(config.apiBase).origin);
}

/** `POST /payment-groups/{code}/validate`: may this customer join that group with this amount? */
export async function validateGroupCode(
  config: ApiConfig,
  code: string,
  body: { customerEmail: string; amount: number },
  signal: AbortSignal,
): Promise<ValidatedPaymentGroup> {
  // No `?expand[]=customer` for the creator's name: neither spec declares a query on validate, and
  // an API that refuses what it does not declare would refuse every friend's code. The name is
  // shown when the answer carries it.
  const path = `payment-groups/${encodeURIComponent(code)}/validate`;
  // Validating changes nothing on the server: it is retried like a read.
  return parseValidatedGroup(await request(config, path, { method: 'POST', body, signal, retry: 'read' }));
}

/** `GET /payment-groups/{id}` with its tiers and participants. */
export async function fetchPaymentGroup(config: ApiConfig, groupId: string, signal: AbortSignal): Promise<PaymentGroup> {
  const path = `payment-groups/${encodeURIComponent(groupId)}?${expandQuery(GROUP_EXPANSIONS)}`;
  return parsePaymentGroup(await request(config, path, { method: 'GET', signal, retry: 'read' }));
}

/** The contract's body: the order only; the payer's e-mail goes to the confirmation step. */
export interface NewPaymentIntent {
  amount: number;
  checkoutSessionId: string;
  paymentGroupId?: string;
}

/** `POST /payment-intents`; the same `idempotencyKey` always yields the same intent. */
export async function createPaymentIntent(
  config: ApiConfig,
  body: NewPaymentIntent,
  idempotencyKey: string,
  signal: AbortSignal,
): Promise<PaymentIntent> {
  const answer = await request(config, 'payment-intents', {
    method: 'POST',
    body,
    signal,
    headers: { 'Idempotency-Key': idempotencyKey },
    retry: 'idempotent',
  });
  return parsePaymentIntent(answer);
}

/** The sandbox's test payment provider (test mode only; not part of the production API). */
export async function confirmWithTestProvider(
  config: ApiConfig,
  intent: { id: string; clientSecret: string },
  customerEmail: string,
  signal: AbortSignal,
): Promise<PaymentIntent> {
  const path = `sandbox/payment-intents/${encodeURIComponent(intent.id)}/confirm`;
  const body = { client_secret: intent.clientSecret, customer_email: customerEmail };
  // Never sent twice: an unknown outcome is settled by reading the session.
  return parsePaymentIntent(await request(config, path, { method: 'POST', body, signal, retry: 'once' }));
}
