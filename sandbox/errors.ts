/** The contract's error envelope: `{ error: { type, message, code } }`. */
import type { ApiErrorBody } from '../src/api/types.ts';

const REASONS: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  402: 'Payment Required',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Payload Too Large',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

export function reasonPhrase(status: number): string {
  return REASONS[status] ?? (status >= 500 ? 'Internal Server Error' : 'Error');
}

/** Thrown by handlers; `app.onError` turns it into the envelope. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: ApiErrorBody['error'],
    /** Sent with the error, e.g. `Retry-After` on a 429. */
    readonly headers: Record<string, string> = {},
  ) {
    super(Array.isArray(body.message) ? body.message.join('; ') : body.message);
  }
}

export function errorBody(status: number, message: string | string[], code?: string): ApiErrorBody {
  return {
    error: {
      type: status >= 500 ? 'api_error' : 'invalid_request_error',
      message,
      code: code ?? reasonPhrase(status),
    },
  };
}

function fail(status: number, message: string | string[], code?: string): ApiError {
  return new ApiError(status, errorBody(status, message, code).error);
}

/** Validation failures: `message` is always an array (class-validator style). */
export const badRequest = (messages: string[]): ApiError => fail(400, messages);
export const domainError = (code: string, message: string, status = 400): ApiError =>
  fail(status, message, code);
export const notFound = (message: string): ApiError => fail(404, message);
export const unauthorized = (message: string): ApiError => fail(401, message);
