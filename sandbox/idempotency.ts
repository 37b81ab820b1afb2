/**
 * `Idempotency-Key` on POSTs: the same key with the same body replays the first answer (so a
 * retried payment creates one intent); the same key with another body is refused. Keys are
 * forgotten 24 hours after their first use, as Stripe prunes them, and belong to the merchant's
 * account and mode, whichever of its keys sends them. A key is 1 to 255 characters, as on Stripe,
 * and at most `maxKeys` are kept per mode: past that a new key is refused, never a kept one forgotten early.
 */
import { createHash } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { keyFromHeader } from './auth.ts';
import type { SandboxEnv } from './env.ts';
import { badRequest, domainError, errorBody, unauthorized } from './errors.ts';
import type { ApiKeyInfo } from './types.ts';
import { deeperThan, MAX_BODY_DEPTH, snakeKeys } from './validation.ts';

interface StoredAnswer {
  status: number;
  headers: Array<[string, string]>;
  body: string;
}

interface Entry {
  /** A hash of method, path and canonical body: a 1 MB body costs 64 characters here. */
  fingerprint: string;
  /** The kind of API key that made the first request. */
  madeWith: ApiKeyInfo['kind'];
  /** On the sandbox's clock: the key expires 24 hours after this. */
  createdAt: number;
  /** Settles when the first request finishes: null when it failed and may be tried again. */
  answer: Promise<StoredAnswer | null>;
}

/** After this, the same key is a new request (Stripe: keys are pruned once at least 24 hours old). */
export const IDEMPOTENCY_KEY_LIFETIME_MS = 24 * 60 * 60 * 1000;

/** Stripe's limit; the widget's own keys are at most 59 characters. */
export const MAX_IDEMPOTENCY_KEY_LENGTH = 255;

/** Far above a day of tests or demos; an answer is about 1 KB, so a full store is some 10 MB (one store per mode). */
export const DEFAULT_MAX_IDEMPOTENCY_KEYS = 10_000;

/** The keys used in the last 24 hours: a long-running sandbox keeps a day of them, not all. */
export class IdempotencyKeys {
  /** In order of `createdAt`, so the expired entries are always the first ones. */
  private entries = new Map<string, Entry>();
  private newestCreatedAt = -Infinity;

  constructor(
    private readonly now: () => number,
    readonly maxKeys = DEFAULT_MAX_IDEMPOTENCY_KEYS,
  ) {}

  get size(): number {
    this.forgetExpired();
    return this.entries.size;
  }

  get(scope: string): Entry | undefined {
    this.forgetExpired();
    return this.entries.get(scope);
  }

  /** Whether a new key must wait: every place is taken by a key younger than 24 hours. */
  get full(): boolean {
    return this.size >= this.maxKeys;
  }

  /** Milliseconds until the oldest key expires and frees its place. */
  get msUntilRoom(): number {
    const oldest = this.entries.values().next().value;
    return oldest ? Math.max(0, oldest.createdAt + IDEMPOTENCY_KEY_LIFETIME_MS - this.now()) : 0;
  }

  add(scope: string, fingerprint: string, madeWith: ApiKeyInfo['kind'], answer: Promise<StoredAnswer | null>): Entry {
    const entry: Entry = { fingerprint, madeWith, createdAt: this.now(), answer };
    this.entries.delete(scope);
    this.entries.set(scope, entry);
    // A clock moved backwards puts this key behind younger ones, where pruning would stop before it.
    if (entry.createdAt < this.newestCreatedAt) {
      this.entries = new Map([...this.entries].sort(([, a], [, b]) => a.createdAt - b.createdAt));
    }
    this.newestCreatedAt = Math.max(this.newestCreatedAt, entry.createdAt);
    return entry;
  }

  /** Forgets `entry` unless the scope has since been taken by another one. */
  forget(scope: string, entry: Entry): void {
    if (this.entries.get(scope) === entry) this.entries.delete(scope);
  }

  private forgetExpired(): void {
    const expiredBefore = this.now() - IDEMPOTENCY_KEY_LIFETIME_MS;
    for (const [scope, entry] of this.entries) {
      if (entry.createdAt > expiredBefore) return;
      this.entries.delete(scope);
    }
  }
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
  return createHash('sha256').update(`${method} ${path} ${canonical(body)}`).digest('hex');
}

function parseOrText(text: string): unknown {
  try {
    return text.trim() ? JSON.parse(text) : {};
  } catch {
    return text;
  }
}

/** `storeFor(livemode)`: one store per mode, so a flood of test-mode keys never locks live mode out. */
export function idempotency(
  storeFor: (livemode: boolean) => IdempotencyKeys,
  apiKeys: Map<string, ApiKeyInfo>,
): MiddlewareHandler<SandboxEnv> {
  return async (c, next) => {
    const key = c.req.header('idempotency-key');
    if (c.req.method !== 'POST' || key === undefined) return next();
    const read = keyFromHeader(c.req.header('authorization'));
    const caller = 'key' in read ? apiKeys.get(read.key) : undefined;
    // Without a known API key the route refuses the request: there is nothing to replay or keep.
    if (!caller) return next();
    // An empty key is a client's bug: taken as no key, its retries would each create an object.
    if (key.length === 0 || key.length > MAX_IDEMPOTENCY_KEY_LENGTH) {
      throw badRequest([`Idempotency-Key must be 1 to ${MAX_IDEMPOTENCY_KEY_LENGTH} characters long; this one has ${key.length}`]);
    }
    // Per account and mode, as on Stripe, however the header is spelt; the sandbox is one merchant.
    const entries = storeFor(caller.livemode);
    const scope = `${caller.livemode ? 'live' : 'test'}\n${key}`;
    const fingerprint = fingerprintOf(c.req.method, c.req.path, await c.req.text());

    // Wait for whoever holds the key, then look again: when it failed, the next waiter to wake
    // takes the key (no await between the look and the `add` below), and the others wait on it.
    for (let existing = entries.get(scope); existing; existing = entries.get(scope)) {
      if (existing.fingerprint !== fingerprint) {
        throw domainError(
          'IDEMPOTENCY_KEY_REUSED',
          'This Idempotency-Key was already used with a different request; use a new key for a new request.',
        );
      }
      const answer = await existing.answer;
      // A secret key's answer may hold what a publishable key may not read (e-mails, client secrets).
      if (answer && existing.madeWith === 'secret' && caller.kind !== 'secret') {
        throw unauthorized('This Idempotency-Key was used with the secret key: its answer is not replayed to a publishable key.');
      }
      if (answer) {
        const headers = new Headers(answer.headers);
        headers.set('idempotent-replayed', 'true');
        return new Response(answer.body, { status: answer.status, headers });
      }
    }

    // Refusing a new key, rather than forgetting a live one, never lets a retry create a second object.
    if (entries.full) {
      const mode = caller.livemode ? 'live' : 'test';
      const message = `The sandbox already keeps ${entries.maxKeys} ${mode}-mode Idempotency-Keys from the last 24 hours: a new one is refused until the oldest expires (Retry-After). Retries with a kept key, and requests without one, still work.`;
      return c.json(errorBody(429, message), 429, { 'Retry-After': String(Math.ceil(entries.msUntilRoom / 1000)) });
    }

    let settle: (answer: StoredAnswer | null) => void = () => undefined;
    const entry = entries.add(scope, fingerprint, caller.kind, new Promise((resolve) => (settle = resolve)));
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
      if (!stored) entries.forget(scope, entry);
      settle(stored);
    }
  };
}
