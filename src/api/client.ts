/** The KohortPay API as the widget uses it: one function per call, errors as ApiError. */
import { ApiError, errorFromStatus } from './errors.js';
import { parseCheckoutSession, type ParsedSession } from './parse.js';

export const DEFAULT_API_BASE = 'https://api.kohortpay.com';

/** What the first render needs, in one request. */
export const SESSION_EXPANSIONS = ['line_items', 'payment_intent.payment_group', 'organization.brand_settings'];

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

async function request(config: ApiConfig, path: string, init: RequestInit & { signal: AbortSignal }): Promise<unknown> {
  const preflightError = checkApiConfig(config);
  if (preflightError) throw preflightError;
  let response: Response;
  try {
    response = await fetch(endpoint(config.apiBase, path), {
      ...init,
      headers: { Accept: 'application/json', Authorization: `Bearer ${config.publishableKey}`, ...init.headers },
      credentials: 'omit',
    });
  } catch (error) {
    if (init.signal.aborted) throw error;
    throw new ApiError('network_error', 'The KohortPay API could not be reached.', { retryable: true });
  }
  if (!response.ok) {
    const { apiCode, detail } = await readErrorBody(response);
    throw errorFromStatus(response.status, apiCode, detail);
  }
  try {
    return await response.json();
  } catch {
    if (init.signal.aborted) throw init.signal.reason;
    throw new ApiError('invalid_response', 'The API answer is not valid JSON.', { status: response.status, retryable: true });
  }
}

/** `GET /checkout-sessions/{id}` with everything the first render needs. */
export async function fetchCheckoutSession(config: ApiConfig, sessionId: string, signal: AbortSignal): Promise<ParsedSession> {
  const query = SESSION_EXPANSIONS.map((field) => `expand[]=${encodeURIComponent(field)}`).join('&');
  const body = await request(config, `checkout-sessions/${encodeURIComponent(sessionId)}?${query}`, { method: 'GET', signal });
  return parseCheckoutSession(body);
}
