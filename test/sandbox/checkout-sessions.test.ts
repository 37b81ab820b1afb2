import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { CheckoutSession, ListResponse } from '../../src/api/types.ts';
import { SEEDED_SESSIONS } from '../../sandbox/seed.ts';
import { MINUTE, createSession, newOpenSession, newSessionBody, startTestSandbox, type ErrorAnswer, type TestSandbox } from './helpers.ts';

const seeded = (key: string) => {
  const found = SEEDED_SESSIONS.find((session) => session.key === key);
  assert.ok(found, key);
  return found;
};

describe('sandbox: checkout sessions', () => {
  let sandbox: TestSandbox;
  before(async () => {
    sandbox = await startTestSandbox();
  });
  after(() => sandbox.close());

  const create = (body: Record<string, unknown>) =>
    sandbox.call<CheckoutSession & ErrorAnswer>('/checkout-sessions?expand[]=line_items', { key: sandbox.keys.secretTest, body });

  it('reads a session by id and by share id with a publishable key', async () => {
    const { id, shareId } = seeded('open-small');
    const byId = await sandbox.call<CheckoutSession>(`/checkout-sessions/${id}`);
    assert.equal(byId.status, 200);
    assert.equal(byId.body.share_id, shareId);
    assert.match(byId.body.id, /^cs_[0-9a-f]{14}$/);
    assert.match(byId.body.share_id, /^cs_test_[0-9a-f]{58}$/);
    assert.equal(byId.body.url, `https://checkout.kohortpay.com/c/${shareId}`);
    assert.equal(byId.body.amount_total, 8990);
    assert.equal(byId.body.success_url, 'http://localhost:4000/success');
    const byShare = await sandbox.call<CheckoutSession>(`/checkout-sessions/${shareId}`);
    assert.equal(byShare.body.id, id);
  });

  it('returns relations only when expanded', async () => {
    const { id } = seeded('completed');
    const bare = await sandbox.call<Record<string, unknown>>(`/checkout-sessions/${id}`);
    for (const relation of ['line_items', 'payment_intent', 'organization', 'payment_group']) {
      assert.equal(bare.body[relation], undefined, relation);
    }
    const query = [
      'expand[]=line_items',
      'expand[]=payment_intent.payment_group',
      'expand[]=organization.brand_settings',
      'expand=organization.payment_group_settings',
      'expand[0]=customer',
    ].join('&');
    const full = await sandbox.call<CheckoutSession & { customer: { email_address: string } }>(`/checkout-sessions/${id}?${query}`);
    assert.equal(full.body.status, 'COMPLETED');
    assert.equal(full.body.line_items?.length, 3);
    assert.equal(full.body.payment_intent?.status, 'SUCCEEDED');
    assert.equal(full.body.payment_intent?.payment_group?.share_id, 'KHT-test-5EED0001');
    assert.equal(full.body.payment_group_share_id, 'KHT-test-5EED0001');
    assert.equal(full.body.organization?.name, 'Maison Kohort');
    const test = full.body.organization?.brand_settings?.find((settings) => !settings.livemode);
    assert.equal(test?.color, 'C62344');
    assert.equal(test?.logo_url, `${sandbox.url}/sandbox/assets/logo.svg`);
    assert.equal(full.body.organization?.payment_group_settings?.minutes_duration, 10);
    assert.equal(full.body.customer.email_address, 'camille@kohort.test');
    // A seeded picture is the sandbox's own file: an absolute URL a page on another origin can load.
    assert.equal(full.body.line_items?.[0]?.image_url, `${sandbox.url}/sandbox/assets/products/tote-bag-brode.svg`);
    // The organization alone brings neither of its own relations.
    const organization = await sandbox.call<CheckoutSession>(`/checkout-sessions/${id}?expand[]=organization`);
    assert.equal(organization.body.organization?.name, 'Maison Kohort');
    assert.equal(organization.body.organization?.brand_settings, undefined, 'brand_settings not asked for');
    assert.equal(organization.body.organization?.payment_group_settings, undefined, 'payment_group_settings not asked for');
    // A comma list names several relations in one parameter.
    const listed = await sandbox.call<CheckoutSession>(`/checkout-sessions/${id}?expand=line_items,payment_intent`);
    assert.equal(listed.body.line_items?.length, 3);
    assert.equal(listed.body.payment_intent?.status, 'SUCCEEDED');
  });

  it('expands the group a session names by its code before anything is paid', async () => {
    const session = await newOpenSession(sandbox, { paymentGroupShareId: 'KHT-test-5EED0001' });
    const { body } = await sandbox.call<CheckoutSession>(`/checkout-sessions/${session.id}?expand[]=payment_group&expand[]=payment_intent`);
    assert.equal(body.payment_intent, null, 'nothing paid yet');
    assert.equal(body.payment_group?.share_id, 'KHT-test-5EED0001');
    assert.equal(body.payment_group?.status, 'OPEN');
  });

  it('gives an intent read without its group the group\'s id in payment_group_id, never the group as a string', async () => {
    const { id } = seeded('completed');
    const { body } = await sandbox.call<Record<string, Record<string, unknown>>>(`/checkout-sessions/${id}?expand[]=payment_intent`);
    assert.match(String(body.payment_intent?.payment_group_id), /^pg_[0-9a-f]{14}$/);
    assert.equal('payment_group' in body.payment_intent!, false);
    const expanded = await sandbox.call<CheckoutSession>(`/checkout-sessions/${id}?expand[]=payment_intent.payment_group`);
    assert.equal(expanded.body.payment_intent?.payment_group?.id, body.payment_intent?.payment_group_id);
  });

  it('computes line totals and keeps every line type of the seeded cart', async () => {
    const { id } = seeded('open-all-types');
    const { body } = await sandbox.call<CheckoutSession>(`/checkout-sessions/${id}?expand[]=line_items`);
    const items = body.line_items ?? [];
    assert.deepEqual(
      [...new Set(items.map((item) => item.type))].sort(),
      ['DISCOUNT', 'GIFT_CARD', 'PRODUCT', 'SHIPPING', 'STORE_CREDIT'],
    );
    assert.equal(items.reduce((sum, item) => sum + item.amount_total, 0), body.amount_total);
    for (const item of items) assert.equal(item.amount_total, item.price * item.quantity);
    const big = await sandbox.call<CheckoutSession>(`/checkout-sessions/${seeded('open-200').id}?expand[]=line_items`);
    assert.equal(big.body.line_items?.length, 200);
  });

  it('answers 404 with the envelope for an unknown session', async () => {
    const answer = await sandbox.call<ErrorAnswer>('/checkout-sessions/cs_00000000000000');
    assert.equal(answer.status, 404);
    assert.equal(answer.body.error.code, 'Not Found');
    assert.equal(answer.body.error.type, 'invalid_request_error');
  });

  it('keeps live and test objects apart', async () => {
    const live = seeded('live');
    assert.equal((await sandbox.call(`/checkout-sessions/${live.id}`)).status, 404);
    const withLiveKey = await sandbox.call<CheckoutSession>(`/checkout-sessions/${live.id}`, {
      key: sandbox.keys.publishableLive,
    });
    assert.equal(withLiveKey.status, 200);
    assert.equal(withLiveKey.body.livemode, true);
    assert.match(withLiveKey.body.share_id, /^cs_live_/);
    // Live groups last days, test ones minutes: a live session shows the live settings.
    const settingsPath = `/checkout-sessions/${live.id}?expand[]=organization.payment_group_settings`;
    const liveSettings = await sandbox.call<CheckoutSession>(settingsPath, { key: sandbox.keys.publishableLive });
    assert.equal(liveSettings.body.organization?.payment_group_settings?.minutes_duration, 7 * 24 * 60);
    const testFromLive = await sandbox.call(`/checkout-sessions/${seeded('open-small').id}`, {
      key: sandbox.keys.publishableLive,
    });
    assert.equal(testFromLive.status, 404);
  });

  it('creates a session from a camelCase body', async () => {
    const answer = await create(newSessionBody({ customerEmail: 'lea@example.com', metadata: { orderId: 'A-1' } }));
    assert.equal(answer.status, 201);
    const session = answer.body;
    assert.match(session.id, /^cs_[0-9a-f]{14}$/);
    assert.match(session.share_id, /^cs_test_[0-9a-f]{58}$/);
    assert.equal(session.url, `https://checkout.kohortpay.com/c/${session.share_id}`);
    assert.equal(session.status, 'OPEN');
    assert.equal(session.livemode, false);
    assert.equal(session.customer_email, 'lea@example.com');
    assert.deepEqual(session.metadata, { orderId: 'A-1' }, 'metadata keys are passed through untouched');
    assert.equal(session.line_items?.[0]?.amount_total, 4500);
    assert.equal(session.line_items?.[0]?.image_url, 'https://img.example/c.jpg');
    assert.match(session.line_items?.[0]?.id ?? '', /^li_/);
    assert.equal(Date.parse(session.expires_at ?? '') - Date.parse(session.created_at), 24 * 60 * MINUTE);
    const read = await sandbox.call<CheckoutSession>(`/checkout-sessions/${session.id}`);
    assert.equal(read.status, 200);
  });

  it('creates a session from a snake_case body with defaults and a normalised locale', async () => {
    const answer = await create({
      amount_total: 3000,
      locale: 'en-US',
      line_items: [{ name: 'Poster', price: 1500, quantity: 2 }],
    });
    assert.equal(answer.status, 201);
    assert.equal(answer.body.locale, 'en_US');
    assert.equal(answer.body.line_items?.[0]?.type, 'PRODUCT');
    assert.equal(answer.body.line_items?.[0]?.amount_total, 3000);
    const noLocale = await create({ amount_total: 100, line_items: [{ name: 'Pin', price: 100 }] });
    assert.equal(noLocale.body.locale, 'fr_FR');
    assert.equal(noLocale.body.line_items?.[0]?.quantity, 1);
  });

  it('refuses each invalid field with a list of messages', async () => {
    const now = Date.parse('2026-03-02T10:00:00.000Z');
    const cases: Array<[string, Record<string, unknown>, RegExp]> = [
      ['amount_total missing', { amountTotal: undefined }, /amount_total/],
      ['amount_total not an integer', { amountTotal: 54.9 }, /amount_total/],
      ['amount_total negative', { amountTotal: -5 }, /amount_total/],
      ['no line items', { lineItems: [] }, /line_items/],
      ['quantity > 1 on SHIPPING', { amountTotal: 5490 + 990, lineItems: [
        { name: 'Chemise', price: 4500 }, { name: 'Livraison', price: 990, quantity: 2, type: 'SHIPPING' },
      ] }, /only PRODUCT/],
      ['positive DISCOUNT', { amountTotal: 5000, lineItems: [
        { name: 'Chemise', price: 4500 }, { name: 'Remise', price: 500, type: 'DISCOUNT' },
      ] }, /negative/],
      ['DISCOUNT of zero', { amountTotal: 4500, lineItems: [
        { name: 'Chemise', price: 4500 }, { name: 'Remise', price: 0, type: 'DISCOUNT' },
      ] }, /negative/],
      ['negative PRODUCT', { amountTotal: 100, lineItems: [
        { name: 'Chemise', price: 200 }, { name: 'Bizarre', price: -100 },
      ] }, /zero or positive/],
      ['zero quantity', { amountTotal: 100, lineItems: [{ name: 'Chemise', price: 100, quantity: 0 }] }, /quantity/],
      ['unknown type', { amountTotal: 100, lineItems: [{ name: 'Chemise', price: 100, type: 'TIP' }] }, /type/],
      ['total not the sum', { amountTotal: 9999 }, /sum of the line items/],
      ['amount_total past 2^53', { amountTotal: 1e300, lineItems: [{ name: 'Chemise', price: 1e300 }] }, /amount_total must be a positive integer/],
      ['price × quantity past 2^53', { amountTotal: 2 ** 53, lineItems: [{ name: 'Chemise', price: 2 ** 52, quantity: 2 }] }, /too large/],
      ['a sum that only rounds to the total', { amountTotal: 2 ** 53 - 1, lineItems: [
        { name: 'Chemise', price: 2 ** 53 - 1 }, { name: 'Bouton', price: 1 }, { name: 'Col', price: 1 }, { name: 'Remise', price: -1, type: 'DISCOUNT' },
      ] }, /sum of the line items/],
      ['expires too soon', { expiresAt: new Date(now + 10 * MINUTE).toISOString() }, /expires_at/],
      ['expires too late', { expiresAt: new Date(now + 25 * 60 * MINUTE).toISOString() }, /expires_at/],
      ['unknown locale', { locale: 'de_DE' }, /locale/],
      ['currency not EUR', { currency: 'USD' }, /currency must be EUR/],
      ['success_url not http', { successUrl: 'javascript:alert(1)' }, /success_url/],
      ['cancel_url not a URL', { cancelUrl: 'back' }, /cancel_url/],
      ['a line name of spaces only', { amountTotal: 100, lineItems: [{ name: '   ', price: 100 }] }, /line_items\[0\]\.name/],
      ['image_url not http', { amountTotal: 100, lineItems: [{ name: 'Chemise', price: 100, imageUrl: 'javascript:alert(1)' }] }, /line_items\[0\]\.image_url/],
      ['metadata a list', { metadata: ['order-1'] }, /metadata must be an object/],
    ];
    for (const [label, overrides, pattern] of cases) {
      const answer = await create(newSessionBody(overrides));
      assert.equal(answer.status, 400, label);
      assert.equal(answer.body.error.code, 'Bad Request', label);
      assert.ok(Array.isArray(answer.body.error.message), label);
      assert.match((answer.body.error.message as string[]).join('\n'), pattern, label);
    }
  });

  it('takes a 1,000-line cart, the widget\'s benchmark, and refuses a 1,001st line with a validation error', async () => {
    const cart = (lines: number) =>
      newSessionBody({
        amountTotal: lines * 100,
        lineItems: Array.from({ length: lines }, (_, index) => ({ name: `Article ${index + 1}`, price: 100 })),
      });
    const sessionsBefore = sandbox.db.sessions.size;
    const refused = await create(cart(1001));
    assert.equal(refused.status, 400);
    assert.equal(refused.body.error.type, 'invalid_request_error');
    assert.equal(refused.body.error.code, 'Bad Request');
    assert.deepEqual(refused.body.error.message, ['line_items must contain no more than 1000 elements']);
    assert.equal(sandbox.db.sessions.size, sessionsBefore, 'nothing stored');

    const taken = await create(cart(1000));
    assert.equal(taken.status, 201);
    assert.equal(taken.body.line_items?.length, 1000);
  });

  it('accepts negative DISCOUNT, GIFT_CARD and STORE_CREDIT lines and an expiry within bounds', async () => {
    const now = Date.parse('2026-03-02T10:00:00.000Z');
    const answer = await create(newSessionBody({
      amountTotal: 4500 - 450 - 1000 - 50,
      expiresAt: new Date(now + 45 * MINUTE).toISOString(),
      lineItems: [
        { name: 'Chemise', price: 4500 },
        { name: 'Remise', price: -450, type: 'DISCOUNT' },
        { name: 'Carte cadeau', price: -1000, type: 'GIFT_CARD' },
        { name: 'Avoir', price: -50, type: 'STORE_CREDIT' },
      ],
    }));
    assert.equal(answer.status, 201);
    assert.equal(answer.body.expires_at, new Date(now + 45 * MINUTE).toISOString());
    // A merchant's server clock a little ahead of the sandbox's still gets its 30 minutes and its 24 hours.
    for (const expiresAt of [now + 30 * MINUTE - 30_000, now + 24 * 60 * MINUTE + 30_000]) {
      const atEdge = await create(newSessionBody({ expiresAt: new Date(expiresAt).toISOString() }));
      assert.equal(atEdge.status, 201, new Date(expiresAt).toISOString());
    }
  });

  it('lists sessions newest first with take and skip', async () => {
    const first = await createSession(sandbox);
    sandbox.advance(1000);
    const second = await createSession(sandbox);
    const page = await sandbox.call<ListResponse<CheckoutSession>>('/checkout-sessions?take=2', {
      key: sandbox.keys.secretTest,
    });
    assert.equal(page.status, 200);
    assert.deepEqual(page.body.data.map((s) => s.id), [second.body.id, first.body.id]);
    assert.ok(page.body.count > 2, 'more than two test sessions counted');
    assert.ok(page.body.data.every((s) => s.livemode === false), 'test sessions only');
    const next = await sandbox.call<ListResponse<CheckoutSession>>('/checkout-sessions?take=1&skip=1', {
      key: sandbox.keys.secretTest,
    });
    assert.equal(next.body.data[0]?.id, first.body.id);
    const live = await sandbox.call<ListResponse<CheckoutSession>>('/checkout-sessions', { key: sandbox.keys.secretLive });
    assert.ok(live.body.data.every((s) => s.livemode === true), 'live sessions only');
  });

  describe('orderBy and search on the list', () => {
    const list = (query: string) =>
      sandbox.call<ListResponse<CheckoutSession> & ErrorAnswer>(`/checkout-sessions?${query}`, {
        key: sandbox.keys.secretTest,
      });
    const batch = `batch-${Math.random().toString(16).slice(2, 10)}`;
    let made: CheckoutSession[] = [];

    before(async () => {
      made = [];
      // Created a second apart, amounts not in creation order, one without an e-mail.
      for (const [amount, email] of [[3000, 'b@example.com'], [1000, null], [2000, 'a@example.com']] as const) {
        const answer = await createSession(sandbox, {
          amountTotal: amount,
          lineItems: [{ name: 'Article', price: amount }],
          clientReferenceId: batch,
          customerEmail: email ?? undefined,
        });
        assert.equal(answer.status, 201);
        made.push(answer.body);
        sandbox.advance(1000);
      }
    });

    const ids = (answer: { body: ListResponse<CheckoutSession> }) => answer.body.data.map((session) => session.id);
    /** The id of the batch's session created in that position (0 the oldest). */
    const madeId = (index: number) => made[index]?.id;

    it('filters with search=property:value, exactly, and counts only the matches', async () => {
      const found = await list(`search=client_reference_id:${batch}`);
      assert.equal(found.status, 200);
      assert.equal(found.body.count, 3);
      assert.deepEqual(ids(found), [madeId(2), madeId(1), madeId(0)], 'newest first by default');
      const camel = await list(`search=clientReferenceId:${batch}&take=1&skip=1`);
      assert.equal(camel.body.count, 3, 'count is the matches, not the page');
      assert.deepEqual(ids(camel), [madeId(1)]);
      assert.equal((await list(`search=client_reference_id:${batch.toUpperCase()}`)).body.count, 0, 'case-sensitive');
      assert.equal((await list(`search=client_reference_id:${batch.slice(0, -1)}`)).body.count, 0, 'no partial match');
      const byAmount = await list('search=amount_total:1000&take=100');
      assert.ok(ids(byAmount).includes(madeId(1)), 'numbers match as they are written');
      assert.deepEqual([...new Set(byAmount.body.data.map((session) => session.amount_total))], [1000]);
      const expired = await list('search=status:EXPIRED&take=100');
      assert.ok(expired.body.count > 0, 'the seed has expired sessions');
      assert.deepEqual([...new Set(expired.body.data.map((session) => session.status))], ['EXPIRED']);
    });

    it('orders with orderBy=field:asc|desc, ascending when no direction is given', async () => {
      const search = `search=client_reference_id:${batch}`;
      assert.deepEqual(ids(await list(`${search}&orderBy=createdAt:asc`)), [madeId(0), madeId(1), madeId(2)]);
      assert.deepEqual(ids(await list(`${search}&orderBy=created_at:desc`)), [madeId(2), madeId(1), madeId(0)]);
      assert.deepEqual(ids(await list(`${search}&orderBy=amountTotal`)), [madeId(1), madeId(2), madeId(0)]);
      assert.deepEqual(ids(await list(`${search}&orderBy=amount_total:DESC`)), [madeId(0), madeId(2), madeId(1)]);
      // Nulls sort last ascending and first descending, as in Postgres.
      assert.deepEqual(ids(await list(`${search}&orderBy=customer_email:asc`)), [madeId(2), madeId(0), madeId(1)]);
      assert.deepEqual(ids(await list(`${search}&orderBy=customer_email:desc`)), [madeId(1), madeId(0), madeId(2)]);
    });

    it('refuses a take, skip, orderBy or search it cannot honour with a validation error', async () => {
      const cases: Array<[string, RegExp]> = [
        ['orderBy=createdAt:sideways', /orderBy direction must be asc or desc/],
        ['orderBy=line_items:asc', /orderBy must be field:asc\|desc with a field one of/],
        ['orderBy=metadata', /orderBy must be field/],
        ['orderBy=createdAt:asc&orderBy=amountTotal', /orderBy may be given once/],
        ['search=OPEN', /search must be property:value/],
        ['search=customer_email:~example', /partial matches/],
        ['search=nope:1', /search property must be one of/],
        ['search=metadata.cartId:1', /search property must be one of/],
        ['search=status:', /search value must not be empty/],
        ['search=status:OPEN&search=livemode:false', /search takes a single property:value/],
        // "take … must be a positive int": not the integer read from the front of the text.
        ['take=1.5', /take must be an integer between 1 and 100/],
        ['take=10abc', /take must be an integer between 1 and 100/],
        ['take=1e2', /take must be an integer between 1 and 100/],
        ['skip=2x', /skip must be a non-negative integer/],
        ['skip=0.5', /skip must be a non-negative integer/],
      ];
      for (const [query, pattern] of cases) {
        const answer = await list(query);
        assert.equal(answer.status, 400, query);
        assert.equal(answer.body.error.code, 'Bad Request', query);
        assert.ok(Array.isArray(answer.body.error.message), query);
        assert.match((answer.body.error.message as string[]).join('\n'), pattern, query);
      }
    });
  });

  it('expires an OPEN session and refuses to expire it twice', async () => {
    const created = await createSession(sandbox);
    const expired = await sandbox.call<CheckoutSession>(`/checkout-sessions/${created.body.id}/expire`, {
      method: 'PATCH',
      key: sandbox.keys.secretTest,
    });
    assert.equal(expired.status, 200);
    assert.equal(expired.body.status, 'EXPIRED');
    assert.equal(expired.body.expires_at, expired.body.updated_at, 'expires_at moves to now');
    const again = await sandbox.call<ErrorAnswer>(`/checkout-sessions/${created.body.id}/expire`, {
      method: 'PATCH',
      key: sandbox.keys.secretTest,
    });
    assert.equal(again.status, 400);
    assert.equal(again.body.error.code, 'WRONG_STATUS');
    const withPk = await sandbox.call(`/checkout-sessions/${created.body.id}/expire`, { method: 'PATCH' });
    assert.equal(withPk.status, 401);
  });

  it('turns an OPEN session whose expires_at passed into EXPIRED', async () => {
    const { id } = seeded('expiring');
    assert.equal((await sandbox.call<CheckoutSession>(`/checkout-sessions/${id}`)).body.status, 'OPEN');
    sandbox.advance(2 * MINUTE);
    assert.equal((await sandbox.call<CheckoutSession>(`/checkout-sessions/${id}`)).body.status, 'EXPIRED');
    assert.equal((await sandbox.call<CheckoutSession>(`/checkout-sessions/${seeded('expired').id}`)).body.status, 'EXPIRED');
  });

  it('expires a session at its expires_at to the millisecond, and refuses to take a payment from then on', async () => {
    const created = (await createSession(sandbox)).body;
    sandbox.advance(Date.parse(created.expires_at!) - Date.parse(created.created_at) - 1);
    assert.equal((await sandbox.call<CheckoutSession>(`/checkout-sessions/${created.id}`)).body.status, 'OPEN');
    sandbox.advance(1);
    assert.equal((await sandbox.call<CheckoutSession>(`/checkout-sessions/${created.id}`)).body.status, 'EXPIRED');
    const late = await sandbox.call<ErrorAnswer>('/payment-intents', {
      body: { amount: created.amount_total, checkoutSessionId: created.id },
    });
    assert.equal(late.status, 400);
    assert.equal(late.body.error.code, 'WRONG_STATUS');
  });
});
