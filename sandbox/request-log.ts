/** The last requests the sandbox received, so tests can count calls ("exactly one POST"). */
import type { MiddlewareHandler } from 'hono';
import { keyFromHeader } from './auth.ts';
import type { SandboxEnv } from './env.ts';
import type { ApiKeyInfo } from './types.ts';

export interface LoggedRequest {
  method: string;
  path: string;
  /** The raw query string, without `?`. */
  query: string;
  idempotency_key: string | null;
  /** The first 8 characters of the key (`pk_test_`): enough to tell keys apart, never the key. */
  authorization_prefix: string | null;
  /** The mode of the key sent, or null without a known key. `GET /sandbox/requests` leaves live requests out. */
  livemode: boolean | null;
  at: string;
}

const CAPACITY = 500;

/** Control calls of the test harness itself are not logged: they would pollute the counts. */
export const isControlPath = (path: string): boolean =>
  path.startsWith('/sandbox/faults') || path.startsWith('/sandbox/requests');

export class RequestLog {
  private entries: LoggedRequest[] = [];

  record(entry: LoggedRequest): void {
    this.entries.push(entry);
    if (this.entries.length > CAPACITY) this.entries.splice(0, this.entries.length - CAPACITY);
  }

  list(): LoggedRequest[] {
    return [...this.entries];
  }

  clear(): void {
    this.entries = [];
  }
}

export function logRequests(
  log: RequestLog,
  now: () => number,
  keys: Map<string, ApiKeyInfo>,
): MiddlewareHandler<SandboxEnv> {
  return async (c, next) => {
    const url = new URL(c.req.url);
    if (!isControlPath(url.pathname)) {
      const header = c.req.header('authorization');
      const read = keyFromHeader(header);
      const credential = 'key' in read ? read.key : header;
      log.record({
        method: c.req.method,
        path: url.pathname,
        query: url.search.slice(1),
        idempotency_key: c.req.header('idempotency-key') ?? null,
        authorization_prefix: credential ? credential.slice(0, 8) : null,
        livemode: 'key' in read ? (keys.get(read.key)?.livemode ?? null) : null,
        at: new Date(now()).toISOString(),
      });
    }
    await next();
  };
}
