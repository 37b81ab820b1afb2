import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createSandboxApp } from '../../sandbox/app.ts';
import { SEEDED_SESSIONS } from '../../sandbox/seed.ts';
import { createSession, startTestSandbox, type ErrorAnswer, type TestSandbox } from './helpers.ts';

const OPEN_SMALL = 'cs_5eed00000000a1';

describe('sandbox: keys, CORS and errors', () => {
  let sandbox: TestSandbox;
  before(async () => {
    sandbox = await startTestSandbox();
  });
  after(() => sandbox.close());

  it('refuses a request without a key', async () => {
    const answer = await sandbox.call<ErrorAnswer>(`/checkout-sessions/${OPEN_SMALL}`, { key: null });
    assert.equal(answer.status, 401);
    assert.equal(answer.body.error.type, 'invalid_request_error');
    assert.equal(answer.body.error.code, 'Unauthorized');
    assert.equal(typeof answer.body.error.message, 'string');
  });

  it('refuses a malformed Authorization header and an unknown key', async () => {
    // A valid key followed by anything else is not that key: the header is malformed.
    const trailing = `Bearer ${sandbox.keys.publishableTest} ${sandbox.keys.secretTest}`;
    for (const authorization of ['Bearer', 'Token pk_test_sandbox_kohort0000000000000000', 'Bearer a b', trailing]) {
      const answer = await sandbox.call<ErrorAnswer>(`/checkout-sessions/${OPEN_SMALL}`, {
        key: null,
        headers: { authorization },
      });
      assert.equal(answer.status, 401, authorization);
      assert.equal(answer.body.error.code, 'Unauthorized');
    }
    const unknown = await sandbox.call<ErrorAnswer>(`/checkout-sessions/${OPEN_SMALL}`, { key: 'pk_test_nope' });
    assert.equal(unknown.status, 401);
    assert.match(String(unknown.body.error.message), /Invalid API key/);
    // A key sent to the wrong sandbox (another account's, a live one) is named, never echoed whole.
    const stranger = `sk_live_${'0'.repeat(24)}wxyz`;
    const refused = await sandbox.call<ErrorAnswer>(`/checkout-sessions/${OPEN_SMALL}`, { key: stranger });
    assert.equal(refused.status, 401);
    assert.match(String(refused.body.error.message), /sk_live_…wxyz/);
    assert.ok(!String(refused.body.error.message).includes(stranger), 'the key is not echoed whole');
  });

  it('refuses a publishable key on a secret-key route', async () => {
    const list = await sandbox.call<ErrorAnswer>('/checkout-sessions');
    assert.equal(list.status, 401);
    assert.match(String(list.body.error.message), /secret key/);
    const withSecret = await sandbox.call('/checkout-sessions', { key: sandbox.keys.secretTest });
    assert.equal(withSecret.status, 200);
  });

  it('accepts HTTP Basic with the key as user name', async () => {
    const basic = Buffer.from(`${sandbox.keys.publishableTest}:`).toString('base64');
    const answer = await sandbox.call<{ id: string }>(`/checkout-sessions/${OPEN_SMALL}`, {
      key: null,
      headers: { authorization: `Basic ${basic}` },
    });
    assert.equal(answer.status, 200);
    assert.equal(answer.body.id, OPEN_SMALL);
  });

  it('answers CORS preflights for the headers the widget sends and exposes Retry-After', async () => {
    const response = await fetch(`${sandbox.url}/payment-intents`, {
      method: 'OPTIONS',
      headers: {
        origin: 'http://localhost:4000',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization, content-type, idempotency-key',
      },
    });
    assert.equal(response.status, 204);
    assert.equal(response.headers.get('access-control-allow-origin'), '*');
    const allowed = (response.headers.get('access-control-allow-headers') ?? '').toLowerCase();
    for (const header of ['authorization', 'content-type', 'idempotency-key']) assert.ok(allowed.includes(header), `${header} allowed`);
    assert.match(response.headers.get('access-control-allow-methods') ?? '', /POST/);
    const get = await fetch(`${sandbox.url}/checkout-sessions/${OPEN_SMALL}`, {
      headers: { origin: 'http://localhost:4000', authorization: `Bearer ${sandbox.keys.publishableTest}` },
    });
    assert.equal(get.headers.get('access-control-allow-origin'), '*');
    assert.match(get.headers.get('access-control-expose-headers') ?? '', /Retry-After/);
  });

  it('dates every answer on its own clock, and lets a browser read it', async () => {
    const get = await fetch(`${sandbox.url}/checkout-sessions/${OPEN_SMALL}`, {
      headers: { origin: 'http://localhost:4000', authorization: `Bearer ${sandbox.keys.publishableTest}` },
    });
    assert.equal(get.headers.get('date'), new Date(sandbox.db.now()).toUTCString());
    assert.match(get.headers.get('access-control-expose-headers') ?? '', /\bDate\b/);
    const refused = await sandbox.call('/checkout-sessions/cs_does_not_exist');
    assert.equal(refused.status, 404);
    assert.equal(refused.headers.get('date'), new Date(sandbox.db.now()).toUTCString());
  });

  it('answers unknown routes with the error envelope', async () => {
    const answer = await sandbox.call<ErrorAnswer>('/nothing-here');
    assert.equal(answer.status, 404);
    assert.deepEqual(Object.keys(answer.body.error).sort(), ['code', 'message', 'type']);
    assert.equal(answer.body.error.code, 'Not Found');
  });

  it('answers a body that is not JSON with a validation error', async () => {
    const answer = await sandbox.call<ErrorAnswer>('/checkout-sessions', { key: sandbox.keys.secretTest, body: '{oops' });
    assert.equal(answer.status, 400);
    assert.equal(answer.body.error.code, 'Bad Request');
    assert.ok(Array.isArray(answer.body.error.message), 'a list of messages');
  });

  it('lists the seeds without a key and serves the merchant logo', async () => {
    const seeds = await sandbox.call<{ sessions: Array<{ key: string; id: string }>; groups: unknown[] }>(
      '/sandbox/seeds',
      { key: null },
    );
    assert.equal(seeds.status, 200);
    assert.deepEqual(
      seeds.body.sessions.map((s) => s.id),
      SEEDED_SESSIONS.map((s) => s.id),
    );
    assert.ok(!JSON.stringify(seeds.body).includes(sandbox.keys.secretTest), 'no secret key in the seeds');
    const logo = await fetch(`${sandbox.url}/sandbox/assets/logo.svg`);
    assert.equal(logo.headers.get('content-type'), 'image/svg+xml');
    assert.match(await logo.text(), /<svg/);
  });

  it('keeps the fault and request-log controls to test-mode keys', async () => {
    const controls: Array<[string, string, unknown]> = [
      ['POST', '/sandbox/faults', { path: '/nowhere', status: 500 }],
      ['GET', '/sandbox/faults', undefined],
      ['DELETE', '/sandbox/faults', undefined],
      ['GET', '/sandbox/requests', undefined],
      ['DELETE', '/sandbox/requests', undefined],
    ];
    for (const [method, path, body] of controls) {
      const label = `${method} ${path}`;
      const anonymous = await sandbox.call<ErrorAnswer>(path, { method, body, key: null });
      assert.equal(anonymous.status, 401, `${label} without a key`);
      assert.equal(anonymous.body.error.code, 'Unauthorized');
      const live = await sandbox.call<ErrorAnswer>(path, { method, body, key: sandbox.keys.publishableLive });
      assert.equal(live.status, 401, `${label} with a live key`);
      assert.match(String(live.body.error.message), /test-mode keys/);
      for (const key of [sandbox.keys.publishableTest, sandbox.keys.secretTest]) {
        const allowed = await sandbox.call(path, { method, body, key });
        assert.equal(allowed.status, method === 'POST' ? 201 : 200, `${label} with ${key.slice(0, 8)}`);
      }
    }
  });

  it('leaves live-mode requests out of the request log a test key reads', async () => {
    await sandbox.call('/sandbox/requests', { method: 'DELETE' });
    const liveId = SEEDED_SESSIONS.find((session) => session.livemode)?.id;
    assert.ok(liveId, 'a live session id');
    await sandbox.call(`/checkout-sessions/${liveId}`, {
      key: sandbox.keys.publishableLive,
      headers: { 'idempotency-key': 'live-key-never-shown' },
    });
    await sandbox.call(`/checkout-sessions/${OPEN_SMALL}`);
    const log = await sandbox.call<{ data: Array<{ path: string; livemode: boolean | null }>; count: number }>(
      '/sandbox/requests',
    );
    assert.deepEqual(
      log.body.data.map((entry) => [entry.path, entry.livemode]),
      [[`/checkout-sessions/${OPEN_SMALL}`, false]],
    );
    assert.ok(!JSON.stringify(log.body).includes('live-key-never-shown'), 'no live Idempotency-Key');
    assert.ok(!JSON.stringify(log.body).includes(liveId), 'no live session id');
  });

  it('replays an Idempotency-Key read from the log to no live key', async () => {
    const session = await createSession(sandbox);
    const body = { amount: session.body.amount_total, checkoutSessionId: session.body.id };
    const headers = { 'idempotency-key': `scoped-${session.body.id}` };
    const first = await sandbox.call<{ id: string; client_secret?: string }>('/payment-intents', { body, headers });
    assert.equal(first.status, 201);
    const log = await sandbox.call<{ data: Array<{ idempotency_key: string | null }> }>(
      '/sandbox/requests?method=POST&path=/payment-intents',
    );
    const keys = log.body.data.map((entry) => entry.idempotency_key);
    assert.ok(keys.includes(headers['idempotency-key']), 'a test key reads test-mode Idempotency-Keys');
    // A live key sending the same key and body gets an answer of its own: the test session is not there.
    for (const key of [sandbox.keys.publishableLive, sandbox.keys.secretLive]) {
      const other = await sandbox.call<{ id?: string; client_secret?: string }>('/payment-intents', { key, body, headers });
      assert.equal(other.status, 404);
      assert.equal(other.headers.get('idempotent-replayed'), null);
      assert.equal(other.body.client_secret, undefined);
    }
  });

  it('listens on 127.0.0.1 only, unless told otherwise: a local tool, not a service on the network', () => {
    assert.equal(new URL(sandbox.url).hostname, '127.0.0.1');
  });

  it('takes its keys from KOHORT_SANDBOX_PK, …_SK, …_PK_LIVE and …_SK_LIVE, each for its own mode and kind', async () => {
    const custom = {
      KOHORT_SANDBOX_PK: 'pk_test_ci_0000000000000000000001',
      KOHORT_SANDBOX_SK: 'sk_test_ci_0000000000000000000002',
      KOHORT_SANDBOX_PK_LIVE: 'pk_live_ci_0000000000000000000003',
      KOHORT_SANDBOX_SK_LIVE: 'sk_live_ci_0000000000000000000004',
    };
    Object.assign(process.env, custom);
    const ci = await startTestSandbox().finally(() => {
      for (const name of Object.keys(custom)) delete process.env[name];
    });
    try {
      assert.deepEqual(ci.keys, {
        publishableTest: custom.KOHORT_SANDBOX_PK,
        secretTest: custom.KOHORT_SANDBOX_SK,
        publishableLive: custom.KOHORT_SANDBOX_PK_LIVE,
        secretLive: custom.KOHORT_SANDBOX_SK_LIVE,
      });
      const liveId = SEEDED_SESSIONS.find((session) => session.livemode)?.id;
      assert.equal((await ci.call(`/checkout-sessions/${liveId}`, { key: custom.KOHORT_SANDBOX_PK_LIVE })).status, 200);
      assert.equal((await ci.call(`/checkout-sessions/${OPEN_SMALL}`, { key: custom.KOHORT_SANDBOX_PK })).status, 200);
      assert.equal((await ci.call('/checkout-sessions', { key: custom.KOHORT_SANDBOX_SK })).status, 200);
      assert.equal((await ci.call('/checkout-sessions', { key: custom.KOHORT_SANDBOX_SK_LIVE })).status, 200);
      assert.equal((await ci.call(`/checkout-sessions/${OPEN_SMALL}`, { key: sandbox.keys.publishableTest })).status, 401, 'the default key is refused');
    } finally {
      await ci.close();
    }
  });

  it('works in-process too, through app.request()', async () => {
    const { app, keys, dispose } = createSandboxApp();
    const response = await app.request(`/checkout-sessions/${OPEN_SMALL}`, {
      headers: { authorization: `Bearer ${keys.publishableTest}` },
    });
    assert.equal(response.status, 200);
    assert.equal(((await response.json()) as { id: string }).id, OPEN_SMALL);
    dispose();
  });
});
