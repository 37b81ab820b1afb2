/**
 * The sandbox against CONTRACT.md and the OpenAPI specs beside it, point by point: what a
 * merchant builds against here must work unchanged once `api-base` is the real API.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { CheckoutSession, ListResponse, PaymentGroup, PaymentIntent } from '../../src/api/types.ts';
import { newSessionBody, startTestSandbox, type ErrorAnswer, type TestSandbox } from './helpers.ts';

describe('sandbox: contract conformance', () => {
  let sandbox: TestSandbox;
  before(async () => {
    sandbox = await startTestSandbox();
  });
  after(() => sandbox.close());

  /** A new session (with `sessionFields`) paid by a payer who confirms with `payerEmail`. */
  async function payWithAnotherEmail(sessionFields: Record<string, unknown>, payerEmail: string) {
    const session = await sandbox.call<CheckoutSession>('/checkout-sessions', { key: sandbox.keys.secretTest, body: newSessionBody(sessionFields) });
    const intent = await sandbox.call<PaymentIntent>('/payment-intents', {
      body: { amount: session.body.amount_total, checkoutSessionId: session.body.id },
    });
    const paid = await sandbox.call<PaymentIntent>(`/sandbox/payment-intents/${intent.body.id}/confirm?expand[]=payment_group`, {
      key: sandbox.keys.secretTest,
      body: { client_secret: intent.body.client_secret, customer_email: payerEmail },
    });
    return { session, paid };
  }

  it('cancels and expires groups with POST only, the one method both specs give', async () => {
    for (const action of ['cancel', 'expire']) {
      for (const prefix of ['/payment-groups', '/groups']) {
        const patch = await sandbox.call<ErrorAnswer>(`${prefix}/KHT-test-5EED0007/${action}`, {
          method: 'PATCH',
          key: sandbox.keys.secretTest,
        });
        assert.equal(patch.status, 404, `PATCH ${prefix}/{id}/${action} is no route of the API`);
        assert.equal(patch.body.error.code, 'Not Found');
      }
    }
    const group = await sandbox.call<PaymentGroup>('/payment-groups/KHT-test-5EED0007', { key: sandbox.keys.secretTest });
    assert.equal(group.body.status, 'OPEN', 'nothing was canceled by the refused PATCH');
    const cancel = await sandbox.call<PaymentGroup>('/groups/KHT-test-5EED0007/cancel', {
      method: 'POST',
      key: sandbox.keys.secretTest,
    });
    assert.equal(cancel.status, 200);
    assert.equal(cancel.body.status, 'CANCELED');
  });

  it('pages lists by 25 when take is not given, as openapi.json says ("Default is 25")', async () => {
    for (let i = 0; i < 3; i += 1) {
      const created = await sandbox.call('/checkout-sessions', { key: sandbox.keys.secretTest, body: newSessionBody() });
      assert.equal(created.status, 201);
    }
    const list = await sandbox.call<ListResponse<CheckoutSession>>('/checkout-sessions', { key: sandbox.keys.secretTest });
    assert.equal(list.status, 200);
    assert.ok(list.body.count > 25, `enough sessions to fill a page (${list.body.count})`);
    assert.equal(list.body.data.length, 25);
  });

  it('takes order_by as well as orderBy: query strings may be snake_case or camelCase', async () => {
    const ids = async (query: string) => {
      const list = await sandbox.call<ListResponse<CheckoutSession>>(`/checkout-sessions?${query}`, {
        key: sandbox.keys.secretTest,
      });
      assert.equal(list.status, 200, query);
      return list.body.data.map((session) => session.id);
    };
    const oldestFirst = await ids('orderBy=createdAt:asc&take=5');
    assert.deepEqual(await ids('order_by=created_at:asc&take=5'), oldestFirst);
    assert.notDeepEqual(await ids('take=5'), oldestFirst, 'the default order is another one');
    const twice = await sandbox.call<ErrorAnswer>('/checkout-sessions?orderBy=createdAt:asc&order_by=status:desc', {
      key: sandbox.keys.secretTest,
    });
    assert.equal(twice.status, 400);
  });

  it('expands camelCase paths as their snake_case names', async () => {
    const snake = await sandbox.call<CheckoutSession>(
      '/checkout-sessions/cs_5eed00000000c1?expand[]=line_items&expand[]=payment_intent.payment_group&expand[]=organization.brand_settings',
    );
    const camel = await sandbox.call<CheckoutSession>(
      '/checkout-sessions/cs_5eed00000000c1?expand[]=lineItems&expand[]=paymentIntent.paymentGroup&expand[]=organization.brandSettings',
    );
    assert.equal(camel.status, 200);
    assert.ok(snake.body.payment_intent?.payment_group, 'the seeded paid session has a group');
    assert.deepEqual(camel.body, snake.body);
  });

  it('returns the line items of a new session only when asked, like every relation', async () => {
    const plain = await sandbox.call<CheckoutSession>('/checkout-sessions', { key: sandbox.keys.secretTest, body: newSessionBody() });
    assert.equal(plain.status, 201);
    assert.equal(plain.body.line_items, undefined);
    const asked = await sandbox.call<CheckoutSession>('/checkout-sessions?expand[]=line_items', {
      key: sandbox.keys.secretTest,
      body: newSessionBody(),
    });
    assert.equal(asked.status, 201);
    assert.equal(asked.body.line_items?.length, 2);
  });

  it('returns a validated group\'s creator only under expand[]=customer: validation adds the settings and the next level, no relation', async () => {
    const plain = await sandbox.call<Record<string, unknown>>('/payment-groups/KHT-test-5EED0001/validate', { body: {} });
    assert.equal(plain.status, 201);
    assert.equal(plain.body.customer, undefined);
    assert.equal(plain.body.payment_group_settings, undefined);
    assert.equal(plain.body.payment_intents, undefined);
    assert.equal(plain.body.discount_type, 'PERCENTAGE', 'the settings stay merged in');
    assert.ok(plain.body.current_discount_level);
    const asked = await sandbox.call<Record<string, unknown>>('/payment-groups/KHT-test-5EED0001/validate?expand[]=customer', { body: {} });
    assert.deepEqual(asked.body.customer, { first_name: 'Marie', last_name: 'Dupont' });
  });

  it('expands a session\'s customer with the Customer object\'s field names (email_address)', async () => {
    const { body } = await sandbox.call<CheckoutSession & { customer?: Record<string, unknown> | null }>(
      '/checkout-sessions/cs_5eed00000000a1?expand[]=customer',
    );
    assert.ok(body.customer);
    assert.equal(body.customer.email_address, 'marie.curie@example.com');
    assert.equal(body.customer.email, undefined, 'openapi: CustomerDto.emailAddress, no "email"');
    assert.equal(body.customer.id, body.customer_id);
    assert.equal(body.customer.first_name, 'Marie');
    assert.equal(body.customer.last_name, 'Curie');
    assert.equal(body.customer.livemode, false);
    assert.equal(body.customer.is_blocked, false);
    assert.equal(body.customer.organization_id, body.organization_id);
  });

  it('shows a session with the contract\'s fields: its intent only as the expandable payment_intent', async () => {
    const plain = await sandbox.call<Record<string, unknown>>('/checkout-sessions/cs_5eed00000000c1');
    assert.equal('payment_intent_id' in plain.body, false, 'not a field of the CheckoutSession model');
    const expanded = await sandbox.call<CheckoutSession>('/checkout-sessions/cs_5eed00000000c1?expand[]=payment_intent');
    assert.equal(expanded.body.payment_intent?.id, 'pi_5eed00000000c1');
    const search = await sandbox.call<ErrorAnswer>('/checkout-sessions?search=payment_intent_id:pi_5eed00000000c1', {
      key: sandbox.keys.secretTest,
    });
    assert.equal(search.status, 400, 'nor a field a list can be searched on');
  });

  it('lets a browser send any request header, as open CORS does (a tracing SDK adds its own)', async () => {
    const response = await fetch(`${sandbox.url}/checkout-sessions/cs_5eed00000000a1`, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://shop.example',
        'access-control-request-method': 'GET',
        'access-control-request-headers': 'authorization, sentry-trace, baggage',
      },
    });
    assert.equal(response.status, 204);
    assert.equal(response.headers.get('access-control-allow-origin'), '*');
    const allowed = (response.headers.get('access-control-allow-headers') ?? '').toLowerCase().split(/\s*,\s*/);
    for (const header of ['authorization', 'sentry-trace', 'baggage']) assert.ok(allowed.includes(header), header);
  });

  it('keeps one customer per payer when the confirmation gives another e-mail than the session', async () => {
    const { session, paid } = await payWithAnotherEmail({ customerEmail: 'first@example.com' }, 'second@example.com');
    assert.equal(paid.body.status, 'SUCCEEDED');
    assert.equal(paid.body.customer_email, 'second@example.com');
    assert.notEqual(paid.body.customer_id, session.body.customer_id, 'not the customer of the other address');
    assert.equal(paid.body.payment_group?.customer_id, paid.body.customer_id, 'the group\'s creator is the payer');
    const read = await sandbox.call<CheckoutSession>(`/checkout-sessions/${session.body.id}`, { key: sandbox.keys.secretTest });
    assert.equal(read.body.customer_email, 'second@example.com');
    assert.equal(read.body.customer_id, paid.body.customer_id);
  });

  it('keeps a customer id the merchant gave, whatever e-mail pays', async () => {
    const { paid } = await payWithAnotherEmail({ customerEmail: 'own@example.com', customerId: 'cus_merchant000001' }, 'other@example.com');
    assert.equal(paid.body.customer_id, 'cus_merchant000001');
    assert.equal(paid.body.payment_group?.customer_id, 'cus_merchant000001');
  });

  it('shows a group\'s organization_id and updated_at, which openapi.json\'s PaymentGroupDto requires', async () => {
    const session = await sandbox.call<CheckoutSession>('/checkout-sessions/cs_5eed00000000a1');
    const group = await sandbox.call<Record<string, unknown>>('/payment-groups/KHT-test-5EED0001');
    assert.equal(group.body.organization_id, session.body.organization_id);
    assert.equal(typeof group.body.updated_at, 'string');
    assert.ok(Date.parse(group.body.updated_at as string) >= Date.parse(group.body.created_at as string));
    const canceled = await sandbox.call<Record<string, unknown>>('/payment-groups/KHTPAY-5EED0006/cancel', {
      method: 'POST',
      key: sandbox.keys.secretTest,
    });
    assert.equal(canceled.body.updated_at, canceled.body.canceled_at);
  });
});
