/**
 * What anyone holding the publishable test key (printed on every demo page, and a known default) can make a
 * running sandbox keep: each call stays small, so a few thousand calls cannot fill its memory.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { PaymentGroup, PaymentIntent } from '../../src/api/types.ts';
import { MAX_ARMED_FAULTS } from '../../sandbox/faults.ts';
import { MAX_METADATA_CHARACTERS, MAX_STRING_LENGTH } from '../../sandbox/validation.ts';
import { confirmPayment, createIntent, newOpenSession, payNewSession, startTestSandbox, type ErrorAnswer, type TestSandbox } from './helpers.ts';

describe('sandbox: what a browser key can make it keep', () => {
  let sandbox: TestSandbox;
  before(async () => {
    sandbox = await startTestSandbox();
  });
  after(() => sandbox.close());

  const messagesOf = (answer: { body: unknown }) => (answer.body as ErrorAnswer).error.message;

  it(`arms at most ${MAX_ARMED_FAULTS} faults at once, each with a path of at most ${MAX_STRING_LENGTH} characters`, async () => {
    // Before: 100 faults of 1 MB paths each took 100 MB, with no end to how many a page could arm.
    const tooLong = await sandbox.call('/sandbox/faults', { body: { path: `/${'x'.repeat(MAX_STRING_LENGTH)}`, status: 503 } });
    assert.equal(tooLong.status, 400);
    assert.deepEqual(messagesOf(tooLong), [`path must be at most ${MAX_STRING_LENGTH} characters`]);
    for (let armed = 0; armed < MAX_ARMED_FAULTS; armed++) {
      const answer = await sandbox.call('/sandbox/faults', { body: { path: `/nowhere/${armed}`, status: 503 } });
      assert.equal(answer.status, 201);
    }
    const oneMore = await sandbox.call('/sandbox/faults', { body: { path: '/nowhere/more', status: 503 } });
    assert.equal(oneMore.status, 400);
    assert.deepEqual(messagesOf(oneMore), [`at most ${MAX_ARMED_FAULTS} faults are armed at once: DELETE /sandbox/faults first`]);
    assert.equal((await sandbox.call<{ count: number }>('/sandbox/faults')).body.count, MAX_ARMED_FAULTS);
    assert.equal((await sandbox.call('/sandbox/faults', { method: 'DELETE' })).status, 200);
    assert.equal((await sandbox.call('/sandbox/faults', { body: { path: '/nowhere/again', status: 503 } })).status, 201);
    // The limit itself is allowed: a path of exactly that many characters is armed.
    const longest = await sandbox.call('/sandbox/faults', { body: { path: `/${'x'.repeat(MAX_STRING_LENGTH - 1)}`, status: 503 } });
    assert.equal(longest.status, 201, `a path of ${MAX_STRING_LENGTH} characters: ${JSON.stringify(longest.body)}`);
    await sandbox.call('/sandbox/faults', { method: 'DELETE' });
  });

  it(`refuses a fault's method over ${MAX_STRING_LENGTH} characters, as its path`, async () => {
    // Before: 100 faults with a 1 MB method each still took 100 MB.
    await sandbox.call('/sandbox/faults', { method: 'DELETE' });
    const answer = await sandbox.call('/sandbox/faults', { body: { method: 'P'.repeat(MAX_STRING_LENGTH + 1), path: '/nowhere', status: 503 } });
    assert.equal(answer.status, 400);
    assert.deepEqual(messagesOf(answer), [`method must be at most ${MAX_STRING_LENGTH} characters`]);
    assert.equal((await sandbox.call<{ count: number }>('/sandbox/faults')).body.count, 0);
  });

  it(`refuses a payment intent's metadata over ${MAX_METADATA_CHARACTERS} characters of JSON, creating nothing, and takes one of that size`, async () => {
    // Before: 1 MB of metadata per intent, kept twice (the intent, its Idempotency-Key's answer), for 10,000 intents.
    const session = await newOpenSession(sandbox);
    const padded = (characters: number) => ({ note: 'm'.repeat(characters - '{"note":""}'.length) });
    const intentsBefore = sandbox.db.intents.size;
    const refused = await sandbox.call('/payment-intents', {
      body: { amount: session.amount_total, checkoutSessionId: session.id, metadata: padded(MAX_METADATA_CHARACTERS + 1) },
      headers: { 'idempotency-key': `big-metadata-${session.id}` },
    });
    assert.equal(refused.status, 400);
    assert.deepEqual(messagesOf(refused), [`metadata must be at most ${MAX_METADATA_CHARACTERS} characters of JSON`]);
    assert.equal(sandbox.db.intents.size, intentsBefore);
    const taken = await sandbox.call<PaymentIntent & { metadata: { note: string } }>('/payment-intents', {
      body: { amount: session.amount_total, checkoutSessionId: session.id, metadata: padded(MAX_METADATA_CHARACTERS) },
    });
    assert.equal(taken.status, 201);
    assert.equal(JSON.stringify(taken.body.metadata).length, MAX_METADATA_CHARACTERS);
  });

  it(`refuses a customer id, e-mail or name over ${MAX_STRING_LENGTH} characters wherever a test key can store one`, async () => {
    const long = 'n'.repeat(MAX_STRING_LENGTH + 1);
    const longEmail = `${'e'.repeat(MAX_STRING_LENGTH)}@example.com`;
    const session = await newOpenSession(sandbox);
    const intent = await sandbox.call('/payment-intents', { body: { amount: session.amount_total, checkoutSessionId: session.id, customerId: long } });
    assert.equal(intent.status, 400);
    assert.deepEqual(messagesOf(intent), [`customer_id must be at most ${MAX_STRING_LENGTH} characters`]);
    // The limit itself is allowed: a customer id of exactly that many characters is taken.
    const longest = await sandbox.call('/payment-intents', {
      body: { amount: session.amount_total, checkoutSessionId: session.id, customerId: long.slice(1) },
    });
    assert.equal(longest.status, 201, `a customer id of ${MAX_STRING_LENGTH} characters: ${JSON.stringify(longest.body)}`);

    const created = await createIntent(sandbox, session);
    assert.equal(created.status, 201);
    const confirmed = await confirmPayment(sandbox, created.body, { customer_email: longEmail, customer_first_name: long, customer_last_name: long });
    assert.equal(confirmed.status, 400);
    assert.deepEqual(messagesOf(confirmed), [
      `customer_email must be at most ${MAX_STRING_LENGTH} characters`,
      `customer_first_name must be at most ${MAX_STRING_LENGTH} characters`,
      `customer_last_name must be at most ${MAX_STRING_LENGTH} characters`,
    ]);

    const { paid } = await payNewSession(sandbox);
    const group = paid.body.payment_group_id!;
    const friends = await sandbox.call<PaymentGroup>(`/sandbox/payment-groups/${group}/participants`, {
      body: { email: longEmail, first_name: long, last_name: long },
    });
    assert.equal(friends.status, 400);
    assert.deepEqual(messagesOf(friends), [
      `email must be at most ${MAX_STRING_LENGTH} characters`,
      `first_name must be at most ${MAX_STRING_LENGTH} characters`,
      `last_name must be at most ${MAX_STRING_LENGTH} characters`,
    ]);
  });
});
