/** The KohortPay API as the widget uses it: one function per call, errors as ApiError. */
import { ApiError, errorFromStatus, type CheckoutErrorCode } from './errors.js';
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

/** Refuses what must never be sent: a secret key, a malformed key, a non-http(s) base. */
export function checkApiConfig({ apiBase, publishableKey }: ApiConfig): ApiError | null {
  if (publishableKey.startsWith('sk_')) {
    return new ApiError('secret_key', 'A secret key was given where the publishable key belongs.');
  }
  if (!/^pk_(test|live)_\S+$/.test(publishableKey)) {
    return new ApiError('invalid_key', 'The publishable key is malformed.');
  }
  try {
    const url = new URL(apiBase);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new TypeError('protocol');
  } catch {
    return new ApiError('invalid_api_base', 'api-base is not an http(s) URL.');
  }
  return null;
}

function endpoint(apiBase: string, path: string): URL {
  return new URL(path.replace(/^\//, ''), apiBase.endsWith('/') ? apiBase : `${apiBase}/`);
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

interface RequestOptions {
  method: 'GET' | 'POST';
  signal: AbortSignal;
  body?: unknown;
  headers?: Record<string, string>;
  /** What a 404 means for this call. */
  notFound?: CheckoutErrorCode;
}

async function request(config: ApiConfig, path: string, options: RequestOptions): Promise<unknown> {
  const preflightError = checkApiConfig(config);
  if (preflightError) throw preflightError;
  const { signal } = options;
  let response: Response;
  try {
    response = await fetch(endpoint(config.apiBase, path), {
      method: options.method,
      signal,
      credentials: 'omit',
      headers: {
        Accept: 'application/json',
        Authorization: `Bearer ${config.publishableKey}`,
        ...(options.body === undefined ? {} : { 'Content-Type': 'application/json' }),
        ...options.headers,
      },
      body: options.body === undefined ? null : JSON.stringify(options.body),
    });
  } catch (error) {
    if (signal.aborted) throw error;
    throw new ApiError('network_error', 'The KohortPay API could not be reached.', { retryable: true });
  }
  if (!response.ok) {
    const { apiCode, detail } = await readErrorBody(response);
    throw errorFromStatus(response.status, apiCode, detail, options.notFound);
  }
  try {
    return await response.json();
  } catch {
    if (signal.aborted) throw signal.reason;
    throw new ApiError('invalid_response', 'The API answer is not valid JSON.', { status: response.status, retryable: true });
  }
}

/** `GET /checkout-sessions/{id}` with everything the first render needs. */
export async function fetchCheckoutSession(config: ApiConfig, sessionId: string, signal: AbortSignal): Promise<ParsedSession> {
  const path = `checkout-sessions/${encodeURIComponent(sessionId)}?${expandQuery(SESSION_EXPANSIONS)}`;
  const body = await request(config, path, { method: 'GET', signal, notFound: 'session_not_found' });
  return parseCheckoutSession(body, new URL(config.apiBase).origin);
}

/** `POST /payment-groups/{code}/validate`: may this customer join that group with this amount? */
export async function validateGroupCode(
  config: ApiConfig,
  code: string,
  body: { customerEmail: string; amount: number },
  signal: AbortSignal,
): Promise<ValidatedPaymentGroup> {
  const path = `payment-groups/${encodeURIComponent(code)}/validate`;
  return parseValidatedGroup(await request(config, path, { method: 'POST', body, signal }));
}

/** `GET /payment-groups/{id}` with its tiers and participants. */
export async function fetchPaymentGroup(config: ApiConfig, groupId: string, signal: AbortSignal): Promise<PaymentGroup> {
  const path = `payment-groups/${encodeURIComponent(groupId)}?${expandQuery(GROUP_EXPANSIONS)}`;
  return parsePaymentGroup(await request(config, path, { method: 'GET', signal }));
}

export interface NewPaymentIntent {
  amount: number;
  checkoutSessionId: string;
  customerEmail: string;
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
  });
  return parsePaymentIntent(answer);
}

/** The sandbox's test payment provider (test mode only; not part of the production API). */
export async function confirmWithTestProvider(
  config: ApiConfig,
  intent: { id: string; clientSecret: string },
  signal: AbortSignal,
): Promise<PaymentIntent> {
  const path = `sandbox/payment-intents/${encodeURIComponent(intent.id)}/confirm`;
  return parsePaymentIntent(await request(config, path, { method: 'POST', body: { client_secret: intent.clientSecret }, signal }));
}
