import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import type { ListResponse, PaymentIntent } from '../../src/api/types.ts';
import { createSandboxApp } from '../../sandbox/app.ts';
import type { LoggedRequest } from '../../sandbox/request-log.ts';
import { createSession, startTestSandbox, type ErrorAnswer, type TestSandbox } from './helpers.ts';

const SESSION_PATH = '/checkout-sessions/cs_5eed00000000a1';

describe('sandbox: fault injection and the request log', () => {
  let sandbox: TestSandbox;
  before(async () => {
    sandbox = await startTestSandbox();
  });
  after(() => sandbox.close());
  /** The harness's controls take a test-mode key, like every other sandbox tool. */
  const clear = async (what: 'faults' | 'requests') => {
    const answer = await sandbox.call(`/sandbox/${what}`, { method: 'DELETE' });
    assert.equal(answer.status, 200);
  };
  beforeEach(async () => {
    await clear('faults');
    await clear('requests');
  });

  const arm = async (fault: Record<string, unknown>) => {
    const answer = await sandbox.call('/sandbox/faults', { body: fault });
    assert.equal(answer.status, 201);
  };
  const get = (path = SESSION_PATH, init: RequestInit = {}) =>
    fetch(`${sandbox.url}${path}`, {
      ...init,
      headers: { authorization: `Bearer ${sandbox.keys.publishableTest}`, origin: 'http://localhost:4000' },
    });
  const logged = async (query = '') =>
    (await sandbox.call<ListResponse<LoggedRequest>>(`/sandbox/requests${query}`)).body;

  it('answers with a status and Retry-After, then lets requests through', async () => {
    await arm({ path: SESSION_PATH, status: 503, retryAfter: 2 });
    const failed = await get();
    assert.equal(failed.status, 503);
    assert.equal(failed.headers.get('retry-after'), '2');
    assert.equal(failed.headers.get('access-control-allow-origin'), '*', 'a browser can read the failure');
    const body = (await failed.json()) as ErrorAnswer;
    assert.equal(body.error.type, 'api_error');
    assert.equal((await get()).status, 200);
  });

  it('types a 500 as api_error, like every 5xx, and a 4xx as invalid_request_error', async () => {
    await arm({ path: SESSION_PATH, status: 500 });
    const failed = (await (await get()).json()) as ErrorAnswer;
    assert.equal(failed.error.type, 'api_error');
    assert.equal(failed.error.code, 'Internal Server Error');
    await arm({ path: SESSION_PATH, status: 499 });
    assert.equal(((await (await get()).json()) as ErrorAnswer).error.type, 'invalid_request_error');
  });

  it('answers 503 to a fault that gives only retryAfter', async () => {
    await arm({ path: SESSION_PATH, retryAfter: 1 });
    const failed = await get();
    assert.equal(failed.status, 503);
    assert.equal(failed.headers.get('retry-after'), '1');
    assert.equal(((await failed.json()) as ErrorAnswer).error.code, 'Service Unavailable');
  });

  it('never breaks its own controls: a fault on every path leaves /sandbox/faults and /sandbox/requests working', async () => {
    await arm({ path: '/', status: 500, times: 10 });
    assert.equal((await sandbox.call('/sandbox/requests')).status, 200);
    assert.equal((await sandbox.call<{ count: number }>('/sandbox/faults')).body.count, 1);
    assert.equal((await get()).status, 500, 'the API itself fails');
    const cleared = await sandbox.call<{ cleared: number }>('/sandbox/faults', { method: 'DELETE' });
    assert.equal(cleared.status, 200);
    assert.equal(cleared.body.cleared, 1);
    assert.equal((await get()).status, 200);
  });

  it('fails the first N matching requests, then succeeds', async () => {
    await arm({ method: 'GET', path: '/checkout-sessions', times: 2, status: 500 });
    const statuses = [];
    for (let i = 0; i < 3; i += 1) statuses.push((await get()).status);
    assert.deepEqual(statuses, [500, 500, 200]);
    assert.equal((await logged('?method=GET')).count, 3);
  });

  it('matches on method and leaves CORS preflights alone', async () => {
    await arm({ method: 'POST', path: '/checkout-sessions', status: 500 });
    assert.equal((await get()).status, 200);
    await clear('faults');
    await arm({ path: SESSION_PATH, status: 429 });
    const preflight = await fetch(`${sandbox.url}${SESSION_PATH}`, {
      method: 'OPTIONS',
      headers: { origin: 'http://localhost:4000', 'access-control-request-method': 'GET' },
    });
    assert.equal(preflight.status, 204);
    assert.equal((await get()).status, 429);
  });

  it('lists and clears armed faults', async () => {
    await arm({ path: '/payment-intents', status: 500, times: 3 });
    const listed = await sandbox.call<{ data: Array<{ remaining: number; path: string }>; count: number }>(
      '/sandbox/faults',
    );
    assert.equal(listed.body.count, 1);
    assert.equal(listed.body.data[0]?.remaining, 3);
    await clear('faults');
    assert.equal((await sandbox.call<{ count: number }>('/sandbox/faults')).body.count, 0);
    const invalid = await sandbox.call<ErrorAnswer>('/sandbox/faults', { body: { path: 'no-slash', body: 'x' } });
    assert.equal(invalid.status, 400);
    assert.equal((invalid.body.error.message as string[]).length, 2);
  });

  it('sends a malformed body', async () => {
    await arm({ path: SESSION_PATH, body: 'malformed' });
    const response = await get();
    assert.equal(response.status, 200);
    await assert.rejects(response.json(), SyntaxError);
  });

  it('sends an empty body', async () => {
    await arm({ path: SESSION_PATH, body: 'empty' });
    const response = await get();
    assert.equal(response.status, 200);
    assert.equal(await response.text(), '');
  });

  /** What the server printed with console.error while `run` ran (the node adapter reports its failures there). */
  const serverErrors = async (run: () => Promise<void>) => {
    const printed: unknown[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => printed.push(args);
    try {
      await run();
    } finally {
      console.error = original;
    }
    return printed;
  };

  it('cuts the body halfway, and the server writes nothing more on that answer', async () => {
    const printed = await serverErrors(async () => {
      await arm({ path: SESSION_PATH, body: 'truncated' });
      const response = await get();
      assert.equal(response.status, 200);
      await assert.rejects(response.text());
      assert.equal((await get()).status, 200);
    });
    // The route's own answer used to be written after the cut one: ERR_HTTP_HEADERS_SENT.
    assert.deepEqual(printed, []);
  });

  it('dates a damaged answer on the sandbox\'s clock, a cut body too (a widget reads Date to correct a wrong device clock)', async () => {
    sandbox.advance(90_000);
    const sandboxDate = new Date(sandbox.db.now()).toUTCString();
    assert.notEqual(sandboxDate, new Date().toUTCString(), 'the sandbox\'s clock is not the real one');
    for (const fault of [{ body: 'truncated' }, { body: 'malformed' }, { body: 'empty' }, { status: 429 }]) {
      await arm({ path: SESSION_PATH, ...fault });
      const response = await get();
      assert.equal(response.headers.get('date'), sandboxDate, JSON.stringify(fault));
      await response.text().catch(() => undefined);
    }
  });

  it('delays the answer', async () => {
    await arm({ path: SESSION_PATH, delayMs: 250 });
    const started = performance.now();
    const response = await get();
    assert.equal(response.status, 200);
    assert.ok(performance.now() - started >= 240, 'answered after its delay');
    await arm({ path: SESSION_PATH, delayMs: 400 });
    await assert.rejects(get(SESSION_PATH, { signal: AbortSignal.timeout(50) }));
  });

  it('drops the connection without an answer, before or after the request is processed', async () => {
    const printed = await serverErrors(async () => {
      for (const processed of [false, true]) {
        await arm({ path: SESSION_PATH, drop: true, processed });
        await assert.rejects(get(), TypeError);
        assert.equal((await get()).status, 200);
      }
    });
    assert.deepEqual(printed, []);
  });

  it('loses a processed answer, and the Idempotency-Key retry gets the same intent', async () => {
    const session = await createSession(sandbox);
    const intentsBefore = sandbox.db.intents.size;
    const post = () =>
      fetch(`${sandbox.url}/payment-intents`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${sandbox.keys.publishableTest}`,
          'content-type': 'application/json',
          'idempotency-key': 'retry-me',
        },
        body: JSON.stringify({ amount: session.body.amount_total, checkoutSessionId: session.body.id }),
      });
    await arm({ method: 'POST', path: '/payment-intents', drop: true, processed: true });
    await assert.rejects(post());
    assert.equal(sandbox.db.intents.size, intentsBefore + 1, 'processed: the intent exists though its answer was lost');
    await arm({ method: 'POST', path: '/payment-intents', body: 'truncated' });
    const cut = await post();
    await assert.rejects(cut.text());
    const retried = await post();
    assert.equal(retried.status, 201);
    const intent = (await retried.json()) as PaymentIntent;
    assert.equal(sandbox.db.intents.size, intentsBefore + 1, 'one intent for three attempts');
    assert.equal(sandbox.db.intents.get(intent.id)?.checkout_session_id, session.body.id);
    const log = await logged('?method=POST&path=/payment-intents');
    assert.equal(log.count, 3);
    assert.ok(log.data.every((entry) => entry.idempotency_key === 'retry-me'), 'every retry logged with its key');
  });

  it('logs requests with a key prefix only', async () => {
    await get(`${SESSION_PATH}?expand[]=line_items`);
    const { data } = await logged();
    assert.equal(data.length, 1);
    const [entry] = data;
    assert.equal(entry?.method, 'GET');
    assert.equal(entry?.path, SESSION_PATH);
    assert.equal(entry?.query, 'expand[]=line_items');
    assert.equal(entry?.authorization_prefix, 'pk_test_');
    assert.equal(entry?.idempotency_key, null);
    assert.ok(entry?.at, 'the entry is dated');
    assert.equal((await logged('?method=get')).count, 1, 'the method filter forgives lower case');
    await clear('requests');
    assert.equal((await logged()).count, 0);
  });

  it('keeps only the last 500 requests', async () => {
    const { app, keys, dispose } = createSandboxApp();
    for (let i = 0; i < 510; i += 1) await app.request(`/nowhere/${i}`);
    const response = await app.request('/sandbox/requests', { headers: { authorization: `Bearer ${keys.secretTest}` } });
    const { data } = (await response.json()) as ListResponse<LoggedRequest>;
    assert.equal(data.length, 500);
    assert.equal(data[0]?.path, '/nowhere/10');
    dispose();
  });
});
