import assert from 'node:assert/strict';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import { createAdaptorServer } from '@hono/node-server';
import { Hono } from 'hono';
import type { CheckoutSession, PaymentIntent } from '../../src/api/types.ts';
import { keyTable } from '../../sandbox/auth.ts';
import type { SandboxEnv } from '../../sandbox/env.ts';
import { IDEMPOTENCY_KEY_LIFETIME_MS, idempotency, IdempotencyKeys } from '../../sandbox/idempotency.ts';
import { DEFAULT_KEYS } from '../../sandbox/seed.ts';
import { MINUTE, newOpenSession, newSessionBody, startTestSandbox, type ErrorAnswer, type TestSandbox } from './helpers.ts';

const apiKeys = keyTable(DEFAULT_KEYS);
const publishableAuth = `Bearer ${DEFAULT_KEYS.publishableTest}`;

/** Creates a session with the secret test key, from a shop page's origin, under `idempotencyKey` when given. */
const createSessionWithKey = (sandbox: TestSandbox, idempotencyKey?: string, body = newSessionBody()) =>
  sandbox.call<CheckoutSession & ErrorAnswer>('/checkout-sessions', {
    key: sandbox.keys.secretTest,
    body,
    headers: { origin: 'https://shop.example', ...(idempotencyKey === undefined ? {} : { 'idempotency-key': idempotencyKey }) },
  });

/**
 * The sandbox's own handlers answer in one tick, too fast to hold a key open; this server's
 * handler waits until the test lets it go, so requests really overlap.
 */
describe('sandbox: Idempotency-Key under concurrent requests', () => {
  let url = '';
  let server: Server;
  let runs = 0;
  let running = 0;
  let mostAtOnce = 0;
  let arrived = 0;
  let firstEntered: () => void = () => undefined;
  let releaseFirst: () => void = () => undefined;
  const entered = new Promise<void>((resolve) => (firstEntered = resolve));
  const released = new Promise<void>((resolve) => (releaseFirst = resolve));

  before(async () => {
    const app = new Hono<SandboxEnv>();
    app.use(async (_c, next) => {
      arrived += 1;
      await next();
    });
    const keys = new IdempotencyKeys(Date.now);
    app.use(idempotency(() => keys, apiKeys));
    app.post('/things', async (c) => {
      runs += 1;
      const run = runs;
      running += 1;
      mostAtOnce = Math.max(mostAtOnce, running);
      try {
        if (run === 1) {
          firstEntered();
          await released;
          return c.json({ error: 'the first attempt fails' }, 500);
        }
        await sleep(20);
        return c.json({ id: `thing-${run}` }, 201);
      } finally {
        running -= 1;
      }
    });
    server = createAdaptorServer({ fetch: app.fetch }) as Server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(
    () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  );

  const post = () =>
    fetch(`${url}/things`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': 'one-key', authorization: publishableAuth },
      body: JSON.stringify({ name: 'x' }),
    });

  it('runs the handler once at a time when the first request with a key fails', async () => {
    const first = post();
    await entered;
    const waiters = [post(), post()];
    while (arrived < 3) await sleep(5);
    await sleep(30);
    releaseFirst();
    assert.equal((await first).status, 500);
    const answers = await Promise.all(waiters);
    assert.deepEqual(
      answers.map((answer) => answer.status),
      [201, 201],
    );
    const bodies = (await Promise.all(answers.map((answer) => answer.json()))) as Array<{ id: string }>;
    assert.equal(bodies[0]?.id, bodies[1]?.id, 'one waiter ran the handler, the other replayed it');
    assert.equal(runs, 2);
    assert.equal(mostAtOnce, 1);
    assert.equal(answers.filter((answer) => answer.headers.get('idempotent-replayed') === 'true').length, 1);
  });
});

describe('sandbox: Idempotency-Keys expire after 24 hours', () => {
  let sandbox: TestSandbox;
  before(async () => {
    sandbox = await startTestSandbox();
  });
  after(() => sandbox.close());

  it('replays a key for 24 hours, then takes it as a new request', async () => {
    const first = await createSessionWithKey(sandbox, 'order-1001');
    assert.equal(first.status, 201);

    sandbox.advance(IDEMPOTENCY_KEY_LIFETIME_MS - 1);
    const retried = await createSessionWithKey(sandbox, 'order-1001');
    assert.equal(retried.headers.get('idempotent-replayed'), 'true');
    assert.equal(retried.body.id, first.body.id);
    const other = await createSessionWithKey(sandbox, 'order-1001', newSessionBody({ clientReferenceId: 'order-1002' }));
    assert.equal(other.status, 400);
    assert.equal(other.body.error.code, 'IDEMPOTENCY_KEY_REUSED');

    sandbox.advance(1);
    const dayLater = await createSessionWithKey(sandbox, 'order-1001');
    assert.equal(dayLater.status, 201);
    assert.equal(dayLater.headers.get('idempotent-replayed'), null);
    assert.notEqual(dayLater.body.id, first.body.id, 'a new session, not the day-old answer');
    const againNow = await createSessionWithKey(sandbox, 'order-1001');
    assert.equal(againNow.body.id, dayLater.body.id, 'the key now replays the new answer');
  });

  it('takes an expired key with another body as a new request', async () => {
    const first = await createSessionWithKey(sandbox, 'order-2001');
    sandbox.advance(IDEMPOTENCY_KEY_LIFETIME_MS + MINUTE);
    const other = await createSessionWithKey(sandbox, 'order-2001', newSessionBody({ clientReferenceId: 'order-2002' }));
    assert.equal(other.status, 201, JSON.stringify(other.body));
    assert.notEqual(other.body.id, first.body.id);
  });
});

describe('sandbox: a long-running sandbox keeps a day of Idempotency-Keys', () => {
  it('forgets the keys once they are 24 hours old', async () => {
    let time = 0;
    const keys = new IdempotencyKeys(() => time);
    const app = new Hono<SandboxEnv>();
    app.use(idempotency(() => keys, apiKeys));
    app.post('/things', (c) => c.json({ id: 'thing' }, 201));
    const post = (idempotencyKey: string) =>
      app.request('/things', {
        method: 'POST',
        headers: { 'idempotency-key': idempotencyKey, authorization: publishableAuth },
        body: '{}',
      });

    for (const idempotencyKey of ['a', 'b', 'c']) assert.equal((await post(idempotencyKey)).status, 201);
    time += 12 * 60 * MINUTE;
    await post('d');
    assert.equal(keys.size, 4);
    time += 12 * 60 * MINUTE;
    assert.equal(keys.size, 1, 'a, b and c are a day old; d is kept');
    assert.equal((await post('d')).headers.get('idempotent-replayed'), 'true');
  });
});

describe('sandbox: an Idempotency-Key belongs to the merchant account and mode', () => {
  let sandbox: TestSandbox;
  before(async () => {
    sandbox = await startTestSandbox();
  });
  after(() => sandbox.close());

  /** POST /payment-intents with the Authorization header exactly as given. */
  const createIntent = (authorization: string, body: Record<string, unknown>, idempotencyKey: string) =>
    sandbox.call<PaymentIntent & ErrorAnswer>('/payment-intents', {
      key: null,
      body,
      headers: { authorization, 'idempotency-key': idempotencyKey },
    });

  it('recognises a retry however the Authorization header is spelt', async () => {
    const session = await newOpenSession(sandbox);
    const body = { amount: session.amount_total, checkoutSessionId: session.id };
    const key = sandbox.keys.publishableTest;
    const first = await createIntent(`Bearer ${key}`, body, `spelt-${session.id}`);
    assert.equal(first.status, 201);
    const intentsAfterFirst = sandbox.db.intents.size;
    const basic = `Basic ${Buffer.from(`${key}:`).toString('base64')}`;
    for (const authorization of [`bearer  ${key}`, `BEARER ${key}`, ` Bearer\t${key} `, basic]) {
      const retry = await createIntent(authorization, body, `spelt-${session.id}`);
      assert.equal(retry.status, 201, `${JSON.stringify(authorization)}: ${JSON.stringify(retry.body)}`);
      assert.equal(retry.headers.get('idempotent-replayed'), 'true', JSON.stringify(authorization));
      assert.equal(retry.body.id, first.body.id);
    }
    assert.equal(sandbox.db.intents.size, intentsAfterFirst, 'one intent, however the retries spelt the header');
  });

  it('replays a retry whose keys come in another order or spelling, and refuses the key on another path', async () => {
    const session = await newOpenSession(sandbox);
    const key = `same-request-${session.id}`;
    const auth = `Bearer ${sandbox.keys.publishableTest}`;
    const first = await createIntent(auth, { amount: session.amount_total, checkoutSessionId: session.id }, key);
    assert.equal(first.status, 201);
    const intentsAfterFirst = sandbox.db.intents.size;
    for (const body of [
      { checkoutSessionId: session.id, amount: session.amount_total },
      { amount: session.amount_total, checkout_session_id: session.id },
    ]) {
      const retry = await createIntent(auth, body, key);
      assert.equal(retry.status, 201, JSON.stringify(body));
      assert.equal(retry.headers.get('idempotent-replayed'), 'true', JSON.stringify(body));
      assert.equal(retry.body.id, first.body.id);
    }
    assert.equal(sandbox.db.intents.size, intentsAfterFirst);
    // The same body to another endpoint is another request: its answer is not the intent.
    const elsewhere = await sandbox.call<ErrorAnswer>('/payment-groups/KHT-test-5EED0001/validate', {
      key: null,
      body: { amount: session.amount_total, checkoutSessionId: session.id },
      headers: { authorization: auth, 'idempotency-key': key },
    });
    assert.equal(elsewhere.status, 400);
    assert.equal(elsewhere.body.error.code, 'IDEMPOTENCY_KEY_REUSED');
  });

  it('shares a key between the publishable and the secret key of one mode', async () => {
    const session = await newOpenSession(sandbox);
    const body = { amount: session.amount_total, checkoutSessionId: session.id };
    const first = await createIntent(`Bearer ${sandbox.keys.publishableTest}`, body, `shared-${session.id}`);
    assert.equal(first.status, 201);
    const bySecret = await createIntent(`Bearer ${sandbox.keys.secretTest}`, body, `shared-${session.id}`);
    assert.equal(bySecret.headers.get('idempotent-replayed'), 'true');
    assert.equal(bySecret.body.id, first.body.id);
    const otherBody = await createIntent(`Bearer ${sandbox.keys.secretTest}`, { ...body, metadata: { retry: '2' } }, `shared-${session.id}`);
    assert.equal(otherBody.status, 400);
    assert.equal(otherBody.body.error.code, 'IDEMPOTENCY_KEY_REUSED');
  });

  it('never replays a secret key’s answer to the publishable key', async () => {
    const session = await newOpenSession(sandbox);
    const body = { amount: session.amount_total, checkoutSessionId: session.id };
    const bySecret = await createIntent(`Bearer ${sandbox.keys.secretTest}`, body, `secret-first-${session.id}`);
    assert.equal(bySecret.status, 201);
    const intentsAfterFirst = sandbox.db.intents.size;
    const byPublishable = await createIntent(`Bearer ${sandbox.keys.publishableTest}`, body, `secret-first-${session.id}`);
    assert.equal(byPublishable.status, 401);
    assert.equal(byPublishable.body.error.message, 'This Idempotency-Key was used with the secret key: its answer is not replayed to a publishable key.');
    assert.equal(JSON.stringify(byPublishable.body).includes(bySecret.body.id), false);
    assert.equal(sandbox.db.intents.size, intentsAfterFirst, 'no second intent either');
  });

  it('keeps test mode and live mode apart', async () => {
    const body = newSessionBody();
    const headers = { 'idempotency-key': 'mode-order-1' };
    const test = await sandbox.call<CheckoutSession>('/checkout-sessions', { key: sandbox.keys.secretTest, body, headers });
    const live = await sandbox.call<CheckoutSession>('/checkout-sessions', { key: sandbox.keys.secretLive, body, headers });
    assert.equal(test.status, 201);
    assert.equal(live.status, 201);
    assert.equal(live.headers.get('idempotent-replayed'), null);
    assert.notEqual(live.body.id, test.body.id);
    assert.equal(live.body.livemode, true);
  });

  it('gives another merchant’s key nothing of this merchant’s answers', async () => {
    const session = await newOpenSession(sandbox);
    const body = { amount: session.amount_total, checkoutSessionId: session.id };
    const first = await createIntent(`Bearer ${sandbox.keys.publishableTest}`, body, `merchant-${session.id}`);
    assert.equal(first.status, 201);
    const stranger = await createIntent('Bearer pk_test_another_merchant_00000000000000', body, `merchant-${session.id}`);
    assert.equal(stranger.status, 401);
    assert.equal(stranger.headers.get('idempotent-replayed'), null);
    assert.equal(JSON.stringify(stranger.body).includes(first.body.id), false);
  });
});

describe('sandbox: an Idempotency-Key is 1 to 255 characters, as on Stripe', () => {
  let sandbox: TestSandbox;
  before(async () => {
    sandbox = await startTestSandbox();
  });
  after(() => sandbox.close());

  it('refuses a longer or empty key with a 400 a shop page can read, and creates nothing', async () => {
    for (const idempotencyKey of ['k'.repeat(256), 'k'.repeat(10_000), '']) {
      const sessionsBefore = sandbox.db.sessions.size;
      const refused = await createSessionWithKey(sandbox, idempotencyKey);
      assert.equal(refused.status, 400, `${idempotencyKey.length} characters`);
      assert.equal(refused.headers.get('access-control-allow-origin'), '*');
      assert.equal(refused.body.error.type, 'invalid_request_error');
      assert.equal(refused.body.error.code, 'Bad Request');
      assert.deepEqual(refused.body.error.message, [
        `Idempotency-Key must be 1 to 255 characters long; this one has ${idempotencyKey.length}`,
      ]);
      assert.equal(sandbox.db.sessions.size, sessionsBefore, 'nothing created');
      // Nothing stored either: the same key is refused again, never replayed.
      assert.equal((await createSessionWithKey(sandbox, idempotencyKey)).status, 400);
    }
  });

  it('keeps a key of 255 characters, and the widget’s longest key (59)', async () => {
    const widgetsLongest = `kohort-checkout-${Array(4).fill(2 ** 32 - 1).join('-')}`;
    assert.equal(widgetsLongest.length, 59);
    for (const idempotencyKey of ['k'.repeat(255), widgetsLongest]) {
      const first = await createSessionWithKey(sandbox, idempotencyKey);
      assert.equal(first.status, 201, JSON.stringify(first.body));
      const retried = await createSessionWithKey(sandbox, idempotencyKey);
      assert.equal(retried.headers.get('idempotent-replayed'), 'true');
      assert.equal(retried.body.id, first.body.id);
    }
  });
});

describe('sandbox: a clock moved backwards keeps no Idempotency-Key past its 24 hours', () => {
  let sandbox: TestSandbox;
  before(async () => {
    sandbox = await startTestSandbox();
  });
  after(() => sandbox.close());

  it('forgets a key made after the clock went back once it is 24 hours old, behind a younger one', async () => {
    assert.equal((await createSessionWithKey(sandbox, 'made-first')).status, 201);
    sandbox.advance(-60 * MINUTE);
    const early = await createSessionWithKey(sandbox, 'made-after-the-clock-went-back');
    assert.equal(early.status, 201);

    sandbox.advance(IDEMPOTENCY_KEY_LIFETIME_MS);
    const reused = await createSessionWithKey(sandbox, 'made-after-the-clock-went-back', newSessionBody({ clientReferenceId: 'order-3002' }));
    assert.equal(reused.status, 201, JSON.stringify(reused.body));
    assert.equal(reused.headers.get('idempotent-replayed'), null);
    assert.notEqual(reused.body.id, early.body.id, 'a new session, not the day-old answer');
    const younger = await createSessionWithKey(sandbox, 'made-first');
    assert.equal(younger.headers.get('idempotent-replayed'), 'true', 'the key made first is 23 hours old on the clock: kept');
  });
});

describe('sandbox: at most maxIdempotencyKeys keys are kept, and a new one past that is refused', () => {
  let sandbox: TestSandbox;
  before(async () => {
    sandbox = await startTestSandbox({ maxIdempotencyKeys: 3 });
  });
  after(() => sandbox.close());

  it('refuses a new key with 429 and Retry-After until the oldest expires, while kept keys still replay', async () => {
    const first = await createSessionWithKey(sandbox, 'full-1');
    assert.equal(first.status, 201);
    // A failed request keeps no key, so it takes no room.
    assert.equal((await createSessionWithKey(sandbox, 'failed', newSessionBody({ amountTotal: -1 }))).status, 400);
    sandbox.advance(60 * MINUTE);
    for (const idempotencyKey of ['full-2', 'full-3']) assert.equal((await createSessionWithKey(sandbox, idempotencyKey)).status, 201);

    const sessionsBefore = sandbox.db.sessions.size;
    const refused = await createSessionWithKey(sandbox, 'full-4');
    assert.equal(refused.status, 429);
    assert.equal(refused.headers.get('access-control-allow-origin'), '*');
    assert.equal(refused.headers.get('retry-after'), String(23 * 60 * 60), 'when full-1 expires');
    assert.equal(refused.body.error.type, 'invalid_request_error');
    assert.equal(refused.body.error.code, 'Too Many Requests');
    assert.match(String(refused.body.error.message), /already keeps 3 test-mode Idempotency-Keys/);
    assert.equal(sandbox.db.sessions.size, sessionsBefore, 'nothing created');

    const retried = await createSessionWithKey(sandbox, 'full-1');
    assert.equal(retried.headers.get('idempotent-replayed'), 'true', 'a retry is never turned away');
    assert.equal(retried.body.id, first.body.id);
    assert.equal((await createSessionWithKey(sandbox)).status, 201, 'a request without a key is not limited');

    sandbox.advance(23 * 60 * MINUTE);
    const later = await createSessionWithKey(sandbox, 'full-4');
    assert.equal(later.status, 201, 'full-1 has expired: room for one more');
    assert.equal((await createSessionWithKey(sandbox, 'full-5')).status, 429);
  });

  it('counts each mode on its own: a flood of test-mode keys leaves live mode its 3', async () => {
    const createLive = (idempotencyKey: string) =>
      sandbox.call<CheckoutSession & ErrorAnswer>('/checkout-sessions', {
        key: sandbox.keys.secretLive,
        body: newSessionBody(),
        headers: { 'idempotency-key': idempotencyKey },
      });
    assert.equal((await createSessionWithKey(sandbox, 'test-mode-full')).status, 429, 'test mode is full');
    for (const idempotencyKey of ['live-1', 'live-2', 'live-3']) {
      const created = await createLive(idempotencyKey);
      assert.equal(created.status, 201, `${idempotencyKey}: ${JSON.stringify(created.body)}`);
      assert.equal(created.body.livemode, true);
    }
    const refused = await createLive('live-4');
    assert.equal(refused.status, 429);
    assert.match(String(refused.body.error.message), /already keeps 3 live-mode Idempotency-Keys/);
    assert.equal((await createLive('live-1')).headers.get('idempotent-replayed'), 'true');
  });
});
