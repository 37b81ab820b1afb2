import assert from 'node:assert/strict';
import { request } from 'node:http';
import { after, before, describe, it } from 'node:test';
import type { CheckoutSession, PaymentIntent } from '../../src/api/types.ts';
import { MAX_BODY_BYTES } from '../../sandbox/validation.ts';
import { newOpenSession, startTestSandbox, type ErrorAnswer, type TestSandbox } from './helpers.ts';

interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  /** Whether the client had sent the whole body (and ended the request) before the answer came. */
  finishedSending: boolean;
}

/**
 * POSTs `prefix` then spaces, as fast as the socket takes them, up to `sendAtMost` bytes, with a
 * Content-Length of `declared` (chunked when null): a server that waits for a body that never
 * ends would never answer, so no answer within `waitMs` rejects instead of hanging.
 */
function postRaw(
  url: string,
  path: string,
  options: { headers: Record<string, string>; declared: number | null; prefix: string; sendAtMost: number; waitMs?: number },
): Promise<RawAnswer> {
  const { hostname, port } = new URL(url);
  const headers: Record<string, string> = { 'content-type': 'application/json', ...options.headers };
  if (options.declared !== null) headers['content-length'] = String(options.declared);
  return new Promise((resolve, reject) => {
    let finishedSending = false;
    const outgoing = request({ hostname, port, path, method: 'POST', headers }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => {
        clearTimeout(timer);
        resolve({ status: response.statusCode ?? 0, headers: response.headers, body, finishedSending });
        outgoing.destroy();
      });
    });
    const timer = setTimeout(() => {
      outgoing.destroy();
      reject(new Error('No answer: the sandbox waited for the body to be sent whole.'));
    }, options.waitMs ?? 3000);
    // The server may close the socket while we still write: only an error before any answer counts.
    outgoing.on('error', (error) => (finishedSending ? reject(error) : undefined));
    const padding = Buffer.alloc(64 * 1024, 0x20);
    let sent = Buffer.byteLength(options.prefix);
    const pump = (): void => {
      while (sent < options.sendAtMost && !outgoing.destroyed) {
        const chunk = padding.subarray(0, Math.min(padding.length, options.sendAtMost - sent));
        sent += chunk.length;
        if (!outgoing.write(chunk)) {
          outgoing.once('drain', pump);
          return;
        }
      }
      if (sent >= (options.declared ?? options.sendAtMost) && !outgoing.destroyed) {
        outgoing.end();
        finishedSending = true;
      }
    };
    if (outgoing.write(options.prefix)) pump();
    else outgoing.once('drain', pump);
  });
}

describe('sandbox: request bodies over 1 MB', () => {
  let sandbox: TestSandbox;
  before(async () => {
    sandbox = await startTestSandbox();
  });
  after(() => sandbox.close());

  const auth = () => ({ authorization: `Bearer ${sandbox.keys.publishableTest}` });

  /**
   * An intent body of exactly `bytes` bytes, padded with white space after its opening brace (metadata takes at
   * most 8 KB): cut anywhere, it is no longer JSON.
   */
  function intentBodyOf(session: CheckoutSession, bytes: number): string {
    const fields = `"amount":${session.amount_total},"checkoutSessionId":"${session.id}"}`;
    return `{${' '.repeat(bytes - 1 - fields.length)}${fields}`;
  }

  function assertRefused(answer: RawAnswer): void {
    assert.equal(answer.status, 413, answer.body);
    assert.equal(answer.finishedSending, false, 'refused while the body was still streaming in');
    assert.deepEqual(JSON.parse(answer.body), {
      error: {
        type: 'invalid_request_error',
        message: 'The request body is larger than 1048576 bytes (1 MB), the most the sandbox accepts.',
        code: 'Payload Too Large',
      },
    });
    assert.equal(answer.headers.connection, 'close', 'the client is told to stop sending');
  }

  it('refuses a 50 MB body announced by Content-Length with 413 before reading it, storing nothing', async () => {
    const session = await newOpenSession(sandbox);
    const intentsBefore = sandbox.db.intents.size;
    const answer = await postRaw(sandbox.url, '/payment-intents', {
      headers: { ...auth(), 'idempotency-key': `huge-${session.id}`, origin: 'https://shop.example' },
      declared: 50 * 1024 * 1024,
      prefix: `{"amount":${session.amount_total},"checkoutSessionId":"${session.id}","metadata":{"note":"`,
      sendAtMost: 256 * 1024,
    });
    assertRefused(answer);
    assert.equal(answer.headers['access-control-allow-origin'], '*', 'a shop page can read the refusal');
    assert.equal(sandbox.db.intents.size, intentsBefore);
    // The refused request did not take its Idempotency-Key: the key works for a real request.
    const retry = await sandbox.call<PaymentIntent>('/payment-intents', {
      body: { amount: session.amount_total, checkoutSessionId: session.id },
      headers: { 'idempotency-key': `huge-${session.id}` },
    });
    assert.equal(retry.status, 201);
    assert.equal(retry.headers.get('idempotent-replayed'), null);
  });

  it('refuses a chunked body (no Content-Length) as soon as it passes 1 MB, storing nothing', async () => {
    const session = await newOpenSession(sandbox);
    const intentsBefore = sandbox.db.intents.size;
    const answer = await postRaw(sandbox.url, '/payment-intents', {
      headers: { ...auth(), 'idempotency-key': `endless-${session.id}` },
      declared: null,
      prefix: `{"amount":${session.amount_total},"checkoutSessionId":"${session.id}","metadata":{"note":"`,
      // Far more than the limit, never ended: an endless upload.
      sendAtMost: 64 * 1024 * 1024,
    });
    assertRefused(answer);
    assert.equal(sandbox.db.intents.size, intentsBefore);
    const log = await sandbox.call<{ data: Array<{ idempotency_key: string | null }> }>('/sandbox/requests?method=POST&path=/payment-intents');
    assert.ok(log.body.data.some((entry) => entry.idempotency_key === `endless-${session.id}`), 'the refused request is logged');
  });

  it('takes a body of exactly 1 MB, with or without Content-Length, and replays it by its Idempotency-Key', async () => {
    for (const chunked of [false, true]) {
      const session = await newOpenSession(sandbox);
      const body = intentBodyOf(session, MAX_BODY_BYTES);
      assert.equal(Buffer.byteLength(body), MAX_BODY_BYTES);
      const send = () =>
        postRaw(sandbox.url, '/payment-intents', {
          headers: { ...auth(), 'idempotency-key': `full-${session.id}` },
          declared: chunked ? null : MAX_BODY_BYTES,
          prefix: body,
          sendAtMost: MAX_BODY_BYTES,
        });
      const first = await send();
      assert.equal(first.status, 201, `${chunked ? 'chunked' : 'Content-Length'}: ${first.body.slice(0, 200)}`);
      // Only the whole body parses: 201 says it reached the handler whole.
      const created = JSON.parse(first.body) as PaymentIntent;
      assert.equal(created.amount, session.amount_total);
      const replay = await send();
      assert.equal(replay.headers['idempotent-replayed'], 'true');
      assert.equal((JSON.parse(replay.body) as PaymentIntent).id, created.id);
    }
  });

  it('refuses one byte over 1 MB, with or without Content-Length', async () => {
    const session = await newOpenSession(sandbox);
    for (const chunked of [false, true]) {
      const body = intentBodyOf(session, MAX_BODY_BYTES + 1);
      const answer = await postRaw(sandbox.url, '/payment-intents', {
        headers: auth(),
        declared: chunked ? null : MAX_BODY_BYTES + 1,
        prefix: body,
        sendAtMost: MAX_BODY_BYTES + 1,
      });
      assert.equal(answer.status, 413, `${chunked ? 'chunked' : 'Content-Length'}: ${answer.body.slice(0, 200)}`);
      assert.equal((JSON.parse(answer.body) as ErrorAnswer).error.code, 'Payload Too Large');
    }
  });
});
