/**
 * `Idempotency-Key` on POSTs: the same key with the same body replays the first answer (so a
 * retried payment creates one intent); the same key with another body is refused.
 */
import type { MiddlewareHandler } from 'hono';
import type { SandboxEnv } from './env.ts';
import { domainError } from './errors.ts';
import { deeperThan, MAX_BODY_DEPTH, snakeKeys } from './validation.ts';

interface StoredAnswer {
  status: number;
  headers: Array<[string, string]>;
  body: string;
}

interface Entry {
  fingerprint: string;
  /** Settles when the first request finishes: null when it failed and may be tried again. */
  answer: Promise<StoredAnswer | null>;
}

/** JSON with sorted keys, so `{a,b}` and `{b,a}` are the same request. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, inner]) => `${JSON.stringify(key)}:${canonical(inner)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** camelCase and snake_case spellings of the same body count as the same request. */
function fingerprintOf(method: string, path: string, text: string): string {
  const parsed = parseOrText(text);
  // Not JSON, or nested too deeply to walk: compare the raw text; the handler will refuse it anyway.
  const body = typeof parsed === 'string' || deeperThan(parsed, MAX_BODY_DEPTH) ? text : snakeKeys(parsed);
  return `${method} ${path} ${canonical(body)}`;
}

function parseOrText(text: string): unknown {
  try {
    return text.trim() ? JSON.parse(text) : {};
  } catch {
    return text;
  }
}

export function idempotency(): MiddlewareHandler<SandboxEnv> {
  const entries = new Map<string, Entry>();
  return async (c, next) => {
    const key = c.req.header('idempotency-key');
    if (c.req.method !== 'POST' || !key) return next();
    // Keys are per API key, as in Stripe: two merchants may pick the same one.
    const scope = `${c.req.header('authorization') ?? ''}\n${key}`;
    const fingerprint = fingerprintOf(c.req.method, c.req.path, await c.req.text());

    // Wait for whoever holds the key, then look again: when it failed, the next waiter to wake
    // takes the key (no await between the look and the `set` below), and the others wait on it.
    for (let existing = entries.get(scope); existing; existing = entries.get(scope)) {
      if (existing.fingerprint !== fingerprint) {
        throw domainError(
          'IDEMPOTENCY_KEY_REUSED',
          'This Idempotency-Key was already used with a different request; use a new key for a new request.',
        );
      }
      const answer = await existing.answer;
      if (answer) {
        const headers = new Headers(answer.headers);
        headers.set('idempotent-replayed', 'true');
        return new Response(answer.body, { status: answer.status, headers });
      }
    }

    let settle: (answer: StoredAnswer | null) => void = () => undefined;
    const entry: Entry = { fingerprint, answer: new Promise((resolve) => (settle = resolve)) };
    entries.set(scope, entry);
    let stored: StoredAnswer | null = null;
    try {
      await next();
      if (c.res.status >= 200 && c.res.status < 300) {
        const headers: Array<[string, string]> = [];
        c.res.headers.forEach((value, name) => headers.push([name, value]));
        stored = { status: c.res.status, headers, body: await c.res.clone().text() };
      }
    } finally {
      // Failures are not remembered: once the cause is fixed, the same key may succeed.
      if (!stored && entries.get(scope) === entry) entries.delete(scope);
      settle(stored);
    }
  };
}
