/**
 * Fault injection for the reliability tests: "the next N matching requests fail this way,
 * then everything works again".
 *
 * - `status` (or `retryAfter` alone, which implies 503): answered before the handler runs,
 *   so nothing happens on the server.
 * - `body` without `status`: the handler runs (the side effect happens) and its answer is
 *   damaged on the way out, the case that idempotency keys exist for.
 * - `drop`: the socket is destroyed without an answer; with `processed: true` only after
 *   the handler ran.
 * - `delayMs`: waits first; alone it simply slows the real answer down.
 * Requests made with a live-mode key are never matched: faults are a test-mode tool.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { RESPONSE_ALREADY_SENT } from '@hono/node-server/utils/response';
import { keyFromHeader } from './auth.ts';
import type { SandboxEnv } from './env.ts';
import { badRequest, errorBody, reasonPhrase } from './errors.ts';
import { newId } from './ids.ts';
import { isControlPath } from './request-log.ts';
import type { ApiKeyInfo } from './types.ts';
import { MAX_STRING_LENGTH, type JsonObject } from './validation.ts';

export type FaultBody = 'malformed' | 'truncated' | 'empty';

export interface FaultSpec {
  method: string | null;
  path: string;
  times: number;
  status: number | null;
  retry_after: number | null;
  delay_ms: number | null;
  body: FaultBody | null;
  drop: boolean;
  processed: boolean;
}

export interface Fault extends FaultSpec {
  id: string;
  /** Matching requests this fault will still break. */
  remaining: number;
}

const BODIES: readonly FaultBody[] = ['malformed', 'truncated', 'empty'];

/** Far above what a test arms; without it any page holding the public test key could arm faults until memory ran out. */
export const MAX_ARMED_FAULTS = 100;

/** `POST /sandbox/faults` body (already snake_cased) → a fault spec, every mistake listed. */
export function parseFaultSpec(body: JsonObject): FaultSpec {
  const errors: string[] = [];
  const { method, path, times = 1, status, retry_after: retryAfter, delay_ms: delayMs } = body;
  if (typeof path !== 'string' || !path.startsWith('/')) errors.push('path must be a path starting with "/"');
  else if (path.length > MAX_STRING_LENGTH) errors.push(`path must be at most ${MAX_STRING_LENGTH} characters`);
  if (method != null && typeof method !== 'string') errors.push('method must be a string');
  else if (typeof method === 'string' && method.length > MAX_STRING_LENGTH) errors.push(`method must be at most ${MAX_STRING_LENGTH} characters`);
  if (!Number.isInteger(times) || (times as number) < 1) errors.push('times must be a positive integer');
  if (status != null && (!Number.isInteger(status) || (status as number) < 200 || (status as number) > 599)) {
    errors.push('status must be an HTTP status between 200 and 599');
  }
  if (retryAfter != null && (typeof retryAfter !== 'number' || retryAfter < 0)) {
    errors.push('retryAfter must be a number of seconds, 0 or more');
  }
  if (delayMs != null && (typeof delayMs !== 'number' || delayMs < 0 || delayMs > 60_000)) {
    errors.push('delayMs must be between 0 and 60000');
  }
  if (body.body != null && !BODIES.includes(body.body as FaultBody)) {
    errors.push(`body must be one of ${BODIES.join(', ')}`);
  }
  if (body.drop != null && typeof body.drop !== 'boolean') errors.push('drop must be a boolean');
  if (body.processed != null && typeof body.processed !== 'boolean') errors.push('processed must be a boolean');
  if (errors.length > 0) throw badRequest(errors);
  return {
    method: typeof method === 'string' ? method.toUpperCase() : null,
    path: path as string,
    times: times as number,
    status: (status as number | undefined) ?? null,
    retry_after: (retryAfter as number | undefined) ?? null,
    delay_ms: (delayMs as number | undefined) ?? null,
    body: (body.body as FaultBody | undefined) ?? null,
    drop: body.drop === true,
    processed: body.processed === true,
  };
}

export class FaultStore {
  private faults: Fault[] = [];

  arm(spec: FaultSpec): Fault {
    if (this.faults.length >= MAX_ARMED_FAULTS) {
      throw badRequest([`at most ${MAX_ARMED_FAULTS} faults are armed at once: DELETE /sandbox/faults first`]);
    }
    const fault: Fault = { ...spec, id: newId('flt_'), remaining: spec.times };
    this.faults.push(fault);
    return fault;
  }

  list(): Fault[] {
    return this.faults.map((fault) => ({ ...fault }));
  }

  clear(): void {
    this.faults = [];
  }

  /** The oldest armed fault matching the request, consumed once. */
  take(method: string, path: string): Fault | undefined {
    const fault = this.faults.find(
      (candidate) =>
        // A fault without a method leaves CORS preflights alone: a browser would otherwise burn it.
        (candidate.method === null ? method !== 'OPTIONS' : candidate.method === method) &&
        (path === candidate.path || path.startsWith(candidate.path)),
    );
    if (!fault) return undefined;
    fault.remaining -= 1;
    if (fault.remaining <= 0) this.faults = this.faults.filter((candidate) => candidate !== fault);
    return fault;
  }
}

/** Unref'd: a delayed request must not keep a closed sandbox's process alive. */
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms).unref());

/** Whether the request carries a live-mode key: faults are armed with a test key, for test mode only. */
function isLiveRequest(c: Context<SandboxEnv>, keys: Map<string, ApiKeyInfo>): boolean {
  const read = keyFromHeader(c.req.header('authorization'));
  return 'key' in read && keys.get(read.key)?.livemode === true;
}

/** `now` is the sandbox's clock: a cut body's head goes out from here, past the Date middleware. */
export function injectFaults(store: FaultStore, now: () => number, keys: Map<string, ApiKeyInfo>): MiddlewareHandler<SandboxEnv> {
  return async (c, next) => {
    if (isLiveRequest(c, keys)) return next();
    if (isControlPath(c.req.path)) return next();
    const fault = store.take(c.req.method, c.req.path);
    if (!fault) return next();
    if (fault.delay_ms) await sleep(fault.delay_ms);
    if (fault.drop && !fault.processed) return dropConnection(c);

    const answersItself = fault.status !== null || fault.retry_after !== null;
    let response: Response;
    if (answersItself) {
      const status = fault.status ?? 503;
      response = new Response(
        JSON.stringify(errorBody(status, `Injected fault: ${status} ${reasonPhrase(status)}.`)),
        { status, headers: { 'content-type': 'application/json' } },
      );
    } else {
      await next();
      if (!fault.drop && !fault.body) return;
      response = c.res;
    }
    if (fault.drop) return dropConnection(c);

    const headers = new Headers(response.headers);
    c.res.headers.forEach((value, name) => {
      // The CORS headers set before `next()` live on c.res: keep them on the replacement.
      if (name.startsWith('access-control-')) headers.set(name, value);
    });
    if (fault.retry_after !== null) headers.set('retry-after', String(Math.ceil(fault.retry_after)));
    headers.set('date', new Date(now()).toUTCString());
    const text = await response.text();
    c.res = undefined;
    c.res = damage(c, fault.body, response.status, headers, text);
  };
}

/** Rebuilds the answer with the requested kind of damage. */
function damage(c: Context<SandboxEnv>, kind: FaultBody | null, status: number, headers: Headers, text: string): Response {
  headers.delete('content-length');
  switch (kind) {
    case 'malformed':
      // A proxy's HTML error page still labelled as JSON: the realistic worst case.
      headers.set('content-type', 'application/json');
      return new Response('<html><body><h1>Bad gateway</h1></body></html>', { status, headers });
    case 'empty':
      return new Response(null, { status, headers });
    case 'truncated':
      return truncate(c, status, headers, text);
    default:
      return new Response(text, { status, headers });
  }
}

/**
 * Announces the full length, sends half, then cuts the connection: the client sees a body
 * that ends early. In-process (`app.request`) only the cut body can be shown.
 */
function truncate(c: Context<SandboxEnv>, status: number, headers: Headers, text: string): Response {
  const bytes = Buffer.from(text, 'utf8');
  const half = bytes.subarray(0, Math.max(1, Math.floor(bytes.length / 2)));
  const outgoing = c.env?.outgoing;
  if (!outgoing) {
    headers.set('content-length', String(bytes.length));
    return new Response(half, { status, headers });
  }
  const raw: Record<string, string> = {};
  headers.forEach((value, name) => {
    raw[name] = value;
  });
  outgoing.writeHead(status, { ...raw, 'content-length': String(bytes.length) });
  outgoing.write(half, () => outgoing.destroy());
  return answeredByHand(c);
}

/** Destroys the socket without a byte of answer (a crashed server or a cut network). */
function dropConnection(c: Context<SandboxEnv>): Response {
  const socket = c.env?.incoming?.socket;
  if (!socket) {
    // No socket to cut under `app.request()`: the closest stand-in is a server-side failure.
    return new Response(JSON.stringify(errorBody(500, 'Injected fault: connection dropped.')), {
      status: 500,
      headers: { 'content-type': 'application/json' },
    });
  }
  socket.destroy();
  return answeredByHand(c);
}

/**
 * Tells the node adapter the answer went out by hand. Once `next()` has run, Hono keeps the
 * route's answer over a middleware's return value, and the adapter then wrote it again on the
 * same response (ERR_HTTP_HEADERS_SENT), so the marker is set on the context itself.
 */
function answeredByHand(c: Context<SandboxEnv>): Response {
  c.res = undefined; // no answer to merge the marker's headers into
  c.res = RESPONSE_ALREADY_SENT;
  return RESPONSE_ALREADY_SENT;
}

/** True once a fault sent the answer by hand (or cut it): nothing may be added to it. */
export const answeredAlready = (c: Context<SandboxEnv>): boolean => c.res === RESPONSE_ALREADY_SENT;
