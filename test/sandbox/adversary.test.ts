/**
 * Where the sandbox parted from the contract, docs/SANDBOX.md or its own test-mode promise,
 * each found by attacking it over HTTP.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import type { CheckoutSession, PaymentGroup, PaymentIntent } from '../../src/api/types.ts';
import { confirmPayment, createIntent, createSession, newOpenSession, startTestSandbox, type Answered, type ErrorAnswer, type TestSandbox } from './helpers.ts';

describe('sandbox: what an adversarial review found', () => {
  let sandbox: TestSandbox;
  before(async () => {
    sandbox = await startTestSandbox();
  });
  after(() => sandbox.close());
  beforeEach(async () => {
    await sandbox.call('/sandbox/faults', { method: 'DELETE' });
  });

  it('breaks only test-mode requests with a fault armed by a test key: a live-mode read is never the one that fails', async () => {
    const armed = await sandbox.call('/sandbox/faults', { body: { path: '/checkout-sessions', status: 500 } });
    assert.equal(armed.status, 201);
    const live = await sandbox.call('/checkout-sessions/cs_5eed00000000f1', { key: sandbox.keys.publishableLive });
    assert.equal(live.status, 200, 'a live-mode request goes through');
    const test = await sandbox.call<ErrorAnswer>('/checkout-sessions/cs_5eed00000000a1');
    assert.equal(test.status, 500, 'the fault is still armed for the test-mode request it was meant for');
  });

  it('refuses an e-mail whose domain has an empty label, as format: email does (and the widget)', async () => {
    for (const email of ['marie@example.com.', 'marie@example..com', 'marie@.example.com']) {
      const session = await createSession(sandbox, { customerEmail: email });
      assert.equal(session.status, 400, `session with ${email}`);
      assert.deepEqual(session.body.error.message, ['customer_email must be an e-mail address']);
      const validated = await sandbox.call<ErrorAnswer>('/payment-groups/KHT-test-5EED0001/validate', { body: { customerEmail: email } });
      assert.equal(validated.status, 400, `validate with ${email}`);
    }
    assert.equal((await createSession(sandbox, { customerEmail: 'marie.curie@mail.example.fr' })).status, 201);
  });

  it('never adds a simulated friend whose e-mail is already in the group, nor one paying under min_purchase_value', async () => {
    const join = (body: Record<string, unknown>) =>
      sandbox.call<Answered<PaymentGroup>>('/sandbox/payment-groups/KHTPAY-5EED0006/participants', { body });
    assert.equal((await join({ email: 'duo+2@kohort.test' })).status, 201);
    // The second friend would be duo+2@kohort.test, who is already in.
    const twice = await join({ email: 'duo@kohort.test', count: 2 });
    assert.equal(twice.status, 400);
    assert.equal(twice.body.error.code, 'EMAIL_ALREADY_USED');
    const low = await join({ amount: 2999 });
    assert.equal(low.status, 400);
    assert.equal(low.body.error.code, 'AMOUNT_TOO_LOW');
    const group = await sandbox.call<PaymentGroup>('/payment-groups/KHTPAY-5EED0006?expand[]=payment_intents', { key: sandbox.keys.secretTest });
    const emails = (group.body.payment_intents ?? []).map((intent) => intent.customer_email);
    assert.deepEqual(emails, ['julie@kohort.test', 'duo+2@kohort.test'], 'nothing was added by the refused calls');
  });
  it('leaves the intent as it was when a confirmation is refused: the refused payer is not recorded on it', async () => {
    const session = await newOpenSession(sandbox, { customerEmail: 'owner@kohort.test' });
    const intent = (await createIntent(sandbox, session, 'KHT-test-5EED0007')).body;
    // ami@kohort.test is already in group 0007: refused before any charge.
    const refused = await confirmPayment<ErrorAnswer>(sandbox, intent, { customer_email: 'ami@kohort.test', customer_first_name: 'Ami' });
    assert.equal(refused.body.error.code, 'EMAIL_ALREADY_USED');
    const read = await sandbox.call<CheckoutSession>(`/checkout-sessions/${session.id}?expand[]=payment_intent.customer`);
    assert.equal(read.body.payment_intent?.customer_email, 'owner@kohort.test');
    assert.equal(read.body.payment_intent?.customer_id, intent.customer_id);
    assert.equal(read.body.payment_intent?.customer?.first_name ?? null, null);
    // Confirmed again without an e-mail, it pays as the session's customer, who may join.
    const paid = await confirmPayment<PaymentIntent>(sandbox, intent, {});
    assert.equal(paid.status, 200);
    assert.equal(paid.body.status, 'SUCCEEDED');
    assert.equal(paid.body.customer_email, 'owner@kohort.test');
  });
});
