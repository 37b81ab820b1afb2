import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import type { CheckoutSession, PaymentGroup, PaymentIntent } from '../../src/api/types.ts';
import {
  MINUTE,
  confirmPayment,
  createIntent,
  createSession,
  newOpenSession,
  startTestSandbox,
  type Answered,
  type ErrorAnswer,
  type TestSandbox,
} from './helpers.ts';

const OPEN_GROUP = 'KHT-test-5EED0001';

describe('sandbox: payment intents and the test card processor', () => {
  let sandbox: TestSandbox;
  before(async () => {
    // Slow cards settle when a test moves the clock, never because the machine was slow between two calls.
    sandbox = await startTestSandbox({ slowConfirmMs: MINUTE });
  });
  after(() => sandbox.close());

  /** A fresh OPEN session, so each test pays its own cart. */
  const openSession = (overrides: Record<string, unknown> = {}) =>
    newOpenSession(sandbox, { customerFirstName: 'Marie', customerLastName: 'Durand', ...overrides });

  /** `POST /payment-intents` with the body and headers exactly as given. */
  const postIntent = (body: Record<string, unknown>, headers: Record<string, string> = {}) =>
    sandbox.call<Answered<PaymentIntent>>('/payment-intents', { body, headers });

  const confirm = (intent: PaymentIntent, body: Record<string, unknown> = {}) =>
    confirmPayment<Answered<PaymentIntent>>(sandbox, intent, body, ['payment_group']);

  it('creates an intent for an OPEN session with the publishable key', async () => {
    const session = await openSession({ customerEmail: 'marie@example.com', clientReferenceId: 'order-1' });
    const answer = await postIntent({
      amount: session.amount_total,
      checkoutSessionId: session.id,
      metadata: { cartId: 'c-1' },
    });
    assert.equal(answer.status, 201);
    const intent = answer.body;
    assert.match(intent.id, /^pi_[0-9a-f]{14}$/);
    assert.match(intent.client_secret ?? '', new RegExp(`^${intent.id}_secret_[0-9a-f]+$`));
    assert.equal(intent.status, 'REQUIRES_PAYMENT_METHOD');
    assert.equal(intent.currency, 'EUR');
    assert.equal(intent.customer_email, 'marie@example.com', 'the e-mail comes from the session');
    assert.equal(intent.client_reference_id, 'order-1');
    assert.equal(intent.checkout_session_id, session.id);
    assert.equal(intent.payment_group_id, null);
    assert.equal(intent.livemode, false);
    const read = await sandbox.call<PaymentIntent>(`/payment-intents/${intent.id}`);
    assert.equal(read.body.id, intent.id);
  });

  it('refuses an amount that is not the session total, and a session that cannot be paid', async () => {
    const session = await openSession();
    const wrong = await postIntent({ amount: 1, checkout_session_id: session.id });
    assert.equal(wrong.status, 400);
    assert.ok(Array.isArray(wrong.body.error.message), 'a list of messages');
    const missing = await postIntent({ checkout_session_id: session.id });
    assert.equal(missing.status, 400);
    const expired = await postIntent({ amount: 4500, checkout_session_id: 'cs_5eed00000000e1' });
    assert.equal(expired.status, 400);
    assert.equal(expired.body.error.code, 'WRONG_STATUS');
    const completed = await postIntent({ amount: 4980, checkout_session_id: 'cs_5eed00000000c1' });
    assert.equal(completed.body.error.code, 'WRONG_STATUS');
    const unknown = await postIntent({ amount: 100, checkout_session_id: 'cs_ffffffffffffff' });
    assert.equal(unknown.status, 404);
  });

  it('replays the same intent for a repeated Idempotency-Key and refuses the key with another body', async () => {
    const session = await openSession();
    const body = { amount: session.amount_total, checkoutSessionId: session.id, metadata: { cartId: 'idem' } };
    const headers = { 'idempotency-key': `key-${session.id}` };
    const [first, second] = await Promise.all([postIntent(body, headers), postIntent(body, headers)]);
    assert.equal(first.status, 201);
    assert.equal(second.status, 201);
    assert.equal(second.body.id, first.body.id);
    // The same request spelt in snake_case is still the same request.
    const snake = await postIntent(
      { amount: session.amount_total, checkout_session_id: session.id, metadata: { cartId: 'idem' } },
      headers,
    );
    assert.equal(snake.body.id, first.body.id);
    assert.equal(snake.headers.get('idempotent-replayed'), 'true');
    const other = await postIntent({ ...body, metadata: { cartId: 'another' } }, headers);
    assert.equal(other.status, 400);
    assert.equal(other.body.error.code, 'IDEMPOTENCY_KEY_REUSED');
    const withoutKey = await postIntent(body);
    assert.notEqual(withoutKey.body.id, first.body.id);
  });

  it('settles a successful card: intent SUCCEEDED, session COMPLETED, a new group for the payer', async () => {
    const session = await openSession();
    const { body: intent } = await createIntent(sandbox, session);
    const answer = await confirm(intent, { card_number: '4242 4242 4242 4242', customer_email: 'creator@example.com' });
    assert.equal(answer.status, 200);
    assert.equal(answer.body.status, 'SUCCEEDED');
    assert.equal(answer.body.amount_captured, session.amount_total);
    assert.equal(answer.body.customer_email, 'creator@example.com');
    const group = answer.body.payment_group as PaymentGroup;
    assert.match(group.id, /^pg_[0-9a-f]{14}$/);
    assert.match(group.share_id, /^KHT-test-[0-9A-F]{8}$/);
    assert.equal(group.status, 'OPEN');
    assert.equal(group.creator_email, 'c***@example.com', 'masked for the publishable key');
    assert.equal(Date.parse(group.expires_at) - Date.parse(group.created_at), 10 * 60_000);
    assert.equal(Date.parse(group.mid_expire_at ?? '') - Date.parse(group.created_at), 5 * 60_000);

    const read = await sandbox.call<CheckoutSession>(
      `/checkout-sessions/${session.id}?expand[]=payment_intent&expand[]=payment_group`,
    );
    assert.equal(read.body.status, 'COMPLETED');
    assert.ok(read.body.completed_at, 'a succeeded intent is dated');
    assert.equal(read.body.customer_email, 'creator@example.com');
    assert.equal(read.body.payment_intent?.id, intent.id);
    assert.equal(read.body.payment_group_share_id, group.share_id);
    assert.equal(read.body.payment_group?.id, group.id);

    const withCreator = await sandbox.call<PaymentGroup>(`/payment-groups/${group.share_id}?expand[]=customer`);
    assert.deepEqual(withCreator.body.customer, { first_name: 'Marie', last_name: 'Durand' });
  });

  it('confirms idempotently: a second confirmation changes nothing', async () => {
    const session = await openSession({ customerEmail: 'payer@example.com' });
    const { body: intent } = await createIntent(sandbox, session);
    const first = await confirm(intent, { card_number: '4242424242424242' });
    const groupsBefore = sandbox.db.groups.size;
    const second = await confirm(intent, { card_number: '4242424242424242' });
    assert.equal(second.status, 200);
    assert.equal(second.body.status, 'SUCCEEDED');
    assert.equal(second.body.payment_group_id, first.body.payment_group_id);
    assert.equal(sandbox.db.groups.size, groupsBefore);
  });

  it('declines card 4000000000000002 with 402 card_declined and lets the customer retry', async () => {
    const session = await openSession({ customerEmail: 'payer@example.com' });
    const { body: intent } = await createIntent(sandbox, session);
    const declined = await confirm(intent, { card_number: '4000 0000 0000 0002' });
    assert.equal(declined.status, 402);
    assert.equal(declined.body.error.code, 'card_declined');
    assert.equal(declined.body.error.type, 'invalid_request_error');
    const after = await sandbox.call<PaymentIntent>(`/payment-intents/${intent.id}`);
    assert.equal(after.body.status, 'REQUIRES_PAYMENT_METHOD');
    const retry = await confirm(intent, { card_number: '4242424242424242' });
    assert.equal(retry.body.status, 'SUCCEEDED');
  });

  it('refuses to confirm a payment with no e-mail from the session or the confirmation, charging nothing', async () => {
    const session = await openSession();
    const { body: intent } = await createIntent(sandbox, session);
    const groupsBefore = sandbox.db.groups.size;
    const refused = await confirm(intent, { card_number: '4242424242424242' });
    assert.equal(refused.status, 400);
    assert.equal(refused.body.error.type, 'invalid_request_error');
    assert.equal(refused.body.error.code, 'Bad Request');
    assert.deepEqual(refused.body.error.message, [
      'customer_email is required: the checkout session has none, so the confirmation must give it',
    ]);
    assert.equal(sandbox.db.groups.size, groupsBefore, 'no group without a creator e-mail');
    const after = await sandbox.call<PaymentIntent>(`/payment-intents/${intent.id}`);
    assert.equal(after.body.status, 'REQUIRES_PAYMENT_METHOD');
    assert.equal((await sandbox.call<CheckoutSession>(`/checkout-sessions/${session.id}`)).body.status, 'OPEN');

    // Given at the confirmation, the e-mail makes a valid payment and a group whose creator_email is that address.
    const paid = await confirm(intent, { card_number: '4242424242424242', customer_email: 'late@example.com' });
    assert.equal(paid.body.status, 'SUCCEEDED');
    const group = await sandbox.call<PaymentGroup>(`/payment-groups/${paid.body.payment_group_id}`, { key: sandbox.keys.secretTest });
    assert.equal(group.body.creator_email, 'late@example.com');
  });

  it('takes any well-formed card number that passes the checksum, and refuses a mistyped or short one', async () => {
    const session = await openSession({ customerEmail: 'payer@example.com' });
    const { body: intent } = await createIntent(sandbox, session);
    for (const card of ['4242 4242 4242 4241', '0000', '0']) {
      const refused = await confirm(intent, { card_number: card });
      assert.equal(refused.status, 402, card);
      assert.equal(refused.body.error.code, 'incorrect_number', card);
    }
    assert.equal((await sandbox.call<CheckoutSession>(`/checkout-sessions/${session.id}`)).body.status, 'OPEN');
    // Mastercard's usual test number: not one of the sandbox's own cards, so only the checksum says it is valid.
    const paid = await confirm(intent, { card_number: '5555 5555 5555 4444' });
    assert.equal(paid.status, 200);
    assert.equal(paid.body.status, 'SUCCEEDED');
  });

  it('picks the outcome from the e-mail when no card is given', async () => {
    const session = await openSession();
    const { body: intent } = await createIntent(sandbox, session);
    const declined = await confirm(intent, { customer_email: 'marie+decline@example.com' });
    assert.equal(declined.status, 402);
    assert.equal(declined.body.error.code, 'card_declined');
  });

  it('keeps a slow card PROCESSING, then succeeds once its time has passed', async () => {
    const session = await openSession({ customerEmail: 'payer@example.com' });
    const { body: intent } = await createIntent(sandbox, session);
    const processing = await confirm(intent, { card_number: '4000000000000077' });
    assert.equal(processing.status, 200);
    assert.equal(processing.body.status, 'PROCESSING');
    const again = await confirm(intent, { card_number: '4000000000000077' });
    assert.equal(again.body.status, 'PROCESSING');
    // Confirmed again with a card that would succeed at once: the payment under way is answered as it is.
    const otherCard = await confirm(intent, { card_number: '4242424242424242' });
    assert.equal(otherCard.status, 200);
    assert.equal(otherCard.body.status, 'PROCESSING');
    assert.equal((await sandbox.call<CheckoutSession>(`/checkout-sessions/${session.id}`)).body.status, 'OPEN');
    sandbox.advance(MINUTE);
    const settled = await sandbox.call<PaymentIntent>(`/payment-intents/${intent.id}`);
    assert.equal(settled.body.status, 'SUCCEEDED');
    assert.ok(settled.body.payment_group_id, 'the settled intent joined a group');
    const read = await sandbox.call<CheckoutSession>(`/checkout-sessions/${session.id}`);
    assert.equal(read.body.status, 'COMPLETED');
  });

  it('settles a slow card on its own timer, with no request and no clock move in between', async () => {
    const quick = await startTestSandbox({ slowConfirmMs: 50 });
    try {
      const { body: session } = await createSession(quick, { customerEmail: 'payer@example.com' });
      const { body: intent } = await createIntent(quick, session);
      const processing = await confirmPayment(quick, intent, { card_number: '4000000000000077' });
      assert.equal(processing.body.status, 'PROCESSING');
      await sleep(300);
      assert.equal((await quick.call<PaymentIntent>(`/payment-intents/${intent.id}`)).body.status, 'SUCCEEDED');
    } finally {
      await quick.close();
    }
  });

  it('settles a slow e-mail lazily once the sandbox clock has moved', async () => {
    const slow = await startTestSandbox({ slowConfirmMs: 60_000 });
    try {
      const created = await createSession(slow);
      const { body: intent } = await createIntent(slow, created.body);
      const confirmed = await slow.call<PaymentIntent>(`/sandbox/payment-intents/${intent.id}/confirm`, {
        body: { clientSecret: intent.client_secret, customerEmail: 'x+slow@example.com' },
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
    const { body: intent } = await createIntent(sandbox, session);
    const wrong = await sandbox.call<ErrorAnswer>(`/sandbox/payment-intents/${intent.id}/confirm`, {
      body: { client_secret: `${intent.id}_secret_nope`, card_number: '4242424242424242', customer_email: 'payer@example.com' },
    });
    assert.equal(wrong.status, 400);
    assert.deepEqual(wrong.body.error.message, ['client_secret does not match this payment intent']);
    assert.equal((await sandbox.call<PaymentIntent>(`/payment-intents/${intent.id}`)).body.status, 'REQUIRES_PAYMENT_METHOD');
    await sandbox.call(`/checkout-sessions/${session.id}/expire`, { method: 'PATCH', key: sandbox.keys.secretTest });
    const late = await confirm(intent);
    assert.equal(late.status, 400);
    assert.equal(late.body.error.code, 'WRONG_STATUS');
  });

  it('joins the group named by a code, with the same refusals as validate', async () => {
    const known = await openSession({ customerEmail: 'ami@kohort.test' });
    const refused = await createIntent(sandbox, known, 'KHT-test-5EED0007');
    assert.equal(refused.status, 400);
    assert.equal(refused.body.error.code, 'EMAIL_ALREADY_USED', "the session's e-mail is checked at creation");
    const session = await openSession();
    const unknown = await createIntent(sandbox, session, 'KHT-test-00000000');
    assert.equal(unknown.status, 404);
    assert.equal(unknown.body.error.code, 'NOT_FOUND');

    const { body: intent } = await createIntent(sandbox, session, ` ${OPEN_GROUP.toLowerCase()} `);
    assert.equal(intent.payment_group_id, 'pg_5eed0000000001');
    const paid = await confirm(intent, { customer_email: 'friend@example.com' });
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
  const readIntent = (id: string, key = sandbox.keys.secretTest) =>
    sandbox.call<PaymentIntent>(`/payment-intents/${id}`, { key });
  const readSession = (id: string, key = sandbox.keys.publishableTest) =>
    sandbox.call<CheckoutSession>(`/checkout-sessions/${id}?expand[]=payment_intent`, { key });

  it('charges a session once: no other intent is created or confirmed while a payment is under way', async () => {
    const session = await openSession();
    const body = { amount: session.amount_total, checkoutSessionId: session.id };
    const headers = { 'idempotency-key': `once-${session.id}` };
    const { body: first } = await postIntent(body, headers);
    const { body: second } = await postIntent(body);
    const slow = await confirm(first, { customer_email: 'marie+slow@example.com' });
    assert.equal(slow.body.status, 'PROCESSING');
    const processing = await readSession(session.id);
    assert.equal(processing.body.payment_intent?.id, first.id, 'the session shows the processing intent');

    const third = await postIntent(body);
    assert.equal(third.status, 400);
    assert.equal(third.body.error.code, 'WRONG_STATUS');
    assert.match(String(third.body.error.message), new RegExp(`${session.id} is already under way`));
    const replay = await postIntent(body, headers);
    assert.equal(replay.status, 201, 'an earlier creation still replays');
    assert.equal(replay.body.id, first.id);
    assert.equal(replay.headers.get('idempotent-replayed'), 'true');
    const other = await confirm(second, { card_number: '4242424242424242' });
    assert.equal(other.status, 400);
    assert.equal(other.body.error.code, 'WRONG_STATUS');
    assert.equal((await confirm(first)).body.status, 'PROCESSING', 'the same intent is answered as it is');

    sandbox.advance(MINUTE);
    assert.equal((await readIntent(first.id)).body.status, 'SUCCEEDED');
    const untouched = await readIntent(second.id);
    assert.equal(untouched.body.status, 'REQUIRES_PAYMENT_METHOD');
    assert.equal(untouched.body.amount_captured, null);
    const paid = await readSession(session.id);
    assert.equal(paid.body.status, 'COMPLETED');
    assert.equal(paid.body.payment_intent?.id, first.id);
  });

  it('never captures an intent whose session another intent already paid', async () => {
    const slow = await startTestSandbox({ slowConfirmMs: MINUTE });
    try {
      const { body: session } = await createSession(slow);
      const { body: late } = await createIntent(slow, session);
      const { body: winner } = await createIntent(slow, session);
      await confirmPayment(slow, late, { customer_email: 'late+slow@example.com' });
      // The routes refuse this; the store must hold even when two settlements race.
      const winnerRecord = slow.db.intents.get(winner.id);
      assert.ok(winnerRecord, 'the winning intent is stored');
      slow.db.settle(winnerRecord);
      const groupsBefore = slow.db.groups.size;
      const completed = (await slow.call<CheckoutSession>(`/checkout-sessions/${session.id}`)).body;

      slow.advance(MINUTE);
      const canceled = await slow.call<PaymentIntent>(`/payment-intents/${late.id}`, { key: slow.keys.secretTest });
      assert.equal(canceled.body.status, 'CANCELED');
      assert.equal(canceled.body.amount_captured, null);
      assert.equal(canceled.body.payment_group_id, null);
      assert.equal(slow.db.groups.size, groupsBefore, 'no group for a payment that did not happen');
      const read = await slow.call<CheckoutSession>(`/checkout-sessions/${session.id}?expand[]=payment_intent`);
      assert.equal(read.body.payment_intent?.id, winner.id);
      assert.equal(read.body.payment_intent?.amount_captured, session.amount_total);
      assert.equal(read.body.updated_at, completed.updated_at, 'the session is untouched');
    } finally {
      await slow.close();
    }
  });

  it('refuses any property outside the contract body, naming it as sent', async () => {
    const session = await openSession();
    const intentsBefore = sandbox.db.intents.size;
    const answer = await postIntent({
      amount: session.amount_total,
      checkoutSessionId: session.id,
      customerEmail: 'marie@example.com',
      customer_first_name: 'Marie',
      clientReferenceId: 'order-9',
    });
    assert.equal(answer.status, 400);
    assert.equal(answer.body.error.code, 'Bad Request');
    assert.deepEqual(answer.body.error.message, [
      'property customerEmail should not exist',
      'property customer_first_name should not exist',
      'property clientReferenceId should not exist',
    ]);
    assert.equal(sandbox.db.intents.size, intentsBefore);
    const mixed = await postIntent({
      amount: session.amount_total,
      checkout_session_id: session.id,
      customerId: 'cus_1',
      metadata: { anything_goes: { deep: true } },
    });
    assert.equal(mixed.status, 201, 'every contract property, in either spelling');
  });

  it('refuses a body without checkoutSessionId as a validation error, not as an unknown session', async () => {
    const answer = await postIntent({ amount: 5490 });
    assert.equal(answer.status, 400);
    assert.equal(answer.body.error.code, 'Bad Request');
    assert.deepEqual(answer.body.error.message, ['checkout_session_id must be a checkout session id']);
  });

  it('refuses a body nested thousands deep with 400, storing nothing, so the session and the merchant’s lists stay readable', async () => {
    const session = await openSession();
    const intentsBefore = sandbox.db.intents.size;
    const nested = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
    const body = `{"amount":${session.amount_total},"checkoutSessionId":"${session.id}","metadata":${nested(5000)}}`;
    const deepList = `{"amount":${session.amount_total},"checkoutSessionId":"${session.id}","customerId":${'['.repeat(100_000)}${']'.repeat(100_000)}}`;
    for (const [text, headers] of [
      [body, {}],
      [body, { 'idempotency-key': 'deep-metadata' }],
      [deepList, {}],
    ] as const) {
      const answer = await sandbox.call<ErrorAnswer>('/payment-intents', { body: text, headers });
      assert.equal(answer.status, 400, JSON.stringify(answer.body));
      assert.deepEqual(answer.body.error.message, ['The request body is nested too deeply (more than 32 levels).']);
    }
    assert.equal(sandbox.db.intents.size, intentsBefore);
    assert.equal((await sandbox.call(`/checkout-sessions/${session.id}?expand[]=payment_intent`)).status, 200);
    assert.equal((await sandbox.call('/payment-intents', { key: sandbox.keys.secretTest })).status, 200);
    const ordinary = await postIntent({ amount: session.amount_total, checkoutSessionId: session.id, metadata: JSON.parse(nested(30)) });
    assert.equal(ordinary.status, 201, 'metadata nested as deep as a body may be');
  });

  it('refuses at confirm a group the confirmed e-mail may not join or that filled up, charging nothing', async () => {
    const session = await openSession();
    const { body: intent } = await createIntent(sandbox, session, 'KHT-test-5EED0007');
    assert.equal(intent.payment_group_id, 'pg_5eed0000000007');
    const used = await confirm(intent, { customer_email: 'AMI@kohort.test', card_number: '4242424242424242' });
    assert.equal(used.status, 400);
    assert.equal(used.body.error.code, 'EMAIL_ALREADY_USED');
    const after = await readIntent(intent.id);
    assert.equal(after.body.status, 'REQUIRES_PAYMENT_METHOD');
    assert.equal(after.body.amount_captured, null);
    assert.equal((await readSession(session.id)).body.status, 'OPEN');
    const retry = await confirm(intent, { customer_email: 'nouvelle@example.com' });
    assert.equal(retry.body.status, 'SUCCEEDED');
    assert.equal(retry.body.payment_group?.share_id, 'KHT-test-5EED0007');

    const hostSession = await openSession();
    const { body: host } = await createIntent(sandbox, hostSession);
    const group = (await confirm(host, { customer_email: 'host@example.com' })).body.payment_group as PaymentGroup;
    const friendSession = await openSession();
    const { body: friend } = await createIntent(sandbox, friendSession, group.share_id);
    await sandbox.call(`/sandbox/payment-groups/${group.id}/participants`, { body: { count: 50 } });
    const full = await confirm(friend, { customer_email: 'friend-late@example.com' });
    assert.equal(full.status, 400);
    assert.equal(full.body.error.code, 'MAX_PARTICIPANTS_REACHED');
    assert.equal((await readIntent(friend.id)).body.amount_captured, null);
  });

  it('refuses a blocked customer (+blocked@) at creation and at confirm, charging nothing', async () => {
    const blockedSession = await openSession({ customerEmail: 'eve+blocked@example.com' });
    const refused = await createIntent(sandbox, blockedSession);
    assert.equal(refused.status, 400);
    assert.equal(refused.body.error.code, 'CUSTOMER_BLOCKED');
    assert.equal(refused.body.error.type, 'invalid_request_error');

    const session = await openSession();
    const { body: intent } = await createIntent(sandbox, session);
    const blocked = await confirm(intent, {
      customer_email: 'Eve+Blocked@example.com',
      card_number: '4242424242424242',
    });
    assert.equal(blocked.status, 400);
    assert.equal(blocked.body.error.code, 'CUSTOMER_BLOCKED');
    const after = await readIntent(intent.id);
    assert.equal(after.body.status, 'REQUIRES_PAYMENT_METHOD');
    assert.equal(after.body.amount_captured, null);
    assert.equal((await readSession(session.id)).body.status, 'OPEN');
  });

  it('confirms test-mode intents only: a live key is refused and nothing is charged', async () => {
    const live = await createSession(sandbox, { customerEmail: 'live-buyer@example.com' }, sandbox.keys.secretLive);
    assert.equal(live.status, 201);
    const intent = await createIntent(sandbox, live.body, undefined, sandbox.keys.publishableLive);
    assert.equal(intent.status, 201);
    assert.equal(intent.body.livemode, true);
    for (const key of [sandbox.keys.publishableLive, sandbox.keys.secretLive]) {
      const refused = await sandbox.call<ErrorAnswer>(`/sandbox/payment-intents/${intent.body.id}/confirm`, {
        key,
        body: { client_secret: intent.body.client_secret, card_number: '4242 4242 4242 4242' },
      });
      assert.equal(refused.status, 401);
      assert.equal(refused.body.error.code, 'Unauthorized');
      assert.match(String(refused.body.error.message), /test-mode keys/);
    }
    const after = await readIntent(intent.body.id, sandbox.keys.secretLive);
    assert.equal(after.body.status, 'REQUIRES_PAYMENT_METHOD');
    assert.equal(after.body.amount_captured, null);
    assert.equal((await readSession(live.body.id, sandbox.keys.publishableLive)).body.status, 'OPEN');
  });

  it('takes a blank payment group code as no code', async () => {
    const session = await openSession({ customerEmail: 'payer@example.com' });
    const answer = await postIntent({ amount: session.amount_total, checkout_session_id: session.id, payment_group_id: '   ' });
    assert.equal(answer.status, 201);
    assert.equal(answer.body.payment_group_id, null);
  });

  it('cancels only an intent that waits for the customer, and never confirms a canceled one', async () => {
    const session = await openSession({ customerEmail: 'payer@example.com' });
    const cancel = (id: string) =>
      sandbox.call<Answered<PaymentIntent>>(`/payment-intents/${id}/cancel`, { method: 'POST', key: sandbox.keys.secretTest });
    const { body: first } = await createIntent(sandbox, session);
    assert.equal((await cancel(first.id)).body.status, 'CANCELED');
    const refused = await confirm(first, { card_number: '4242424242424242' });
    assert.equal(refused.status, 400);
    assert.equal(refused.body.error.code, 'WRONG_STATUS');
    assert.equal((await readIntent(first.id)).body.status, 'CANCELED');
    assert.equal((await readSession(session.id)).body.status, 'OPEN');

    const { body: second } = await createIntent(sandbox, session);
    assert.equal((await confirm(second, { card_number: '4000000000000077' })).body.status, 'PROCESSING');
    const moving = await cancel(second.id);
    assert.equal(moving.status, 400);
    assert.equal(moving.body.error.code, 'WRONG_STATUS');
    assert.equal((await readIntent(second.id)).body.status, 'PROCESSING');
  });

  it('keeps live intents from test keys: read, confirm and cancel answer 404, and nothing is charged', async () => {
    const live = await createSession(sandbox, { customerEmail: 'live-buyer@example.com' }, sandbox.keys.secretLive);
    const intent = await createIntent(sandbox, live.body, undefined, sandbox.keys.publishableLive);
    assert.equal(intent.status, 201);
    const id = intent.body.id;
    const attempts: Array<[string, string, string, Record<string, unknown> | undefined]> = [
      ['read', 'GET', `/payment-intents/${id}`, undefined],
      ['confirm', 'POST', `/sandbox/payment-intents/${id}/confirm`, { client_secret: intent.body.client_secret, card_number: '4242424242424242' }],
      ['cancel', 'POST', `/payment-intents/${id}/cancel`, undefined],
    ];
    for (const [what, method, path, body] of attempts) {
      for (const key of [sandbox.keys.publishableTest, sandbox.keys.secretTest]) {
        const answer = await sandbox.call<ErrorAnswer>(path, { method, key, body });
        // Cancel takes the secret key only: the publishable one is refused before any look-up.
        const expected = what === 'cancel' && key === sandbox.keys.publishableTest ? 401 : 404;
        assert.equal(answer.status, expected, `${what} with ${key.slice(0, 8)}`);
      }
    }
    const after = await readIntent(id, sandbox.keys.secretLive);
    assert.equal(after.body.status, 'REQUIRES_PAYMENT_METHOD');
    assert.equal(after.body.amount_captured, null);
  });

  it('gives the client secret to a browser key only in the creation answer', async () => {
    const session = await openSession();
    const body = { amount: session.amount_total, checkoutSessionId: session.id };
    const headers = { 'idempotency-key': `secret-${session.id}` };
    const created = await postIntent(body, headers);
    assert.ok(created.body.client_secret, 'a client secret');
    assert.equal((await postIntent(body, headers)).body.client_secret, created.body.client_secret, 'replay');
    const publicRead = await readIntent(created.body.id, sandbox.keys.publishableTest);
    assert.equal(publicRead.status, 200);
    assert.equal(publicRead.body.client_secret, undefined);
    const publicSession = await readSession(session.id);
    assert.equal(publicSession.body.payment_intent?.id, created.body.id);
    assert.equal(publicSession.body.payment_intent?.client_secret, undefined);
    assert.equal((await readIntent(created.body.id)).body.client_secret, created.body.client_secret);
    const serverSession = await readSession(session.id, sandbox.keys.secretTest);
    assert.equal(serverSession.body.payment_intent?.client_secret, created.body.client_secret);
  });
});
