import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { CheckoutSession, PaymentGroup, PaymentIntent } from '../../src/api/types.ts';
import { DeadlineQueue } from '../../sandbox/deadlines.ts';
import { SEEDED_GROUPS, SEEDED_SESSIONS } from '../../sandbox/seed.ts';
import { MINUTE, confirmPayment, createIntent, createSession, newSessionBody, startTestSandbox, type ErrorAnswer, type TestSandbox } from './helpers.ts';

/**
 * A sandbox left running for weeks keeps at most `maxObjects` sessions and as many intents per
 * mode: the oldest finished ones make room, never an open session, a running group or a seed.
 */

type Session = CheckoutSession & ErrorAnswer;

const readSession = (sandbox: TestSandbox, id: string) =>
  sandbox.call<Session>(`/checkout-sessions/${id}`, { key: sandbox.keys.secretTest });
const expire = (sandbox: TestSandbox, id: string) =>
  sandbox.call<Session>(`/checkout-sessions/${id}/expire`, { method: 'PATCH', key: sandbox.keys.secretTest });
const confirm = <T = PaymentIntent>(sandbox: TestSandbox, intent: PaymentIntent, customerEmail: string) =>
  confirmPayment<T>(sandbox, intent, { customer_email: customerEmail });

function assertNotFound(answer: { status: number; body: ErrorAnswer }, message: RegExp): void {
  assert.equal(answer.status, 404);
  assert.deepEqual(Object.keys(answer.body.error).sort(), ['code', 'message', 'type']);
  assert.equal(answer.body.error.type, 'invalid_request_error');
  assert.equal(answer.body.error.code, 'Not Found');
  assert.match(String(answer.body.error.message), message);
}

describe('sandbox: the oldest finished sessions make room for new ones', () => {
  let sandbox: TestSandbox;
  before(async () => {
    sandbox = await startTestSandbox({ maxObjects: 3, keepFinishedMinutes: 60 });
  });
  after(() => sandbox.close());

  it('forgets the session that ended first, with its intent, and answers their ids with the contract 404', async () => {
    const oldest = (await createSession(sandbox)).body;
    const intent = (await createIntent(sandbox, oldest)).body;
    const older = (await createSession(sandbox)).body;
    const open = (await createSession(sandbox)).body;
    assert.equal((await expire(sandbox, oldest.id)).status, 200);
    sandbox.advance(10 * MINUTE);
    assert.equal((await expire(sandbox, older.id)).status, 200);
    sandbox.advance(61 * MINUTE);

    const created = await createSession(sandbox);
    assert.equal(created.status, 201, JSON.stringify(created.body));
    assertNotFound(await readSession(sandbox, oldest.id), new RegExp(`No checkout session found with id ${oldest.id}`));
    assertNotFound(await readSession(sandbox, oldest.share_id), /No checkout session found/);
    assertNotFound(
      await sandbox.call<ErrorAnswer>(`/payment-intents/${intent.id}`),
      new RegExp(`No payment intent found with id ${intent.id}`),
    );
    assert.equal((await readSession(sandbox, older.id)).body.status, 'EXPIRED', 'only as many as needed go');
    assert.equal((await readSession(sandbox, open.id)).body.status, 'OPEN');
    const list = await sandbox.call<{ data: CheckoutSession[] }>('/checkout-sessions?take=100', { key: sandbox.keys.secretTest });
    assert.ok(!list.body.data.some((session) => session.id === oldest.id), 'gone from the list too');
  });

  it('forgets a session that only tried a seeded group code, and keeps the group', async () => {
    const code = SEEDED_GROUPS.find((seed) => seed.key === 'open')?.shareId ?? '';
    const tried = (await createSession(sandbox)).body;
    const intent = await sandbox.call<PaymentIntent>('/payment-intents', {
      body: { amount: tried.amount_total, checkoutSessionId: tried.id, paymentGroupId: code },
    });
    assert.equal(intent.status, 201);
    assert.equal((await expire(sandbox, tried.id)).status, 200);
    sandbox.advance(61 * MINUTE);
    const created = await createSession(sandbox);
    assert.equal(created.status, 201, JSON.stringify(created.body));
    assertNotFound(await readSession(sandbox, tried.id), /No checkout session found/);
    assert.equal((await sandbox.call(`/payment-groups/${code}`)).status, 200, 'the seeded group stays');
  });
});

describe('sandbox: payment intents count too', () => {
  let sandbox: TestSandbox;
  before(async () => {
    sandbox = await startTestSandbox({ maxObjects: 3, keepFinishedMinutes: 60 });
  });
  after(() => sandbox.close());

  it('refuses a fourth intent with 429, and forgets no session that would free no intent', async () => {
    const unpaid = (await createSession(sandbox)).body;
    assert.equal((await expire(sandbox, unpaid.id)).status, 200);
    const open = (await createSession(sandbox)).body;
    for (let i = 0; i < 3; i += 1) assert.equal((await createIntent(sandbox, open)).status, 201);
    sandbox.advance(61 * MINUTE);
    const refused = await createIntent(sandbox, open);
    assert.equal(refused.status, 429);
    assert.match(String(refused.body.error.message), /already keeps 3 test-mode payment intents/);
    assert.equal((await readSession(sandbox, unpaid.id)).status, 200, 'the expired session without intents stays');
  });
});

describe('sandbox: what a client may still read is never forgotten', () => {
  let sandbox: TestSandbox;
  before(async () => {
    sandbox = await startTestSandbox({ maxObjects: 2, keepFinishedMinutes: 60 });
  });
  after(() => sandbox.close());

  it('refuses a new session with 429 while every kept one is open or ended less than the keep time ago', async () => {
    const first = (await createSession(sandbox)).body;
    const second = (await createSession(sandbox)).body;
    const sessionsBefore = sandbox.db.sessions.size;
    // No request between: both expire by time, unnoticed, at 24:00.
    sandbox.advance(24 * 60 * MINUTE + 10 * MINUTE);

    const refused = await createSession(sandbox);
    assert.equal(refused.status, 429);
    assert.equal(refused.body.error.type, 'invalid_request_error');
    assert.equal(refused.body.error.code, 'Too Many Requests');
    assert.match(String(refused.body.error.message), /already keeps 2 test-mode checkout sessions/);
    assert.equal(refused.headers.get('retry-after'), String(50 * 60), 'an hour from expires_at, not from this request');
    assert.equal(refused.headers.get('access-control-allow-origin'), '*');
    assert.equal(sandbox.db.sessions.size, sessionsBefore, 'nothing created');
    assert.equal((await readSession(sandbox, first.id)).body.status, 'EXPIRED');
    assert.equal((await createSession(sandbox)).status, 429);

    sandbox.advance(45 * MINUTE);
    const later = await createSession(sandbox);
    assert.equal(later.status, 429);
    assert.equal(later.headers.get('retry-after'), String(5 * 60), 'when the first ended session is old enough');

    const live = await createSession(sandbox, {}, sandbox.keys.secretLive);
    assert.equal(live.status, 201, 'live mode has a cap of its own');

    sandbox.advance(6 * MINUTE);
    assert.equal((await createSession(sandbox)).status, 201);
    assertNotFound(await readSession(sandbox, first.id), /No checkout session found/);
    assert.equal((await readSession(sandbox, second.id)).body.status, 'EXPIRED', 'room for one: the other stays');
  });

  it('keeps every seeded session and group', async () => {
    for (const { id, livemode } of SEEDED_SESSIONS) {
      const key = livemode ? sandbox.keys.secretLive : sandbox.keys.secretTest;
      assert.equal((await sandbox.call(`/checkout-sessions/${id}`, { key })).status, 200, id);
    }
    for (const { shareId, livemode } of SEEDED_GROUPS) {
      const key = livemode ? sandbox.keys.publishableLive : sandbox.keys.publishableTest;
      assert.equal((await sandbox.call(`/payment-groups/${shareId}`, { key })).status, 200, shareId);
    }
  });
});

describe('sandbox: a group and its participants are forgotten together', () => {
  let sandbox: TestSandbox;
  before(async () => {
    // Groups that outlast the test, so one is still running when room is needed.
    sandbox = await startTestSandbox({ maxObjects: 2, keepFinishedMinutes: 60, testGroupMinutes: 24 * 60 });
  });
  after(() => sandbox.close());

  it('keeps a paid session while its group runs, then forgets them together', async () => {
    const paid = (await createSession(sandbox)).body;
    assert.equal(paid.status, 'OPEN');
    const intent = (await createIntent(sandbox, paid)).body;
    const confirmed = await confirm(sandbox, intent, 'creator@example.com');
    assert.equal(confirmed.body.status, 'SUCCEEDED');
    const groupId = confirmed.body.payment_group_id ?? '';
    sandbox.advance(2 * 60 * MINUTE);
    assert.equal((await createSession(sandbox)).status, 201);

    const refused = await createSession(sandbox);
    assert.equal(refused.status, 429, 'the paid session is old, but its group is still running');
    const group = await sandbox.call<PaymentGroup>(`/payment-groups/${groupId}?expand[]=payment_intents`);
    assert.equal(group.body.status, 'OPEN');
    assert.deepEqual(group.body.payment_intents?.map((participant) => participant.id), [intent.id]);

    assert.equal((await sandbox.call(`/sandbox/payment-groups/${groupId}/end`, { method: 'POST' })).status, 200);
    sandbox.advance(61 * MINUTE);
    assert.equal((await createSession(sandbox)).status, 201);
    assertNotFound(await readSession(sandbox, paid.id), /No checkout session found/);
    assertNotFound(
      await sandbox.call<ErrorAnswer>(`/payment-groups/${groupId}`),
      new RegExp(`No payment group found for ${groupId}`),
    );

    // Both kept sessions are open now: simulated friends take room too, and are refused with it.
    const seeded = SEEDED_GROUPS.find((seed) => seed.key === 'open')?.shareId ?? '';
    const before = await sandbox.call<PaymentGroup>(`/payment-groups/${seeded}?expand[]=payment_intents`);
    const friends = await sandbox.call<ErrorAnswer>(`/sandbox/payment-groups/${seeded}/participants`, { body: { count: 1 } });
    assert.equal(friends.status, 429);
    const unchanged = await sandbox.call<PaymentGroup>(`/payment-groups/${seeded}?expand[]=payment_intents`);
    assert.equal(unchanged.body.payment_intents?.length, before.body.payment_intents?.length);
  });
});

describe('sandbox: the keep time counts from when a session or group ended', () => {
  let sandbox: TestSandbox;
  before(async () => {
    sandbox = await startTestSandbox({ maxObjects: 1, keepFinishedMinutes: 60, testGroupMinutes: 10 });
  });
  after(() => sandbox.close());

  it('forgets a paid session and its group an hour after the group ran out, however late a request noticed it', async () => {
    const paid = (await createSession(sandbox)).body;
    const intent = (await createIntent(sandbox, paid)).body;
    const confirmed = await confirm(sandbox, intent, 'alone@example.com');
    assert.equal(confirmed.body.status, 'SUCCEEDED');
    const groupId = confirmed.body.payment_group_id ?? '';
    // The group ends alone at 10 minutes; nothing asks until 70 minutes.
    sandbox.advance(70 * MINUTE);

    const created = await createSession(sandbox);
    assert.equal(created.status, 201, JSON.stringify(created.body));
    assertNotFound(await readSession(sandbox, paid.id), /No checkout session found/);
    assertNotFound(await sandbox.call<ErrorAnswer>(`/payment-groups/${groupId}`), /No payment group found/);
  });
});

describe('sandbox: an Idempotency-Key outlives the object it created', () => {
  let sandbox: TestSandbox;
  before(async () => {
    sandbox = await startTestSandbox({ maxObjects: 1, keepFinishedMinutes: 60 });
  });
  after(() => sandbox.close());

  it('replays the first answer verbatim after the object is forgotten, as Stripe does, and creates nothing', async () => {
    const headers = { 'idempotency-key': 'order-4711' };
    const body = newSessionBody({ clientReferenceId: 'order-4711' });
    const first = await sandbox.call<Session>('/checkout-sessions', { key: sandbox.keys.secretTest, body, headers });
    assert.equal(first.status, 201);
    assert.equal((await expire(sandbox, first.body.id)).status, 200);
    sandbox.advance(61 * MINUTE);
    assert.equal((await createSession(sandbox)).status, 201, 'room made by forgetting the first session');
    assertNotFound(await readSession(sandbox, first.body.id), /No checkout session found/);

    const sessionsBefore = sandbox.db.sessions.size;
    const replay = await sandbox.call<Session>('/checkout-sessions', { key: sandbox.keys.secretTest, body, headers });
    assert.equal(replay.status, 201);
    assert.equal(replay.headers.get('idempotent-replayed'), 'true');
    assert.deepEqual(replay.body, first.body, 'the stored answer, OPEN as it was, not a new session');
    assert.equal(sandbox.db.sessions.size, sessionsBefore, 'a retry never creates a second order');
    assertNotFound(await readSession(sandbox, replay.body.id), /No checkout session found/);
  });
});

describe('sandbox: an open session keeps the group it names', () => {
  let sandbox: TestSandbox;
  before(async () => {
    sandbox = await startTestSandbox({ maxObjects: 3, keepFinishedMinutes: 60, testGroupMinutes: 24 * 60 });
  });
  after(() => sandbox.close());

  it('keeps an ended group (and its creator) while an open session has an intent for it, which is refused, not paid elsewhere', async () => {
    const creator = (await createSession(sandbox)).body;
    const creatorIntent = (await createIntent(sandbox, creator)).body;
    const paid = await confirm(sandbox, creatorIntent, 'creator@example.com');
    const groupId = paid.body.payment_group_id ?? '';
    const friend = (await createSession(sandbox)).body;
    const joining = await sandbox.call<PaymentIntent>('/payment-intents', {
      body: { amount: friend.amount_total, checkoutSessionId: friend.id, paymentGroupId: groupId },
    });
    assert.equal(joining.status, 201);
    assert.equal((await sandbox.call(`/sandbox/payment-groups/${groupId}/end`, { method: 'POST' })).status, 200);
    sandbox.advance(61 * MINUTE);

    assert.equal((await createSession(sandbox)).status, 201);
    assert.equal((await createSession(sandbox)).status, 429, 'the ended group and its creator stay for the open session');
    assert.equal((await sandbox.call<PaymentGroup>(`/payment-groups/${groupId}`)).body.status, 'EXPIRED');
    const refused = await confirm<ErrorAnswer>(sandbox, joining.body, 'friend@example.com');
    assert.equal(refused.status, 400);
    assert.equal(refused.body.error.code, 'COMPLETED_EXPIRED_CANCELED');
  });
});

describe('sandbox: what is forgotten leaves no deadline behind', () => {
  let sandbox: TestSandbox;
  before(async () => {
    sandbox = await startTestSandbox({ maxObjects: 3, keepFinishedMinutes: 1, testGroupMinutes: 1 });
  });
  after(() => sandbox.close());

  it('queues deadlines for the records it keeps, not for every session ever created', async () => {
    const seedDeadlines = sandbox.db.queuedDeadlines;
    const cycles = 50;
    for (let i = 0; i < cycles; i += 1) {
      const session = (await createSession(sandbox)).body;
      const paid = await confirm(sandbox, (await createIntent(sandbox, session)).body, `payer-${i}@example.com`);
      assert.equal(paid.status, 200, `${i}: ${JSON.stringify(paid.body)}`);
      // Its group runs out; the session's expires_at, a day ahead, is still to come when retention forgets it.
      sandbox.advance(3 * MINUTE);
    }
    const added = sandbox.db.queuedDeadlines - seedDeadlines;
    // At most 3 sessions and their 3 groups are kept, and as many again may be made before the next forgetting.
    assert.ok(added <= 4 * 3, `${added} deadlines queued beyond the seed's after ${cycles} paid sessions, all but 3 forgotten`);
  });

  it('still hands out every deadline on time once forgotten records are dropped from the queue', () => {
    // Drives the queue behind tick() as a full store does: deadlines come in any order, forgetting drops some.
    const queue = new DeadlineQueue<number>();
    const waiting = new Map<number, number>();
    let seed = 7;
    const draw = (below: number) => (seed = (seed * 48_271) % 2_147_483_647) % below;
    let now = 0;
    for (let id = 0; id < 2000; id += 1) {
      const at = now + 1 + draw(500);
      queue.add(at, id);
      waiting.set(id, at);
      if (id % 50 === 49) {
        const forgotten = new Set([...waiting.keys()].filter(() => draw(3) === 0));
        queue.retain((record) => !forgotten.has(record));
        for (const record of forgotten) waiting.delete(record);
      }
      if (id % 10 === 9) {
        now += draw(60);
        const due = queue.takeDue(now).sort((a, b) => a - b);
        const expected = [...waiting].filter(([, at]) => at <= now).map(([record]) => record).sort((a, b) => a - b);
        assert.deepEqual(due, expected, `due at ${now}`);
        for (const record of due) waiting.delete(record);
      }
    }
  });
});
