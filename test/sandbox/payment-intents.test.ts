import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import type { CheckoutSession, PaymentGroup, PaymentIntent } from '../../src/api/types.ts';
import { newSessionBody, startTestSandbox, type ErrorAnswer, type TestSandbox } from './helpers.ts';

const OPEN_GROUP = 'KHT-test-5EED0001';

describe('sandbox: payment intents and the test card processor', () => {
  let sandbox: TestSandbox;
  before(async () => {
    sandbox = await startTestSandbox({ slowConfirmMs: 150 });
  });
  after(() => sandbox.close());

  /** A fresh OPEN session, so each test pays its own cart. */
  async function openSession(overrides: Record<string, unknown> = {}): Promise<CheckoutSession> {
    const answer = await sandbox.call<CheckoutSession>('/checkout-sessions', {
      key: sandbox.keys.secretTest,
      body: newSessionBody({ customerFirstName: 'Marie', customerLastName: 'Durand', ...overrides }),
    });
    assert.equal(answer.status, 201);
    return answer.body;
  }

  async function createIntent(body: Record<string, unknown>, headers: Record<string, string> = {}) {
    return sandbox.call<PaymentIntent & ErrorAnswer>('/payment-intents', { body, headers });
  }

  const confirm = (intent: PaymentIntent, body: Record<string, unknown> = {}) =>
    sandbox.call<PaymentIntent & ErrorAnswer>(`/sandbox/payment-intents/${intent.id}/confirm?expand[]=payment_group`, {
      body: { client_secret: intent.client_secret, ...body },
    });

  it('creates an intent for an OPEN session with the publishable key', async () => {
    const session = await openSession();
    const answer = await createIntent({
      amount: session.amount_total,
      checkoutSessionId: session.id,
      customerEmail: 'marie@example.com',
      metadata: { cartId: 'c-1' },
    });
    assert.equal(answer.status, 201);
    const intent = answer.body;
    assert.match(intent.id, /^pi_[0-9a-f]{14}$/);
    assert.match(intent.client_secret ?? '', new RegExp(`^${intent.id}_secret_[0-9a-f]+$`));
    assert.equal(intent.status, 'REQUIRES_PAYMENT_METHOD');
    assert.equal(intent.currency, 'EUR');
    assert.equal(intent.customer_email, 'marie@example.com');
    assert.equal(intent.checkout_session_id, session.id);
    assert.equal(intent.payment_group_id, null);
    assert.equal(intent.livemode, false);
    const read = await sandbox.call<PaymentIntent>(`/payment-intents/${intent.id}`);
    assert.equal(read.body.id, intent.id);
  });

  it('refuses an amount that is not the session total, and a session that cannot be paid', async () => {
    const session = await openSession();
    const wrong = await createIntent({ amount: 1, checkout_session_id: session.id });
    assert.equal(wrong.status, 400);
    assert.ok(Array.isArray(wrong.body.error.message));
    const missing = await createIntent({ checkout_session_id: session.id });
    assert.equal(missing.status, 400);
    const expired = await createIntent({ amount: 4500, checkout_session_id: 'cs_5eed00000000e1' });
    assert.equal(expired.status, 400);
    assert.equal(expired.body.error.code, 'WRONG_STATUS');
    const completed = await createIntent({ amount: 4980, checkout_session_id: 'cs_5eed00000000c1' });
    assert.equal(completed.body.error.code, 'WRONG_STATUS');
    const unknown = await createIntent({ amount: 100, checkout_session_id: 'cs_ffffffffffffff' });
    assert.equal(unknown.status, 404);
  });

  it('replays the same intent for a repeated Idempotency-Key and refuses the key with another body', async () => {
    const session = await openSession();
    const body = { amount: session.amount_total, checkoutSessionId: session.id, customerEmail: 'idem@example.com' };
    const headers = { 'idempotency-key': `key-${session.id}` };
    const [first, second] = await Promise.all([createIntent(body, headers), createIntent(body, headers)]);
    assert.equal(first.status, 201);
    assert.equal(second.status, 201);
    assert.equal(second.body.id, first.body.id);
    // The same request spelt in snake_case is still the same request.
    const snake = await createIntent(
      { amount: session.amount_total, checkout_session_id: session.id, customer_email: 'idem@example.com' },
      headers,
    );
    assert.equal(snake.body.id, first.body.id);
    assert.equal(snake.headers.get('idempotent-replayed'), 'true');
    const other = await createIntent({ ...body, customerEmail: 'someone-else@example.com' }, headers);
    assert.equal(other.status, 400);
    assert.equal(other.body.error.code, 'IDEMPOTENCY_KEY_REUSED');
    const withoutKey = await createIntent(body);
    assert.notEqual(withoutKey.body.id, first.body.id);
  });

  it('settles a successful card: intent SUCCEEDED, session COMPLETED, a new group for the payer', async () => {
    const session = await openSession();
    const { body: intent } = await createIntent({
      amount: session.amount_total,
      checkoutSessionId: session.id,
      customerEmail: 'creator@example.com',
    });
    const answer = await confirm(intent, { card_number: '4242 4242 4242 4242' });
    assert.equal(answer.status, 200);
    assert.equal(answer.body.status, 'SUCCEEDED');
    assert.equal(answer.body.amount_captured, session.amount_total);
    assert.equal(answer.body.client_secret, intent.client_secret);
    const group = answer.body.payment_group as PaymentGroup;
    assert.match(group.id, /^pg_[0-9a-f]{14}$/);
    assert.match(group.share_id, /^KHT-test-[0-9A-F]{8}$/);
    assert.equal(group.status, 'OPEN');
    assert.equal(group.creator_email, 'creator@example.com');
    assert.equal(Date.parse(group.expires_at) - Date.parse(group.created_at), 10 * 60_000);
    assert.equal(Date.parse(group.mid_expire_at ?? '') - Date.parse(group.created_at), 5 * 60_000);

    const read = await sandbox.call<CheckoutSession>(
      `/checkout-sessions/${session.id}?expand[]=payment_intent&expand[]=payment_group`,
    );
    assert.equal(read.body.status, 'COMPLETED');
    assert.ok(read.body.completed_at);
    assert.equal(read.body.customer_email, 'creator@example.com');
    assert.equal(read.body.payment_intent?.id, intent.id);
    assert.equal(read.body.payment_group_share_id, group.share_id);
    assert.equal(read.body.payment_group?.id, group.id);

    const withCreator = await sandbox.call<PaymentGroup>(`/payment-groups/${group.share_id}?expand[]=customer`);
    assert.deepEqual(withCreator.body.customer, { first_name: 'Marie', last_name: 'Durand' });
  });

  it('confirms idempotently: a second confirmation changes nothing', async () => {
    const session = await openSession();
    const { body: intent } = await createIntent({ amount: session.amount_total, checkoutSessionId: session.id });
    const first = await confirm(intent, { card_number: '4242424242424242' });
    const groupsBefore = sandbox.db.groups.size;
    const second = await confirm(intent, { card_number: '4242424242424242' });
    assert.equal(second.status, 200);
    assert.equal(second.body.status, 'SUCCEEDED');
    assert.equal(second.body.payment_group_id, first.body.payment_group_id);
    assert.equal(sandbox.db.groups.size, groupsBefore);
  });

  it('declines card 4000000000000002 with 402 card_declined and lets the customer retry', async () => {
    const session = await openSession();
    const { body: intent } = await createIntent({ amount: session.amount_total, checkoutSessionId: session.id });
    const declined = await confirm(intent, { card_number: '4000 0000 0000 0002' });
    assert.equal(declined.status, 402);
    assert.equal(declined.body.error.code, 'card_declined');
    assert.equal(declined.body.error.type, 'invalid_request_error');
    const after = await sandbox.call<PaymentIntent>(`/payment-intents/${intent.id}`);
    assert.equal(after.body.status, 'REQUIRES_PAYMENT_METHOD');
    const retry = await confirm(intent, { card_number: '4242424242424242' });
    assert.equal(retry.body.status, 'SUCCEEDED');
  });

  it('picks the outcome from the e-mail when no card is given', async () => {
    const session = await openSession();
    const { body: intent } = await createIntent({
      amount: session.amount_total,
      checkoutSessionId: session.id,
      customerEmail: 'marie+decline@example.com',
    });
    const declined = await confirm(intent);
    assert.equal(declined.status, 402);
    assert.equal(declined.body.error.code, 'card_declined');
  });

  it('keeps a slow card PROCESSING, then succeeds on its own', async () => {
    const session = await openSession();
    const { body: intent } = await createIntent({ amount: session.amount_total, checkoutSessionId: session.id });
    const processing = await confirm(intent, { card_number: '4000000000000077' });
    assert.equal(processing.status, 200);
    assert.equal(processing.body.status, 'PROCESSING');
    const again = await confirm(intent, { card_number: '4000000000000077' });
    assert.equal(again.body.status, 'PROCESSING');
    await sleep(300);
    const settled = await sandbox.call<PaymentIntent>(`/payment-intents/${intent.id}`);
    assert.equal(settled.body.status, 'SUCCEEDED');
    assert.ok(settled.body.payment_group_id);
    const read = await sandbox.call<CheckoutSession>(`/checkout-sessions/${session.id}`);
    assert.equal(read.body.status, 'COMPLETED');
  });

  it('settles a slow e-mail lazily once the sandbox clock has moved', async () => {
    const slow = await startTestSandbox({ slowConfirmMs: 60_000 });
    try {
      const created = await slow.call<CheckoutSession>('/checkout-sessions', {
        key: slow.keys.secretTest,
        body: newSessionBody(),
      });
      const { body: intent } = await slow.call<PaymentIntent>('/payment-intents', {
        body: { amount: created.body.amount_total, checkoutSessionId: created.body.id, customerEmail: 'x+slow@example.com' },
      });
      const confirmed = await slow.call<PaymentIntent>(`/sandbox/payment-intents/${intent.id}/confirm`, {
        body: { clientSecret: intent.client_secret },
      });
      assert.equal(confirmed.body.status, 'PROCESSING');
      slow.advance(60_000);
      assert.equal((await slow.call<PaymentIntent>(`/payment-intents/${intent.id}`)).body.status, 'SUCCEEDED');
    } finally {
      await slow.close();
    }
  });

  it('refuses a wrong client secret and a session that is no longer OPEN', async () => {
    const session = await openSession();
    const { body: intent } = await createIntent({ amount: session.amount_total, checkoutSessionId: session.id });
    const wrong = await sandbox.call<ErrorAnswer>(`/sandbox/payment-intents/${intent.id}/confirm`, {
      body: { client_secret: `${intent.id}_secret_nope` },
    });
    assert.equal(wrong.status, 400);
    await sandbox.call(`/checkout-sessions/${session.id}/expire`, { method: 'PATCH', key: sandbox.keys.secretTest });
    const late = await confirm(intent);
    assert.equal(late.status, 400);
    assert.equal(late.body.error.code, 'WRONG_STATUS');
  });

  it('joins the group named by a code, with the same refusals as validate', async () => {
    const session = await openSession();
    const refused = await createIntent({
      amount: session.amount_total,
      checkoutSessionId: session.id,
      customerEmail: 'ami@kohort.test',
      paymentGroupId: 'KHT-test-5EED0007',
    });
    assert.equal(refused.status, 400);
    assert.equal(refused.body.error.code, 'EMAIL_ALREADY_USED');
    const unknown = await createIntent({
      amount: session.amount_total,
      checkoutSessionId: session.id,
      paymentGroupId: 'KHT-test-00000000',
    });
    assert.equal(unknown.status, 404);
    assert.equal(unknown.body.error.code, 'NOT_FOUND');

    const { body: intent } = await createIntent({
      amount: session.amount_total,
      checkoutSessionId: session.id,
      customerEmail: 'friend@example.com',
      paymentGroupId: ` ${OPEN_GROUP.toLowerCase()} `,
    });
    assert.equal(intent.payment_group_id, 'pg_5eed0000000001');
    const paid = await confirm(intent);
    assert.equal(paid.body.status, 'SUCCEEDED');
    assert.equal(paid.body.payment_group?.share_id, OPEN_GROUP);
    const group = await sandbox.call<PaymentGroup>(`/payment-groups/${OPEN_GROUP}?expand[]=payment_intents.customer`);
    const people = group.body.payment_intents ?? [];
    assert.equal(people.length, 4);
    const friend = people.find((p) => p.id === intent.id) as PaymentIntent & { customer: unknown };
    assert.deepEqual(friend.customer, { first_name: 'Marie', last_name: 'Durand' });
    assert.equal(friend.customer_email, 'f***@example.com', 'publishable keys see masked e-mails');
    assert.equal(friend.client_secret, undefined);
    const session2 = await sandbox.call<CheckoutSession>(`/checkout-sessions/${session.id}`);
    assert.equal(session2.body.payment_group_share_id, OPEN_GROUP);
  });
});
