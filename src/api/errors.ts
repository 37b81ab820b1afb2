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

  constructor(
    code: CheckoutErrorCode,
    detail: string,
    options: { status?: number; retryable?: boolean; apiCode?: string } = {},
  ) {
    super(detail);
    this.name = 'ApiError';
    this.code = code;
    this.status = options.status;
    this.retryable = options.retryable ?? false;
    this.apiCode = options.apiCode;
  }
}

/** Maps an HTTP error answer to the widget's error code (`notFound` says what a 404 means for this call). */
export function errorFromStatus(
  status: number,
  apiCode: string | undefined,
  detail: string,
  notFound: CheckoutErrorCode = 'not_found',
): ApiError {
  if (status === 401 || status === 403) return new ApiError('unauthorized', detail, { status, apiCode });
  if (status === 404) return new ApiError(notFound, detail, { status, apiCode });
  if (status === 429) return new ApiError('rate_limited', detail, { status, apiCode, retryable: true });
  if (status >= 500) return new ApiError('server_error', detail, { status, apiCode, retryable: true });
  return new ApiError('request_failed', detail, { status, apiCode });
}
