import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { CheckoutSession, PaymentGroup, PaymentIntent } from '../../src/api/types.ts';
import { TEST_CARDS } from '../../sandbox/test-provider.ts';
import { MINUTE, confirmPayment, createIntent, createSession, startTestSandbox, type Answered, type ErrorAnswer, type TestSandbox } from './helpers.ts';

/**
 * The store finds a session by share id, a group by code, a session's payments and a group's
 * participants without walking every record: these answers must follow each record as it is
 * created, paid into another group, and forgotten.
 */

function helpersFor(sandbox: TestSandbox) {
  return {
    createSession: (overrides: Record<string, unknown> = {}) => createSession(sandbox, overrides),
    createIntent: (session: CheckoutSession, paymentGroupId?: string) => createIntent(sandbox, session, paymentGroupId),
    confirm: (intent: PaymentIntent, body: Record<string, unknown>) => confirmPayment<Answered<PaymentIntent>>(sandbox, intent, body),
    readGroup: (idOrCode: string) =>
      sandbox.call<Answered<PaymentGroup>>(`/payment-groups/${idOrCode}?expand[]=payment_intents`, { key: sandbox.keys.secretTest }),
    participantIds: async (idOrCode: string) =>
      (await sandbox.call<{ data: PaymentIntent[] }>(`/payment-groups/${idOrCode}/participants`)).body.data.map(({ id }) => id),
    validate: (code: string, customerEmail: string) =>
      sandbox.call<Answered<PaymentGroup>>(`/payment-groups/${code}/validate`, { body: { customerEmail, amount: 5490 } }),
  };
}

describe('sandbox: a forgotten group and session are found by neither code nor share id', () => {
  let sandbox: TestSandbox;
  before(async () => {
    sandbox = await startTestSandbox({ maxObjects: 1, keepFinishedMinutes: 60 });
  });
  after(() => sandbox.close());

  it('answers 404 for the code and share id of what retention forgot, and finds the codes made after', async () => {
    const { createSession, createIntent, confirm, readGroup, validate } = helpersFor(sandbox);
    const paid = (await createSession()).body;
    const paidIntent = (await createIntent(paid)).body;
    const confirmed = await confirm(paidIntent, { customer_email: 'first@example.com', card_number: TEST_CARDS.succeeds });
    assert.equal(confirmed.body.status, 'SUCCEEDED');
    const forgotten = (await readGroup(confirmed.body.payment_group_id ?? '')).body;
    assert.equal((await sandbox.call(`/sandbox/payment-groups/${forgotten.id}/end`, { method: 'POST' })).status, 200);
    assert.equal((await sandbox.call(`/checkout-sessions/${paid.share_id}`)).status, 200);
    sandbox.advance(61 * MINUTE);

    const next = await createSession();
    assert.equal(next.status, 201, 'room made by forgetting the paid session and its group');
    assert.equal((await sandbox.call(`/checkout-sessions/${paid.share_id}`)).status, 404);
    assert.equal((await readGroup(forgotten.share_id)).status, 404);
    assert.equal((await readGroup(forgotten.share_id.toLowerCase())).status, 404, 'whatever the case it is typed in');
    const validated = await validate(forgotten.share_id, 'friend@example.com');
    assert.equal(validated.status, 404);
    assert.equal(validated.body.error.code, 'NOT_FOUND');
    const joining = await createIntent(next.body, forgotten.share_id);
    assert.equal(joining.status, 404, 'a new intent cannot name the forgotten code either');

    const nextIntent = (await createIntent(next.body)).body;
    const nextPaid = await confirm(nextIntent, { customer_email: 'second@example.com', card_number: TEST_CARDS.succeeds });
    const newGroup = (await readGroup(nextPaid.body.payment_group_id ?? '')).body;
    assert.equal((await sandbox.call(`/checkout-sessions/${next.body.share_id}`)).status, 200);
    const byCode = await readGroup(` ${newGroup.share_id.toLowerCase()} `);
    assert.equal(byCode.status, 200);
    assert.deepEqual(byCode.body.payment_intents?.map(({ id }) => id), [nextIntent.id]);
  });
});

describe('sandbox: a payer moved to a group of their own is a participant there only', () => {
  let sandbox: TestSandbox;
  before(async () => {
    sandbox = await startTestSandbox({ slowConfirmMs: MINUTE, testGroupMinutes: 24 * 60 });
  });
  after(() => sandbox.close());

  it('lists a slow payment whose group ended meanwhile in the new group, not in the one the code named', async () => {
    const { createSession, createIntent, confirm, readGroup, participantIds, validate } = helpersFor(sandbox);
    const creatorSession = (await createSession()).body;
    const creatorIntent = (await createIntent(creatorSession)).body;
    const created = await confirm(creatorIntent, { customer_email: 'creator@example.com', card_number: TEST_CARDS.succeeds });
    const named = (await readGroup(created.body.payment_group_id ?? '')).body;

    const friendSession = (await createSession()).body;
    const friendIntent = (await createIntent(friendSession, named.share_id)).body;
    assert.equal(friendIntent.payment_group_id, named.id);
    const processing = await confirm(friendIntent, { customer_email: 'friend@example.com', card_number: TEST_CARDS.slow });
    assert.equal(processing.body.status, 'PROCESSING');
    assert.equal((await sandbox.call(`/sandbox/payment-groups/${named.id}/end`, { method: 'POST' })).status, 200);
    sandbox.advance(MINUTE);

    const settled = await sandbox.call<PaymentIntent>(`/payment-intents/${friendIntent.id}`, { key: sandbox.keys.secretTest });
    assert.equal(settled.body.status, 'SUCCEEDED');
    assert.notEqual(settled.body.payment_group_id, named.id, 'the ended group could not be joined');
    const own = (await readGroup(settled.body.payment_group_id ?? '')).body;
    assert.deepEqual(await participantIds(named.share_id), [creatorIntent.id]);
    assert.deepEqual((await readGroup(named.id)).body.payment_intents?.map(({ id }) => id), [creatorIntent.id]);
    assert.deepEqual(await participantIds(own.share_id), [friendIntent.id]);
    assert.equal((await validate(own.share_id, 'friend@example.com')).body.error?.code, 'EMAIL_ALREADY_USED');
    assert.equal((await validate(own.share_id, 'creator@example.com')).status, 201);
    const session = await sandbox.call<CheckoutSession>(`/checkout-sessions/${friendSession.id}?expand[]=payment_group`);
    assert.equal(session.body.payment_group?.id, own.id);
  });
});

describe('sandbox: a later intent of a session going through blocks every other payment', () => {
  let sandbox: TestSandbox;
  before(async () => {
    sandbox = await startTestSandbox({ slowConfirmMs: 2 * 60 * MINUTE });
  });
  after(() => sandbox.close());

  it('refuses a new intent, a confirm of the first and an expiry while the second processes, and holds the session open', async () => {
    const { createSession, createIntent, confirm } = helpersFor(sandbox);
    const session = (await createSession({ expiresAt: new Date(sandbox.db.now() + 30 * MINUTE).toISOString() })).body;
    const first = (await createIntent(session)).body;
    const second = (await createIntent(session)).body;
    const processing = await confirm(second, { customer_email: 'payer@example.com', card_number: TEST_CARDS.slow });
    assert.equal(processing.body.status, 'PROCESSING');

    const third = await createIntent(session);
    assert.equal(third.status, 400);
    assert.equal(third.body.error.code, 'WRONG_STATUS');
    assert.equal((await confirm(first, { customer_email: 'payer@example.com', card_number: TEST_CARDS.succeeds })).status, 400);
    const expire = await sandbox.call<ErrorAnswer>(`/checkout-sessions/${session.id}/expire`, {
      method: 'PATCH',
      key: sandbox.keys.secretTest,
    });
    assert.equal(expire.status, 400);
    assert.match(String(expire.body.error.message), new RegExp(`payment intent ${second.id} is PROCESSING`));

    sandbox.advance(31 * MINUTE);
    assert.equal((await sandbox.call<CheckoutSession>(`/checkout-sessions/${session.id}`)).body.status, 'OPEN');
    sandbox.advance(2 * 60 * MINUTE);
    const paid = await sandbox.call<CheckoutSession>(`/checkout-sessions/${session.id}?expand[]=payment_intent`);
    assert.equal(paid.body.status, 'COMPLETED');
    assert.equal(paid.body.payment_intent?.id, second.id);
    const untouched = await sandbox.call<PaymentIntent>(`/payment-intents/${first.id}`, { key: sandbox.keys.secretTest });
    assert.equal(untouched.body.status, 'REQUIRES_PAYMENT_METHOD');
  });
});

describe('sandbox: a new group never takes a code another group has', () => {
  let sandbox: TestSandbox;
  // The first two draws give the seeded test group's code, in either case: the new group must get the third.
  const draws = ['5EED0001', '5eed0001', 'C0DE0002'];
  before(async () => {
    sandbox = await startTestSandbox({ drawGroupCode: () => draws.shift() ?? 'FFFFFFFF' });
  });
  after(() => sandbox.close());

  it('draws again while the code is taken, and the taken code still leads to its group', async () => {
    const { createSession, createIntent, confirm, readGroup } = helpersFor(sandbox);
    const seeded = (await readGroup('KHT-test-5EED0001')).body;
    assert.ok(seeded.id, 'the seeded test group');
    const session = (await createSession()).body;
    const paid = await confirm((await createIntent(session)).body, { customer_email: 'new@example.com', card_number: TEST_CARDS.succeeds });
    const created = (await readGroup(paid.body.payment_group_id ?? '')).body;
    assert.equal(created.share_id, 'KHT-test-C0DE0002');
    assert.equal((await readGroup('KHT-test-5EED0001')).body.id, seeded.id);
    assert.deepEqual(draws, []);
  });
});
