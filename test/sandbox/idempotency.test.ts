import assert from 'node:assert/strict';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import { createAdaptorServer } from '@hono/node-server';
import { Hono } from 'hono';
import type { SandboxEnv } from '../../sandbox/env.ts';
import { idempotency } from '../../sandbox/idempotency.ts';

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
    app.use(idempotency());
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
