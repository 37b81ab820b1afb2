/**
 * The sandbox KohortPay API as a Hono app: what `stripe-mock` is to Stripe. In-memory,
 * seeded at creation, testable in-process with `app.request()` or served by `server.ts`.
 */
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import { cors } from 'hono/cors';
import { keyTable } from './auth.ts';
import { SandboxDb } from './db.ts';
import type { SandboxEnv } from './env.ts';
import { ApiError, errorBody } from './errors.ts';
import { answeredAlready, FaultStore, injectFaults } from './faults.ts';
import { idempotency, IdempotencyKeys } from './idempotency.ts';
import { logRequests, RequestLog } from './request-log.ts';
import { checkoutSessionRoutes } from './routes/checkout-sessions.ts';
import { paymentGroupRoutes } from './routes/payment-groups.ts';
import { paymentIntentRoutes } from './routes/payment-intents.ts';
import { sandboxToolRoutes } from './routes/sandbox-tools.ts';
import { buildOrganization, DEFAULT_KEYS, DEFAULT_SHOP_ORIGIN, seedSandbox } from './seed.ts';
import type { SandboxKeys } from './types.ts';
import { MAX_BODY_BYTES } from './validation.ts';

export interface SandboxOptions {
  /** The clock, in epoch milliseconds; tests move it to expire sessions and groups. */
  now?: () => number;
  keys?: Partial<SandboxKeys>;
  /** Lifetime of new test-mode groups (live groups last 7 days). Default 10. */
  testGroupMinutes?: number;
  /** The demo shop the seeded sessions return to. Default `http://localhost:4000`. */
  shopOrigin?: string;
  /** How long a slow test card stays PROCESSING. Default 3000. */
  slowConfirmMs?: number;
  /** Idempotency-Keys kept at once per mode (within their 24 hours); a new one past that is a 429. Default 10,000. */
  maxIdempotencyKeys?: number;
  /** Per mode, at most this many checkout sessions and as many payment intents are kept. Default 10,000. */
  maxObjects?: number;
  /** At the cap, a finished session or group is forgotten only this long after it ended. Default 60. */
  keepFinishedMinutes?: number;
  /** Draws the 8 hex digits of a new group's code. Default random; tests make two draws alike. */
  drawGroupCode?: () => string;
  /** Receives one line per request (the CLI prints them; tests stay quiet). */
  log?: (line: string) => void;
}

export interface SandboxApp {
  app: Hono<SandboxEnv>;
  db: SandboxDb;
  keys: SandboxKeys;
  faults: FaultStore;
  requests: RequestLog;
  /** Stops pending timers (slow confirmations). */
  dispose(): void;
}

export function createSandboxApp(options: SandboxOptions = {}): SandboxApp {
  const now = options.now ?? Date.now;
  const keys: SandboxKeys = { ...DEFAULT_KEYS, ...options.keys };
  const shopOrigin = options.shopOrigin ?? DEFAULT_SHOP_ORIGIN;
  const db = new SandboxDb({
    now,
    organization: buildOrganization({ testGroupMinutes: options.testGroupMinutes ?? 10, shopOrigin }),
    slowConfirmMs: options.slowConfirmMs ?? 3000,
    maxObjects: options.maxObjects,
    keepFinishedMs: options.keepFinishedMinutes === undefined ? undefined : options.keepFinishedMinutes * 60_000,
    drawGroupCode: options.drawGroupCode,
  });
  seedSandbox(db, { shopOrigin });
  db.pinAll();

  const faults = new FaultStore();
  const requests = new RequestLog();
  const table = keyTable(keys);
  const app = new Hono<SandboxEnv>();

  if (options.log) {
    const log = options.log;
    app.use(async (c, next) => {
      const started = performance.now();
      await next();
      log(`${c.req.method} ${c.req.path} ${c.res.status} ${Math.round(performance.now() - started)}ms`);
    });
  }
  app.use(logRequests(requests, now, table));
  app.use(
    cors({
      origin: '*',
      allowMethods: ['GET', 'POST', 'PATCH', 'PUT', 'DELETE', 'OPTIONS'],
      // No allowHeaders list: the preflight allows whatever headers the page asks for ("CORS is open").
      // Date lets a browser whose clock is off judge expiry on the server's time.
      exposeHeaders: ['Retry-After', 'Idempotent-Replayed', 'Date'],
      maxAge: 600,
    }),
  );
  // The sandbox's own clock (a test may set it), as the real API's Date header gives its own.
  app.use(async (c, next) => {
    await next();
    if (!answeredAlready(c)) c.header('Date', new Date(now()).toUTCString());
  });
  // Before anything reads the body (idempotency, handlers): a 50 MB body is refused, not buffered.
  app.use(
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: (c) => {
        // The client may still be sending: closing the connection spares reading the rest.
        c.header('Connection', 'close');
        const message = `The request body is larger than ${MAX_BODY_BYTES} bytes (1 MB), the most the sandbox accepts.`;
        return c.json(errorBody(413, message), 413);
      },
    }),
  );
  app.use(injectFaults(faults, now, table));
  const testKeys = new IdempotencyKeys(now, options.maxIdempotencyKeys);
  const liveKeys = new IdempotencyKeys(now, options.maxIdempotencyKeys);
  app.use(idempotency((livemode) => (livemode ? liveKeys : testKeys), table));
  // Time-based transitions happen lazily, just before a request can observe them.
  app.use(async (_c, next) => {
    db.tick();
    await next();
  });

  const deps = { db, keys: table };
  app.route('/checkout-sessions', checkoutSessionRoutes(deps));
  app.route('/payment-intents', paymentIntentRoutes(deps));
  const groups = paymentGroupRoutes(deps);
  app.route('/payment-groups', groups);
  app.route('/groups', groups);
  app.route('/sandbox', sandboxToolRoutes({ ...deps, faults, requests, sandboxKeys: keys }));

  app.notFound((c) => c.json(errorBody(404, `No route for ${c.req.method} ${c.req.path}.`), 404));
  app.onError((error, c) => {
    if (error instanceof ApiError) return c.json({ error: error.body }, error.status as 400, error.headers);
    if (error instanceof HTTPException) return c.json(errorBody(error.status, error.message), error.status);
    console.error('[sandbox] unexpected error', error);
    return c.json(errorBody(500, 'The sandbox hit an unexpected error.'), 500);
  });

  return { app, db, keys, faults, requests, dispose: () => db.dispose() };
}
