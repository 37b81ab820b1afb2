import assert from 'node:assert/strict';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import { createAdaptorServer } from '@hono/node-server';
import { Hono } from 'hono';
import type { CheckoutSession } from '../../src/api/types.ts';
import type { SandboxEnv } from '../../sandbox/env.ts';
import { IDEMPOTENCY_KEY_LIFETIME_MS, idempotency, IdempotencyKeys } from '../../sandbox/idempotency.ts';
import { MINUTE, newSessionBody, startTestSandbox, type ErrorAnswer, type TestSandbox } from './helpers.ts';

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
    app.use(idempotency(new IdempotencyKeys(Date.now)));
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
      headers: { 'content-type': 'application/json', 'idempotency-key': 'one-key' },
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

  const createSession = (body: Record<string, unknown>, idempotencyKey: string) =>
    sandbox.call<CheckoutSession & ErrorAnswer>('/checkout-sessions', {
      key: sandbox.keys.secretTest,
      body,
      headers: { 'idempotency-key': idempotencyKey },
    });

  it('replays a key for 24 hours, then takes it as a new request', async () => {
    const first = await createSession(newSessionBody(), 'order-1001');
    assert.equal(first.status, 201);

    sandbox.advance(IDEMPOTENCY_KEY_LIFETIME_MS - 1);
    const retried = await createSession(newSessionBody(), 'order-1001');
    assert.equal(retried.headers.get('idempotent-replayed'), 'true');
    assert.equal(retried.body.id, first.body.id);
    const other = await createSession(newSessionBody({ clientReferenceId: 'order-1002' }), 'order-1001');
    assert.equal(other.status, 400);
    assert.equal(other.body.error.code, 'IDEMPOTENCY_KEY_REUSED');

    sandbox.advance(1);
    const dayLater = await createSession(newSessionBody(), 'order-1001');
    assert.equal(dayLater.status, 201);
    assert.equal(dayLater.headers.get('idempotent-replayed'), null);
    assert.notEqual(dayLater.body.id, first.body.id, 'a new session, not the day-old answer');
    const againNow = await createSession(newSessionBody(), 'order-1001');
    assert.equal(againNow.body.id, dayLater.body.id, 'the key now replays the new answer');
  });

  it('takes an expired key with another body as a new request', async () => {
    const first = await createSession(newSessionBody(), 'order-2001');
    sandbox.advance(IDEMPOTENCY_KEY_LIFETIME_MS + MINUTE);
    const other = await createSession(newSessionBody({ clientReferenceId: 'order-2002' }), 'order-2001');
    assert.equal(other.status, 201, JSON.stringify(other.body));
    assert.notEqual(other.body.id, first.body.id);
  });
});

describe('sandbox: a long-running sandbox keeps a day of Idempotency-Keys', () => {
  it('forgets the keys once they are 24 hours old', async () => {
    let time = 0;
    const keys = new IdempotencyKeys(() => time);
    const app = new Hono<SandboxEnv>();
    app.use(idempotency(keys));
    app.post('/things', (c) => c.json({ id: 'thing' }, 201));
    const post = (idempotencyKey: string) =>
      app.request('/things', { method: 'POST', headers: { 'idempotency-key': idempotencyKey }, body: '{}' });

    for (const idempotencyKey of ['a', 'b', 'c']) assert.equal((await post(idempotencyKey)).status, 201);
    time += 12 * 60 * MINUTE;
    await post('d');
    assert.equal(keys.size, 4);
    time += 12 * 60 * MINUTE;
    assert.equal(keys.size, 1, 'a, b and c are a day old; d is kept');
    assert.equal((await post('d')).headers.get('idempotent-replayed'), 'true');
  });
});
