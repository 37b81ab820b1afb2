/** Every way loading or paying can fail, as a code a merchant can switch on. */
export type CheckoutErrorCode =
  | 'missing_attribute'
  | 'secret_key'
  | 'invalid_key'
  | 'invalid_api_base'
  | 'unauthorized'
  | 'session_not_found'
  | 'network_error'
  | 'timeout'
  | 'server_error'
  | 'rate_limited'
  | 'request_failed'
  | 'invalid_response'
  | 'not_found'
  | 'payment_failed'
  | 'payment_unknown';

/** A failure of a call to the KohortPay API (or refused before it was sent). */
export class ApiError extends Error {
  readonly code: CheckoutErrorCode;
  readonly status: number | undefined;
  readonly retryable: boolean;
  /** The API's own `error.code` (`NOT_FOUND`, `WRONG_STATUS`, …) when it gave one. */
  readonly apiCode: string | undefined;
  /** How long the API asked us to wait (`Retry-After`), in milliseconds. */
  readonly retryAfterMs: number | undefined;

  constructor(
    code: CheckoutErrorCode,
    detail: string,
    options: { status?: number; retryable?: boolean; apiCode?: string; retryAfterMs?: number } = {},
  ) {
    super(detail);
    this.name = 'ApiError';
    this.code = code;
    this.status = options.status;
    this.retryable = options.retryable ?? false;
    this.apiCode = options.apiCode;
    this.retryAfterMs = options.retryAfterMs;
  }
}

/** No answer came: the network failed or the API took too long. */
export function isConnectionError(error: { code: string } | undefined): boolean {
  return error?.code === 'network_error' || error?.code === 'timeout';
}

/** The API refused this customer: paying again never works. */
export function isCustomerBlocked(error: { apiCode?: string } | undefined): boolean {
  return error?.apiCode === 'CUSTOMER_BLOCKED';
}

/** `Retry-After` in seconds or as an HTTP date, in milliseconds from now. */
export function parseRetryAfter(header: string | null, now: number): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header.trim());
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Maps an HTTP error answer to the widget's error code (`notFound` says what a 404 means for this call). */
export function errorFromStatus(
  status: number,
  apiCode: string | undefined,
  detail: string,
  notFound: CheckoutErrorCode = 'not_found',
  retryAfterMs?: number,
): ApiError {
  const retryable = status === 429 || status >= 500;
  // retryAfterMs is read only before a retry, so only on a retryable error.
  const code = status === 401 || status === 403 ? 'unauthorized' : status === 404 ? notFound : status === 429 ? 'rate_limited' : retryable ? 'server_error' : 'request_failed';
  return new ApiError(code, detail, { status, apiCode, retryable, retryAfterMs });
}
