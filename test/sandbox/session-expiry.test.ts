import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { CheckoutSession, PaymentIntent } from '../../src/api/types.ts';
import { TEST_CARDS } from '../../sandbox/test-provider.ts';
import { MINUTE, confirmPayment, createIntent, createSession, newOpenSession, startTestSandbox, type ErrorAnswer, type TestSandbox } from './helpers.ts';

const HOUR = 60 * MINUTE;

/**
 * A session never expires under a payment that is going through: time-based expiry waits for
 * the outcome, `PATCH …/expire` is refused, and a capture never lands on a session that is not OPEN.
 */
describe('sandbox: a session does not expire while its payment is under way', () => {
  let sandbox: TestSandbox;
  before(async () => {
    // The slow card stays PROCESSING for two hours of sandbox time, longer than a session may last.
    sandbox = await startTestSandbox({ slowConfirmMs: 2 * HOUR });
  });
  after(() => sandbox.close());

  /** An OPEN session that expires in 30 minutes (the shortest lifetime allowed), with an intent. */
  async function sessionWithIntent(): Promise<{ session: CheckoutSession; intent: PaymentIntent }> {
    const session = await newOpenSession(sandbox, {
      customerEmail: `payer-${Math.random().toString(16).slice(2, 10)}@example.com`,
      expiresAt: new Date(sandbox.db.now() + 30 * MINUTE).toISOString(),
    });
    const intent = await createIntent(sandbox, session);
    assert.equal(intent.status, 201);
    return { session, intent: intent.body };
  }

  const confirmSlowly = (intent: PaymentIntent) => confirmPayment(sandbox, intent, { card_number: TEST_CARDS.slow });
  const readSession = (id: string) =>
    sandbox.call<CheckoutSession>(`/checkout-sessions/${id}?expand[]=payment_intent`, { key: sandbox.keys.secretTest });
  const expire = (id: string) =>
    sandbox.call<CheckoutSession & ErrorAnswer>(`/checkout-sessions/${id}/expire`, {
      method: 'PATCH',
      key: sandbox.keys.secretTest,
    });

  it('keeps a session OPEN past expires_at while its payment is processing, then completes it', async () => {
    const { session, intent } = await sessionWithIntent();
    assert.equal((await confirmSlowly(intent)).body.status, 'PROCESSING');

    sandbox.advance(31 * MINUTE);
    const waiting = await readSession(session.id);
    assert.equal(waiting.body.status, 'OPEN', 'expiry waits for the payment');
    assert.equal(waiting.body.payment_intent?.status, 'PROCESSING');

    sandbox.advance(2 * HOUR);
    const paid = await readSession(session.id);
    assert.equal(paid.body.status, 'COMPLETED');
    assert.equal(paid.body.payment_intent?.status, 'SUCCEEDED');
    assert.equal(paid.body.payment_intent?.amount_captured, session.amount_total);
  });

  it('refuses PATCH …/expire with WRONG_STATUS while a payment is under way', async () => {
    const { session, intent } = await sessionWithIntent();
    await confirmSlowly(intent);

    const refused = await expire(session.id);
    assert.equal(refused.status, 400);
    assert.equal(refused.body.error.code, 'WRONG_STATUS');
    assert.match(String(refused.body.error.message), /payment .* is under way/);
    assert.equal((await readSession(session.id)).body.status, 'OPEN');

    sandbox.advance(2 * HOUR);
    const paid = await readSession(session.id);
    assert.equal(paid.body.status, 'COMPLETED', 'the payment went through: the session was never expired');
    assert.equal(paid.body.payment_intent?.status, 'SUCCEEDED');
  });

  it('expires the session at the next tick once its payment under way fails', async () => {
    const { session, intent } = await sessionWithIntent();
    // A payment authorised but not yet captured (manual capture): under way too.
    const record = sandbox.db.intents.get(intent.id);
    assert.ok(record, 'the session is stored');
    record.status = 'REQUIRES_CAPTURE';

    assert.equal((await expire(session.id)).body.error.code, 'WRONG_STATUS');
    sandbox.advance(31 * MINUTE);
    assert.equal((await readSession(session.id)).body.status, 'OPEN', 'held open by the authorised payment');

    const canceledAt = sandbox.db.now();
    const canceled = await sandbox.call<PaymentIntent>(`/payment-intents/${intent.id}/cancel`, {
      key: sandbox.keys.secretTest,
      body: {},
    });
    assert.equal(canceled.body.status, 'CANCELED');
    sandbox.advance(MINUTE);
    const expired = await readSession(session.id);
    assert.equal(expired.body.status, 'EXPIRED', 'expires_at is past and nothing holds the session any more');
    assert.equal(sandbox.db.sessions.get(session.id)?.ended_at, canceledAt, 'it ended when the payment holding it open was canceled');
  });

  it('lets PATCH …/expire through once the payment under way has failed', async () => {
    const { session, intent } = await sessionWithIntent();
    const record = sandbox.db.intents.get(intent.id);
    assert.ok(record, 'the session is stored');
    record.status = 'REQUIRES_CAPTURE';
    assert.equal((await expire(session.id)).status, 400);
    await sandbox.call(`/payment-intents/${intent.id}/cancel`, { key: sandbox.keys.secretTest, body: {} });
    const expired = await expire(session.id);
    assert.equal(expired.status, 200);
    assert.equal(expired.body.status, 'EXPIRED');
  });

  it('keeps a session OPEN past expires_at while its payment is processing, then expires it when that payment is declined', async () => {
    const { session, intent } = await sessionWithIntent();
    assert.equal((await confirmPayment(sandbox, intent, { card_number: TEST_CARDS.slowDeclined })).body.status, 'PROCESSING');
    const declinedAt = sandbox.db.now() + 2 * HOUR;
    sandbox.advance(31 * MINUTE);
    assert.equal((await readSession(session.id)).body.status, 'OPEN', 'held open by the payment');

    sandbox.advance(3 * HOUR);
    const expired = await readSession(session.id);
    assert.equal(expired.body.status, 'EXPIRED');
    assert.equal(expired.body.payment_intent?.status, 'REQUIRES_PAYMENT_METHOD');
    assert.equal(expired.body.payment_intent?.amount_captured, null);
    assert.equal(sandbox.db.sessions.get(session.id)?.ended_at, declinedAt, 'it ended when the payment holding it was declined');
  });

  it('cancels, never captures, a payment that settles for a session that is no longer OPEN', async () => {
    const { session, intent } = await sessionWithIntent();
    await confirmSlowly(intent);
    // However the session got there, a late settlement must not charge it.
    const sessionRecord = sandbox.db.sessions.get(session.id);
    assert.ok(sessionRecord, 'the session is stored');
    sessionRecord.status = 'EXPIRED';

    sandbox.advance(2 * HOUR);
    const after = await readSession(session.id);
    assert.equal(after.body.status, 'EXPIRED');
    assert.equal(after.body.completed_at, null);
    assert.equal(after.body.payment_intent?.status, 'CANCELED');
    assert.equal(after.body.payment_intent?.amount_captured, null);
    assert.equal(after.body.payment_intent?.payment_group_id, null, 'no group joined or created');
  });
});

describe('sandbox: each session and group changes at its own deadline', () => {
  let sandbox: TestSandbox;
  before(async () => {
    sandbox = await startTestSandbox({ testGroupMinutes: 45 });
  });
  after(() => sandbox.close());

  const createExpiringIn = async (ms: number) =>
    (await createSession(sandbox, { expiresAt: new Date(sandbox.db.now() + ms).toISOString() })).body;
  const status = async (path: string, key = sandbox.keys.secretTest) =>
    (await sandbox.call<{ status: string }>(path, { key })).body.status;

  it('expires sessions in the order of their expires_at, not of their creation, and ends a group on time', async () => {
    const late = await createExpiringIn(2 * HOUR);
    const soon = await createExpiringIn(30 * MINUTE);
    const payer = await createExpiringIn(3 * HOUR);
    const intent = await createIntent(sandbox, payer);
    const paid = await confirmPayment(sandbox, intent.body, { customer_email: 'alone@example.com' });
    const group = `/payment-groups/${paid.body.payment_group_id}`;

    sandbox.advance(31 * MINUTE);
    assert.equal(await status(`/checkout-sessions/${soon.id}`), 'EXPIRED');
    assert.equal(await status(`/checkout-sessions/${late.id}`), 'OPEN');
    assert.equal(await status(group), 'OPEN');

    sandbox.advance(15 * MINUTE);
    assert.equal(await status(group), 'EXPIRED', 'alone when its 45 minutes ran out');
    assert.equal(await status(`/checkout-sessions/${late.id}`), 'OPEN');

    sandbox.advance(75 * MINUTE);
    assert.equal(await status(`/checkout-sessions/${late.id}`), 'EXPIRED');
    assert.equal(await status(`/checkout-sessions/${payer.id}`), 'COMPLETED');
  });
});

describe('sandbox: a payment declined after processing (a bank debit that bounces)', () => {
  let sandbox: TestSandbox;
  before(async () => {
    sandbox = await startTestSandbox({ slowConfirmMs: MINUTE });
  });
  after(() => sandbox.close());

  const readSession = (id: string) =>
    sandbox.call<CheckoutSession>(`/checkout-sessions/${id}?expand[]=payment_intent`, { key: sandbox.keys.secretTest });

  for (const [how, confirmation] of [
    ['card 4000 0000 0000 0085', { card_number: TEST_CARDS.slowDeclined, customer_email: 'payer@example.com' }],
    ['an e-mail with +slowdecline@', { customer_email: 'payer+slowdecline@example.com' }],
  ] as const) {
    it(`processes, then declines, by ${how}: nothing captured, the session stays OPEN and can be paid again`, async () => {
      const session = await newOpenSession(sandbox);
      const first = (await createIntent(sandbox, session)).body;
      assert.equal((await confirmPayment<PaymentIntent>(sandbox, first, confirmation)).body.status, 'PROCESSING');
      assert.equal((await createIntent(sandbox, session)).status, 400, 'no second payment while the first is processing');

      sandbox.advance(MINUTE);
      const declined = await readSession(session.id);
      assert.equal(declined.body.status, 'OPEN');
      assert.equal(declined.body.payment_intent?.id, first.id);
      assert.equal(declined.body.payment_intent?.status, 'REQUIRES_PAYMENT_METHOD');
      assert.equal(declined.body.payment_intent?.amount_captured, null);
      assert.equal(declined.body.payment_intent?.payment_group_id, null, 'no group joined or created');

      const second = await createIntent(sandbox, session);
      assert.equal(second.status, 201);
      const paid = await confirmPayment<PaymentIntent>(sandbox, second.body, { card_number: TEST_CARDS.succeeds, customer_email: 'payer@example.com' });
      assert.equal(paid.body.status, 'SUCCEEDED');
      const completed = await readSession(session.id);
      assert.equal(completed.body.status, 'COMPLETED');
      assert.equal(completed.body.payment_intent?.id, second.body.id);
    });
  }

  it('declines on its own timer, with no request and no clock move in between', async () => {
    const quick = await startTestSandbox({ slowConfirmMs: 50 });
    try {
      const session = await newOpenSession(quick);
      const intent = (await createIntent(quick, session)).body;
      await confirmPayment(quick, intent, { card_number: TEST_CARDS.slowDeclined, customer_email: 'payer@example.com' });
      await new Promise((resolve) => setTimeout(resolve, 150));
      assert.equal(quick.db.intents.get(intent.id)?.status, 'REQUIRES_PAYMENT_METHOD');
    } finally {
      await quick.close();
    }
  });
});
