import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { parsePaymentGroup } from '../../src/api/parse.ts';
import type { CheckoutSession, ListResponse, PaymentGroup, PaymentIntent, ValidatedPaymentGroup } from '../../src/api/types.ts';
import { TEST_CARDS } from '../../sandbox/test-provider.ts';
import {
  MINUTE,
  confirmPayment,
  createIntent,
  createSession,
  payNewSession,
  startTestSandbox,
  type Answered,
  type ErrorAnswer,
  type TestSandbox,
} from './helpers.ts';

describe('sandbox: payment groups', () => {
  let sandbox: TestSandbox;
  before(async () => {
    sandbox = await startTestSandbox();
  });
  after(() => sandbox.close());

  const validate = (code: string, body: Record<string, unknown> = {}, prefix = '/payment-groups', query = '') =>
    sandbox.call<ValidatedPaymentGroup & ErrorAnswer>(`${prefix}/${encodeURIComponent(code)}/validate${query}`, { body });
  const join = (code: string, body: Record<string, unknown> = {}) =>
    sandbox.call<PaymentGroup & ErrorAnswer>(`/sandbox/payment-groups/${code}/participants`, { body });
  const read = (code: string, expand = '') =>
    sandbox.call<PaymentGroup & ErrorAnswer>(`/payment-groups/${code}${expand ? `?${expand}` : ''}`);

  /** A brand-new group: a customer pays a fresh session with no code. */
  async function payerGroup(email = 'payer@example.com'): Promise<PaymentGroup> {
    const { paid } = await payNewSession(sandbox, { customerEmail: email });
    assert.equal(paid.body.status, 'SUCCEEDED');
    return paid.body.payment_group as PaymentGroup;
  }

  it('reads a group by id or by code, case-insensitively, under both prefixes', async () => {
    const byId = await read('pg_5eed0000000001');
    assert.equal(byId.status, 200);
    assert.equal(byId.body.share_id, 'KHT-test-5EED0001');
    assert.equal(byId.body.payment_intents, undefined);
    const byCode = await read('kht-test-5eed0001', 'expand[]=payment_group_settings.discount_levels&expand[]=payment_intents');
    assert.equal(byCode.body.id, 'pg_5eed0000000001');
    assert.equal(byCode.body.payment_intents?.length, 3);
    assert.deepEqual(byCode.body.payment_group_settings?.discount_levels.map((l) => l.value), [5, 10, 15]);
    const groupsPrefix = await sandbox.call<PaymentGroup>('/groups/KHT-test-5EED0001');
    assert.equal(groupsPrefix.body.id, 'pg_5eed0000000001');
    const old = await read('KHTPAY-5EED0006');
    assert.equal(old.body.status, 'OPEN');
    assert.equal((await read('KHT-test-FFFFFFFF')).status, 404);
    assert.equal((await read('KHT-5EED0008')).status, 404, 'a live group is invisible to test keys');
  });

  it('shows full participant details to secret keys only', async () => {
    const secret = await sandbox.call<PaymentGroup>('/payment-groups/KHT-test-5EED0001?expand[]=payment_intents', {
      key: sandbox.keys.secretTest,
    });
    assert.equal(secret.body.payment_intents?.[0]?.customer_email, 'marie@kohort.test');
    assert.ok(secret.body.payment_intents?.[0]?.client_secret, 'the secret key reads client secrets');
    const publishable = await read('KHT-test-5EED0001', 'expand[]=payment_intents');
    assert.equal(publishable.body.payment_intents?.[0]?.customer_email, 'm***@kohort.test');
    assert.equal(publishable.body.payment_intents?.[0]?.client_secret, undefined);
  });

  it('masks the creator e-mail for browser keys, as it masks the participants', async () => {
    assert.equal((await read('KHT-test-5EED0001')).body.creator_email, 'm***@kohort.test');
    assert.equal((await validate('KHT-test-5EED0001')).body.creator_email, 'm***@kohort.test');
    const secret = await sandbox.call<PaymentGroup>('/payment-groups/KHT-test-5EED0001', {
      key: sandbox.keys.secretTest,
    });
    assert.equal(secret.body.creator_email, 'marie@kohort.test');
  });

  /** A buyer with everything a merchant may attach, paid into a group of their own. */
  async function paidBuyer() {
    const email = `harvest-me-${Math.random().toString(16).slice(2, 10)}@example.com`;
    const session = await createSession(sandbox, {
      customerEmail: email,
      customerFirstName: 'Camille',
      customerLastName: 'Bernard',
      customerPhoneNumber: '+33 6 12 34 56 78',
      clientReferenceId: 'order-4711',
    });
    const intent = await sandbox.call<PaymentIntent>('/payment-intents', {
      body: { amount: session.body.amount_total, checkoutSessionId: session.body.id, metadata: { cartId: 'cart-9' } },
    });
    const paid = await confirmPayment(sandbox, intent.body, {}, ['payment_group']);
    assert.equal(paid.body.status, 'SUCCEEDED');
    return { email, session: session.body, intent: paid.body, group: paid.body.payment_group as PaymentGroup };
  }

  /** What a browser key may see of another buyer: enough for the group widget, no way to their session. */
  function assertParticipantView(participant: Record<string, unknown> | undefined, intentId: string) {
    assert.ok(participant, 'the participant is listed');
    assert.equal(participant.id, intentId, 'the widget tells participants apart by intent id');
    assert.equal(participant.status, 'SUCCEEDED');
    assert.match(String(participant.customer_email), /^h\*\*\*@example\.com$/);
    assert.equal(participant.checkout_session_id, null);
    assert.equal(participant.customer_id, null);
    assert.equal(participant.client_reference_id, null);
    assert.deepEqual(participant.metadata, {});
    assert.equal(participant.client_secret, undefined);
  }

  it('lists participants for a browser key without the ids that lead to their session', async () => {
    const buyer = await paidBuyer();
    const widgetExpand =
      'expand[]=payment_group_settings.discount_levels&expand[]=payment_intents.customer&expand[]=customer';
    const publicView = await read(buyer.group.share_id, widgetExpand);
    assert.equal(publicView.status, 200);
    const [participant] = (publicView.body.payment_intents ?? []) as unknown as Array<Record<string, unknown>>;
    assertParticipantView(participant, buyer.intent.id);
    assert.deepEqual(participant?.customer, { first_name: 'Camille', last_name: 'Bernard' }, 'names stay for "Camille B."');
    // The widget's own parser takes this answer as it is.
    const parsed = parsePaymentGroup(publicView.body);
    assert.equal(parsed.payment_intents?.[0]?.id, buyer.intent.id);
    assert.equal(parsed.payment_intents?.[0]?.customer?.first_name, 'Camille');

    const listed = await sandbox.call<ListResponse<Record<string, unknown>>>(
      `/payment-groups/${buyer.group.share_id}/participants`,
    );
    assertParticipantView(listed.body.data[0], buyer.intent.id);

    const server = await sandbox.call<PaymentGroup>(`/payment-groups/${buyer.group.share_id}?expand[]=payment_intents`, {
      key: sandbox.keys.secretTest,
    });
    const full = server.body.payment_intents?.[0];
    assert.equal(full?.customer_email, buyer.email);
    assert.equal(full?.checkout_session_id, buyer.session.id);
    assert.equal(full?.client_reference_id, 'order-4711');
  });

  it('reads any intent by id for a browser key as a participant sees it; the payer reads theirs through the session', async () => {
    const buyer = await paidBuyer();
    const byId = await sandbox.call<Record<string, unknown>>(`/payment-intents/${buyer.intent.id}?expand[]=customer`);
    assert.equal(byId.status, 200);
    assertParticipantView(byId.body, buyer.intent.id);
    assert.ok(!JSON.stringify(byId.body).includes(buyer.email), 'the e-mail appears nowhere');

    const server = await sandbox.call<PaymentIntent>(`/payment-intents/${buyer.intent.id}`, { key: sandbox.keys.secretTest });
    assert.equal(server.body.customer_email, buyer.email);
    assert.equal(server.body.checkout_session_id, buyer.session.id);

    // The widget's own session read is unchanged: the session id is the payer's credential.
    const own = await sandbox.call<CheckoutSession & { customer?: { email_address: string; phone_number: string } }>(
      `/checkout-sessions/${buyer.session.id}?expand[]=payment_intent&expand[]=customer`,
    );
    assert.equal(own.body.customer_email, buyer.email);
    assert.equal(own.body.customer?.phone_number, '+33 6 12 34 56 78');
    assert.equal(own.body.payment_intent?.customer_email, buyer.email);
    assert.equal(own.body.payment_intent?.checkout_session_id, buyer.session.id);
  });

  /** The cashback of two friends paying 50 € each into a group whose one level (2 participants) is `value`, once it ended. */
  const cashbackOfTwo = async (discountType: 'PERCENTAGE' | 'AMOUNT', value: number) => {
    // No API sets a merchant's levels: the group is made in the store, then driven over HTTP.
    const group = sandbox.db.createGroup({
      livemode: false,
      creator_email: null,
      settings: {
        discount_type: discountType,
        max_participants: 15,
        minutes_duration: 10,
        min_purchase_value: 1000,
        discount_levels: [{ level: 1, value, participants_to_unlock: 2 }],
      },
    });
    await join(group.share_id, { count: 2, amount: 5000 });
    const ended = await sandbox.call<PaymentGroup>(`/sandbox/payment-groups/${group.id}/end`, { body: {} });
    assert.equal(ended.body.status, 'COMPLETED');
    return ended.body.payment_intents?.map((intent) => intent.amount_cashback);
  };

  it('rounds percentage cashback in integer arithmetic: 5000 at 1.13 % is 57', async () => {
    assert.deepEqual(await cashbackOfTwo('PERCENTAGE', 1.13), [57, 57]);
  });

  it('gives AMOUNT cashback in whole currency units: a 3 € level is 300 cents for everyone', async () => {
    assert.deepEqual(await cashbackOfTwo('AMOUNT', 3), [300, 300]);
  });

  it('validates an open code with its settings, creator and the next level', async () => {
    const answer = await validate('  kht-test-5eed0001 ', { customerEmail: 'new@example.com', amount: 5000 }, '/payment-groups', '?expand[]=customer');
    assert.equal(answer.status, 201);
    assert.equal(answer.body.id, 'pg_5eed0000000001');
    assert.equal(answer.body.discount_type, 'PERCENTAGE');
    assert.equal(answer.body.max_participants, 15);
    assert.equal(answer.body.min_purchase_value, 3000);
    assert.equal(answer.body.discount_levels?.length, 3);
    assert.deepEqual(answer.body.customer, { first_name: 'Marie', last_name: 'Dupont' });
    // 3 participants + the newcomer = 4: still level 1.
    assert.deepEqual(answer.body.current_discount_level, { level: 1, value: 5, participants_to_unlock: 2 });
    const snake = await validate('KHT-test-5EED0001', { customer_email: 'new@example.com' }, '/groups');
    assert.equal(snake.status, 201);
  });

  it('gives the level one more participant reaches', async () => {
    const group = await payerGroup('solo@example.com');
    assert.deepEqual((await validate(group.share_id)).body.current_discount_level?.level, 1);
    await join(group.share_id, { count: 3 });
    // 4 participants: a fifth unlocks level 2.
    assert.deepEqual((await validate(group.share_id)).body.current_discount_level, {
      level: 2,
      value: 10,
      participants_to_unlock: 5,
    });
  });

  it('refuses codes with the five contract codes', async () => {
    const cases: Array<[string, Record<string, unknown>, number, string]> = [
      ['KHT-test-DEADBEEF', {}, 404, 'NOT_FOUND'],
      ['KHT-test-5EED0003', {}, 400, 'COMPLETED_EXPIRED_CANCELED'],
      ['KHT-test-5EED0004', {}, 400, 'COMPLETED_EXPIRED_CANCELED'],
      ['KHT-test-5EED0005', {}, 400, 'COMPLETED_EXPIRED_CANCELED'],
      ['KHT-test-5EED0002', {}, 400, 'MAX_PARTICIPANTS_REACHED'],
      ['KHT-test-5EED0007', { customerEmail: 'AMI@Kohort.test' }, 400, 'EMAIL_ALREADY_USED'],
      ['KHT-test-5EED0001', { amount: 1500 }, 400, 'AMOUNT_TOO_LOW'],
    ];
    for (const [code, body, status, errorCode] of cases) {
      const answer = await validate(code, body);
      assert.equal(answer.status, status, code);
      assert.equal(answer.body.error.code, errorCode, code);
      assert.equal(answer.body.error.type, 'invalid_request_error');
    }
  });

  it('refuses an e-mail that joined with other capitals, and takes an amount of exactly min_purchase_value', async () => {
    const group = await payerGroup('host-capitals@example.com');
    await join(group.share_id, { email: 'Zoe.Martin@Example.com' });
    const again = await validate(group.share_id, { customerEmail: 'zoe.martin@example.com' });
    assert.equal(again.status, 400);
    assert.equal(again.body.error.code, 'EMAIL_ALREADY_USED');
    // The seeded settings' minimum is 30 €: 30 € is enough, a cent less is not.
    assert.equal((await validate(group.share_id, { amount: 3000 })).status, 201);
    assert.equal((await validate(group.share_id, { amount: 2999 })).body.error.code, 'AMOUNT_TOO_LOW');
  });

  it('adds simulated participants and closes the group when it is full', async () => {
    const group = await payerGroup('host@example.com');
    const joined = await join(group.share_id, { count: 2, first_name: 'Zoé', email: 'zoe@example.com' });
    assert.equal(joined.status, 201);
    assert.equal(joined.body.payment_intents?.length, 3);
    assert.equal(joined.body.payment_intents?.[1]?.status, 'SUCCEEDED');
    assert.equal((joined.body.payment_intents?.[1] as { customer?: { first_name: string } }).customer?.first_name, 'Zoé');
    const dup = await join(group.share_id, { email: 'zoe@example.com' });
    assert.equal(dup.body.error.code, 'EMAIL_ALREADY_USED');

    const full = await join(group.share_id, { count: 50 });
    assert.equal(full.status, 201);
    assert.equal(full.body.payment_intents?.length, 15, 'never past max_participants');
    assert.equal(full.body.status, 'COMPLETED');
    assert.ok(full.body.completed_at, 'a full group is completed');
    // Everyone gets the tier of the final size: 15 people → 15 %.
    for (const intent of full.body.payment_intents ?? []) {
      assert.equal(intent.amount_cashback, Math.round((intent.amount * 15) / 100));
    }
    const closed = await join(group.share_id);
    assert.equal(closed.status, 400);
    assert.equal(closed.body.error.code, 'COMPLETED_EXPIRED_CANCELED');
    assert.equal((await validate(group.share_id)).body.error.code, 'MAX_PARTICIPANTS_REACHED');
  });

  it('ends at expires_at: COMPLETED with two or more, EXPIRED alone', async () => {
    const alone = await payerGroup('alone@example.com');
    const pair = await payerGroup('pair@example.com');
    await join(pair.share_id);
    sandbox.advance(10 * MINUTE - 1);
    assert.equal((await read(alone.share_id)).body.status, 'OPEN');
    sandbox.advance(1);
    const expired = await read(alone.share_id);
    assert.equal(expired.body.status, 'EXPIRED');
    assert.equal(expired.body.completed_at, null);
    const completed = await read(pair.share_id, 'expand[]=payment_intents');
    assert.equal(completed.body.status, 'COMPLETED');
    assert.equal(completed.body.completed_at, completed.body.expires_at);
    for (const intent of completed.body.payment_intents ?? []) {
      assert.equal(intent.amount_cashback, Math.round((intent.amount * 5) / 100));
    }
    assert.equal((await validate(alone.share_id)).body.error.code, 'COMPLETED_EXPIRED_CANCELED');
  });

  it('ends, expires and cancels groups on demand', async () => {
    const ended = await payerGroup('end@example.com');
    const end = await sandbox.call<PaymentGroup>(`/sandbox/payment-groups/${ended.id}/end`, { body: {} });
    assert.equal(end.status, 200);
    assert.equal(end.body.status, 'EXPIRED');
    const again = await sandbox.call<ErrorAnswer>(`/sandbox/payment-groups/${ended.id}/end`, { body: {} });
    assert.equal(again.body.error.code, 'COMPLETED_EXPIRED_CANCELED');

    const expiring = await payerGroup('expire@example.com');
    await join(expiring.share_id);
    const expired = await sandbox.call<PaymentGroup>(`/payment-groups/${expiring.id}/expire`, {
      method: 'POST',
      key: sandbox.keys.secretTest,
    });
    assert.equal(expired.body.status, 'COMPLETED');

    const canceled = await payerGroup('cancel@example.com');
    const refused = await sandbox.call(`/payment-groups/${canceled.id}/cancel`, { method: 'POST' });
    assert.equal(refused.status, 401);
    const cancel = await sandbox.call<PaymentGroup>(`/groups/${canceled.id}/cancel`, {
      method: 'POST',
      key: sandbox.keys.secretTest,
    });
    assert.equal(cancel.body.status, 'CANCELED');
    assert.ok(cancel.body.canceled_at, 'a canceled group is dated');

    // An ended group stays as it ended: neither call changes a COMPLETED, EXPIRED or CANCELED one.
    for (const [group, status] of [[expiring, 'COMPLETED'], [ended, 'EXPIRED'], [canceled, 'CANCELED']] as const) {
      for (const action of ['cancel', 'expire']) {
        const refused = await sandbox.call<ErrorAnswer>(`/payment-groups/${group.id}/${action}`, {
          method: 'POST',
          key: sandbox.keys.secretTest,
        });
        assert.equal(refused.status, 400, `${action} ${status}`);
        assert.equal(refused.body.error.code, 'COMPLETED_EXPIRED_CANCELED', `${action} ${status}`);
        assert.equal((await read(group.id)).body.status, status, `${action} ${status}`);
      }
    }
  });

  it('applies orderBy and search to the group and payment intent lists too', async () => {
    const groups = await sandbox.call<ListResponse<PaymentGroup>>(
      '/payment-groups?search=status:COMPLETED&orderBy=shareId:asc&take=100',
      { key: sandbox.keys.secretTest },
    );
    assert.equal(groups.status, 200);
    const codes = groups.body.data.map((group) => group.share_id);
    assert.ok(codes.length > 0, 'the seed has completed groups');
    assert.deepEqual([...new Set(groups.body.data.map((group) => group.status))], ['COMPLETED']);
    assert.deepEqual(codes, [...codes].sort());
    const intents = await sandbox.call<ListResponse<PaymentIntent>>(
      '/payment-intents?search=status:SUCCEEDED&orderBy=amount:asc&take=100',
      { key: sandbox.keys.secretTest },
    );
    const amounts = intents.body.data.map((intent) => intent.amount);
    assert.ok(amounts.length > 0, 'the seed has paid intents');
    assert.deepEqual([...new Set(intents.body.data.map((intent) => intent.status))], ['SUCCEEDED']);
    assert.deepEqual(amounts, [...amounts].sort((a, b) => a - b));
    const refused = await sandbox.call<ErrorAnswer>('/payment-intents?orderBy=client_secret:asc', {
      key: sandbox.keys.secretTest,
    });
    assert.equal(refused.status, 400);
  });

  it('lists a mode\'s own groups and payment intents only: a test key never lists live ones, nor a live key test ones', async () => {
    for (const [key, livemode] of [[sandbox.keys.secretTest, false], [sandbox.keys.secretLive, true]] as const) {
      const groups = await sandbox.call<ListResponse<PaymentGroup>>('/payment-groups?take=100', { key });
      const intents = await sandbox.call<ListResponse<PaymentIntent>>('/payment-intents?take=100', { key });
      assert.ok(groups.body.count > 0 && intents.body.count > 0, `the seed has ${livemode ? 'live' : 'test'} groups and intents`);
      assert.deepEqual([...new Set(groups.body.data.map((group) => group.livemode))], [livemode]);
      assert.deepEqual([...new Set(intents.body.data.map((intent) => intent.livemode))], [livemode]);
    }
    const live = await sandbox.call<ListResponse<PaymentGroup>>('/payment-groups', { key: sandbox.keys.secretLive });
    assert.deepEqual(live.body.data.map((group) => group.share_id), ['KHT-5EED0008']);
  });

  it('keeps the sandbox tools to test keys', async () => {
    const live = await sandbox.call('/sandbox/payment-groups/KHT-5EED0008/participants', {
      key: sandbox.keys.publishableLive,
      body: {},
    });
    assert.equal(live.status, 401);
  });
});

describe('sandbox: a slow payment noticed late is dated when it settled', () => {
  let sandbox: TestSandbox;
  before(async () => {
    // The group lasts two minutes; a slow card settles after one.
    sandbox = await startTestSandbox({ slowConfirmMs: MINUTE, testGroupMinutes: 2 });
  });
  after(() => sandbox.close());

  it('joins the group it named, which was still open when it settled, though no request came until both times had passed', async () => {
    const { paid: created } = await payNewSession(sandbox, {}, { customer_email: 'creator@example.com' });
    const creatorIntent = created.body;
    const group = created.body.payment_group as PaymentGroup;
    const groupId = group.id;

    const friendSession = (await createSession(sandbox)).body;
    const friendIntent = (await createIntent(sandbox, friendSession, group.share_id)).body;
    const processing = await confirmPayment<Answered<PaymentIntent>>(sandbox, friendIntent, {
      customer_email: 'friend@example.com',
      card_number: TEST_CARDS.slow,
    });
    assert.equal(processing.body.status, 'PROCESSING');
    const settledAt = sandbox.db.now() + MINUTE;
    // Neither the timer nor a request runs until after the group's end.
    sandbox.advance(5 * MINUTE);

    const paid = await sandbox.call<PaymentIntent>(`/payment-intents/${friendIntent.id}`, { key: sandbox.keys.secretTest });
    assert.equal(paid.body.status, 'SUCCEEDED');
    assert.equal(paid.body.payment_group_id, groupId, 'the group was open when the payment settled');
    const ended = (await sandbox.call<PaymentGroup>(`/payment-groups/${groupId}?expand[]=payment_intents`)).body;
    assert.equal(ended.status, 'COMPLETED');
    assert.equal(ended.completed_at, group.expires_at, 'it completed when its time ran out, with two participants');
    assert.deepEqual(ended.payment_intents?.map(({ id }) => id), [creatorIntent.id, friendIntent.id]);
    const session = (await sandbox.call<CheckoutSession>(`/checkout-sessions/${friendSession.id}`)).body;
    assert.equal(session.completed_at, new Date(settledAt).toISOString());
  });
});

describe('sandbox: slow payments noticed late settle in the order they went through', () => {
  let sandbox: TestSandbox;
  before(async () => {
    sandbox = await startTestSandbox({ slowConfirmMs: 2 * MINUTE, testGroupMinutes: 3 });
  });
  after(() => sandbox.close());

  it('lets the one confirmed first join before the group ends, though its intent was created second', async () => {
    const { paid: created } = await payNewSession(sandbox, {}, { customer_email: 'creator@example.com' });
    const creatorIntent = created.body;
    const group = created.body.payment_group as PaymentGroup;
    const groupId = group.id;
    const late = (await createIntent(sandbox, (await createSession(sandbox)).body, group.share_id)).body;
    const early = (await createIntent(sandbox, (await createSession(sandbox)).body, group.share_id)).body;
    const slowly = (intent: PaymentIntent, email: string) =>
      confirmPayment<Answered<PaymentIntent>>(sandbox, intent, { customer_email: email, card_number: TEST_CARDS.slow });
    await slowly(early, 'early@example.com'); // settles at 2 minutes, before the group ends at 3
    sandbox.advance(1.5 * MINUTE);
    await slowly(late, 'late@example.com'); // settles at 3.5 minutes, after
    sandbox.advance(10 * MINUTE);

    const readIntent = async (intent: PaymentIntent) =>
      (await sandbox.call<PaymentIntent>(`/payment-intents/${intent.id}`, { key: sandbox.keys.secretTest })).body;
    assert.equal((await readIntent(early)).payment_group_id, groupId);
    const latePaid = await readIntent(late);
    assert.equal(latePaid.status, 'SUCCEEDED');
    assert.notEqual(latePaid.payment_group_id, groupId, 'the group had ended when the later one settled');
    const ended = (await sandbox.call<PaymentGroup>(`/payment-groups/${groupId}?expand[]=payment_intents`)).body;
    assert.equal(ended.status, 'COMPLETED');
    assert.deepEqual(ended.payment_intents?.map(({ id }) => id), [creatorIntent.id, early.id]);
  });
});
