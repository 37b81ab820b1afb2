/**
 * The sandbox against docs/API.md and the published OpenAPI documents (specs/), point by point: what a
 * merchant builds against here must work unchanged once `api-base` is the real API.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type { CheckoutSession, ListResponse, PaymentGroup, PaymentIntent } from '../../src/api/types.ts';
import { SEEDED_GROUPS } from '../../sandbox/seed.ts';
import { createIntent, createSession, newSessionBody, payNewSession, startTestSandbox, type Answer, type ErrorAnswer, type TestSandbox } from './helpers.ts';
import { loadSpec, responseSchema, SPECS_DIR, schemaProblems, type OpenApiDocument, type Schema, type SpecName } from './openapi.ts';

describe('sandbox: contract conformance', () => {
  let sandbox: TestSandbox;
  before(async () => {
    sandbox = await startTestSandbox();
  });
  after(() => sandbox.close());

  /** A new session (with `sessionFields`) paid by a payer who confirms with `payerEmail`. */
  const payWithAnotherEmail = (sessionFields: Record<string, unknown>, payerEmail: string) =>
    payNewSession(sandbox, sessionFields, { customer_email: payerEmail });

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
      const created = await createSession(sandbox);
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
    assert.ok(plain.body.current_discount_level, 'a current discount level');
    const asked = await sandbox.call<Record<string, unknown>>('/payment-groups/KHT-test-5EED0001/validate?expand[]=customer', { body: {} });
    assert.deepEqual(asked.body.customer, { first_name: 'Marie', last_name: 'Dupont' });
  });

  it('expands a session\'s customer with the Customer object\'s field names (email_address)', async () => {
    const { body } = await sandbox.call<CheckoutSession & { customer?: Record<string, unknown> | null }>(
      '/checkout-sessions/cs_5eed00000000a1?expand[]=customer',
    );
    assert.ok(body.customer, 'the customer expanded');
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
    assert.notEqual(paid.body.customer_id, session.customer_id, 'not the customer of the other address');
    assert.equal(paid.body.payment_group?.customer_id, paid.body.customer_id, 'the group\'s creator is the payer');
    const read = await sandbox.call<CheckoutSession>(`/checkout-sessions/${session.id}`, { key: sandbox.keys.secretTest });
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
    assert.ok(Date.parse(group.body.updated_at as string) >= Date.parse(group.body.created_at as string), 'updated_at not before created_at');
    const canceled = await sandbox.call<Record<string, unknown>>('/payment-groups/KHTPAY-5EED0006/cancel', {
      method: 'POST',
      key: sandbox.keys.secretTest,
    });
    assert.equal(canceled.body.updated_at, canceled.body.canceled_at);
  });
});

/**
 * Every answer the two OpenAPI documents give a JSON schema for, checked against it; the
 * differences the sandbox keeps are listed by name, each one the contract's choice and a question
 * in docs/API-QUESTIONS.md. Property names are compared snake_cased (the contract's answers are
 * snake_case, the schemas camelCase).
 */
describe('sandbox: answers against the published response schemas', () => {
  let sandbox: TestSandbox;
  before(async () => {
    sandbox = await startTestSandbox();
  });
  after(() => sandbox.close());

  const specs: Record<SpecName, OpenApiDocument> = {
    'openapi.json': loadSpec('openapi.json'),
    'openapi-full.json': loadSpec('openapi-full.json'),
  };
  /** `openapi.json POST /groups/{id}/validate 404`, for each schema this file checked an answer against. */
  const checked = new Set<string>();

  /** Question 16: PaymentGroupDto fields the sandbox has no value for, and leaves out. */
  const GROUP_FIELDS_LEFT_OUT = ['j_minus2_expire_at', 'j_plus3_start_at', 'reminder_email_sent', 'created_by', 'updated_by'];
  /**
   * What a group of `status` lacks against PaymentGroupDto, at `at`: the fields left out, and the
   * dates the contract marks optional (`completed_at?`, `canceled_at?`), null until the group
   * completes or is canceled, which the schema makes non-nullable strings (question 16).
   */
  const groupDifferences = (status: string, at = 'body') => [
    ...GROUP_FIELDS_LEFT_OUT.map((field) => `${at}.${field}: required, missing`),
    ...(status === 'COMPLETED' ? [] : [`${at}.completed_at: null, but not nullable`]),
    ...(status === 'CANCELED' ? [] : [`${at}.canceled_at: null, but not nullable`]),
  ];
  /** Question 24: a validation error's `message` is the contract's array of strings; the specs' schemas say a string. */
  const MESSAGE_LIST = 'body.error.message: array where the schema says string';

  interface Expectation {
    /** The documented differences, each a line of `schemaProblems`; none by default. */
    differences?: string[];
    /** The status the sandbox answers, when it is not the spec's (question 2: validate's 201). */
    answeredWith?: number;
    /** The part of the body the schema describes (question 24: the error schemas of openapi.json describe `error`). */
    part?: (body: Record<string, unknown>) => unknown;
  }

  /** `answer` is what `spec` publishes for `operation` (`GET /payment-groups/{id}`) and `status`, but for `differences`. */
  function assertPublished(spec: SpecName, operation: string, status: number, answer: Answer<unknown>, expected: Expectation = {}) {
    const [method = '', path = ''] = operation.split(' ');
    const label = `${spec} ${operation} ${status}`;
    assert.equal(answer.status, expected.answeredWith ?? status, label);
    const schema = responseSchema(specs[spec], method, path, status);
    assert.ok(schema, `${label} has a JSON schema`);
    const part = expected.part ?? ((body) => body);
    const problems = schemaProblems(specs[spec], schema, part(answer.body as Record<string, unknown>));
    assert.deepEqual(problems.sort(), [...(expected.differences ?? [])].sort(), label);
    checked.add(label);
  }

  it('reads copies of shared/kohortpay-api\'s documents, byte for byte', (context) => {
    const published = process.env.KOHORT_API_DIR ?? fileURLToPath(new URL('../../../shared/kohortpay-api/', import.meta.url));
    if (!existsSync(published)) return context.skip(`no ${published} beside the repository (KOHORT_API_DIR names another)`);
    for (const name of ['openapi.json', 'openapi-full.json']) {
      const copy = readFileSync(new URL(name, SPECS_DIR));
      assert.ok(readFileSync(join(published, name)).equals(copy), `${name} changed: copy it to test/sandbox/specs/`);
    }
  });

  it('points readers at docs/API.md and specs/, never at ../shared, which a clone or the npm page lacks', () => {
    const root = fileURLToPath(new URL('../../', import.meta.url));
    const files = ['README.md', ...['docs', 'sandbox', 'src'].flatMap((folder) =>
      readdirSync(join(root, folder), { recursive: true, encoding: 'utf8' })
        .filter((file) => /\.(md|ts)$/.test(file))
        .map((file) => join(folder, file)))];
    const outside = files.filter((file) => /shared\/kohortpay-api|CONTRACT\.md/.test(readFileSync(join(root, file), 'utf8')));
    assert.deepEqual(outside, []);
  });

  const sk = () => ({ key: sandbox.keys.secretTest });
  const pk = () => ({ key: sandbox.keys.publishableTest });

  it('checks a group in every state, read with either key, at /payment-groups and /groups, against PaymentGroupDto', async () => {
    const { publishableTest, secretTest, publishableLive, secretLive } = sandbox.keys;
    for (const group of SEEDED_GROUPS) {
      for (const prefix of ['/payment-groups', '/groups']) {
        for (const key of group.livemode ? [publishableLive, secretLive] : [publishableTest, secretTest]) {
          const read = await sandbox.call<PaymentGroup>(`${prefix}/${group.shareId}?expand[]=payment_intents&expand[]=customer`, { key });
          assertPublished('openapi.json', `GET ${prefix}/{id}`, 200, read, { differences: groupDifferences(read.body.status) });
        }
      }
    }
  });

  it('checks a group started by a payment whose e-mail came with the confirmation', async () => {
    const { paid } = await payNewSession(sandbox, {}, { customer_email: 'late@example.com' });
    assert.equal(paid.body.status, 'SUCCEEDED');
    for (const key of [sandbox.keys.publishableTest, sandbox.keys.secretTest]) {
      const read = await sandbox.call(`/payment-groups/${paid.body.payment_group_id}`, { key });
      assertPublished('openapi.json', 'GET /payment-groups/{id}', 200, read, { differences: groupDifferences('OPEN') });
    }
  });

  it('checks the group list\'s envelope against PaginatedPaymentGroupDto (an empty object schema) and each group against PaymentGroupDto', async () => {
    for (const prefix of ['/payment-groups', '/groups']) {
      const list = await sandbox.call<ListResponse<PaymentGroup>>(`${prefix}?take=100`, sk());
      assertPublished('openapi.json', `GET ${prefix}`, 200, list);
      assert.ok(list.body.data.length >= 7, 'the seed sessions listed');
      list.body.data.forEach((group, index) => {
        const at = `body.data[${index}]`;
        const problems = schemaProblems(specs['openapi.json'], { $ref: '#/components/schemas/PaymentGroupDto' }, group, at);
        assert.deepEqual(problems.sort(), groupDifferences(group.status, at).sort(), group.share_id ?? group.id);
      });
    }
  });

  it('checks a group\'s participants\' envelope against PaginatedOrdersDto; its items are the contract\'s payment intents, not OrderDto (question 25)', async () => {
    for (const prefix of ['/payment-groups', '/groups']) {
      const participants = await sandbox.call<ListResponse<PaymentIntent>>(`${prefix}/KHT-test-5EED0001/participants`, pk());
      assert.equal(participants.body.count, 3);
      assertPublished('openapi.json', `GET ${prefix}/{id}/participants`, 200, participants, {
        part: (body) => ({ ...body, data: [] }),
      });
      for (const intent of participants.body.data) {
        assert.match(intent.id, /^pi_/);
        assert.equal(intent.status, 'SUCCEEDED', 'a PaymentIntent status; OrderDto has CREATED and CASHBACK_* only');
      }
    }
  });

  it('checks cancel and expire against PaymentGroupDto', async () => {
    const cancel = await sandbox.call('/payment-groups/KHT-test-5EED0007/cancel', { method: 'POST', ...sk() });
    assertPublished('openapi.json', 'POST /payment-groups/{id}/cancel', 200, cancel, { differences: groupDifferences('CANCELED') });
    const expire = await sandbox.call('/groups/KHT-test-5EED0001/expire', { method: 'POST', ...sk() });
    assertPublished('openapi.json', 'POST /groups/{id}/expire', 200, expire, { differences: groupDifferences('COMPLETED') });
    // The seeded groups are all ended by now: a new one for the two routes left.
    const { payment_group_id: id } = await paidGroupOf(sandbox, 'cancel-expire@example.com');
    const expireAlone = await sandbox.call(`/payment-groups/${id}/expire`, { method: 'POST', ...sk() });
    assertPublished('openapi.json', 'POST /payment-groups/{id}/expire', 200, expireAlone, { differences: groupDifferences('EXPIRED') });
    const { payment_group_id: other } = await paidGroupOf(sandbox, 'cancel-groups@example.com');
    const cancelOther = await sandbox.call(`/groups/${other}/cancel`, { method: 'POST', ...sk() });
    assertPublished('openapi.json', 'POST /groups/{id}/cancel', 200, cancelOther, { differences: groupDifferences('CANCELED') });
  });

  it('checks validate: 201 (question 2) against PaymentGroupDto, its 400 and 404 `error` against InvalidStatusErrorDto and NotFoundErrorDto (question 24)', async () => {
    const { payment_group_id: id, group } = await paidGroupOf(sandbox, 'validate-creator@example.com');
    const error = (body: Record<string, unknown>) => body.error;
    for (const prefix of ['/payment-groups', '/groups']) {
      const operation = `POST ${prefix}/{id}/validate`;
      const valid = await sandbox.call(`${prefix}/${group}/validate`, { body: { customerEmail: 'friend@example.com', amount: 5000 } });
      assertPublished('openapi.json', operation, 200, valid, { answeredWith: 201, differences: groupDifferences('OPEN') });
      for (const [body, code] of [
        [{ customerEmail: 'validate-creator@example.com' }, 'EMAIL_ALREADY_USED'],
        [{ amount: 1 }, 'AMOUNT_TOO_LOW'],
      ] as const) {
        const refused = await sandbox.call<ErrorAnswer>(`${prefix}/${id}/validate`, { body });
        assert.equal(refused.body.error.code, code);
        assertPublished('openapi.json', operation, 400, refused, { part: error });
      }
      for (const [code, reason] of [['KHT-test-5EED0005', 'COMPLETED_EXPIRED_CANCELED'], ['KHT-test-5EED0002', 'MAX_PARTICIPANTS_REACHED']]) {
        const ended = await sandbox.call<ErrorAnswer>(`${prefix}/${code}/validate`, { body: {} });
        assert.equal(ended.body.error.code, reason);
        assertPublished('openapi.json', operation, 400, ended, { part: error });
      }
      // A validation error is the contract's list of messages, where InvalidStatusErrorDto has a string.
      const invalid = await sandbox.call<ErrorAnswer>(`${prefix}/${id}/validate`, { body: { customerEmail: 'not-an-e-mail' } });
      assertPublished('openapi.json', operation, 400, invalid, {
        part: error,
        differences: ['body.message: array where the schema says string'],
      });
      const unknown = await sandbox.call<ErrorAnswer>(`${prefix}/KHT-test-DEADBEEF/validate`, { body: {} });
      assert.equal(unknown.body.error.code, 'NOT_FOUND');
      assertPublished('openapi.json', operation, 404, unknown, { part: error });
    }
  });

  it('checks a session\'s expanded customer against CustomerDto, but the dates and *_by fields it leaves out (question 16)', async () => {
    const read = await sandbox.call<{ customer: unknown }>('/checkout-sessions/cs_5eed00000000a1?expand[]=customer');
    const leftOut = ['created_at', 'created_by', 'updated_at', 'blocked_at', 'blocked_by', 'updated_by', 'deleted_at'];
    const problems = schemaProblems(specs['openapi.json'], { $ref: '#/components/schemas/CustomerDto' }, read.body.customer, 'customer');
    assert.deepEqual(problems.sort(), leftOut.map((field) => `customer.${field}: required, missing`).sort());
  });

  it('checks a new payment intent against CreatePaymentIntentDto, the schema openapi-full gives its 201', async () => {
    const session = await createSession(sandbox);
    const created = await sandbox.call('/payment-intents', {
      body: { amount: session.body.amount_total, checkoutSessionId: session.body.id, metadata: { order: 'o-1', lines: 2 } },
    });
    assertPublished('openapi-full.json', 'POST /payment-intents', 201, created);
  });

  it('checks the checkout-session errors openapi-full publishes: 400 against BadRequestResponse (but the message list, question 24), 401 and 404', async () => {
    const invalidNew = await sandbox.call('/checkout-sessions', { ...sk(), body: newSessionBody({ amountTotal: -1 }) });
    assertPublished('openapi-full.json', 'POST /checkout-sessions', 400, invalidNew, { differences: [MESSAGE_LIST] });
    const invalidList = await sandbox.call('/checkout-sessions?take=0', sk());
    assertPublished('openapi-full.json', 'GET /checkout-sessions', 400, invalidList, { differences: [MESSAGE_LIST] });
    for (const key of [null, 'sk_test_not_a_key', sandbox.keys.publishableTest]) {
      const create = await sandbox.call('/checkout-sessions', { key, body: newSessionBody() });
      assertPublished('openapi-full.json', 'POST /checkout-sessions', 401, create);
      assertPublished('openapi-full.json', 'GET /checkout-sessions', 401, await sandbox.call('/checkout-sessions', { key }));
      const expire = await sandbox.call('/checkout-sessions/cs_5eed00000000a1/expire', { method: 'PATCH', key });
      assertPublished('openapi-full.json', 'PATCH /checkout-sessions/{id}/expire', 401, expire);
    }
    const anonymous = await sandbox.call('/checkout-sessions/cs_5eed00000000a1', { key: null });
    assertPublished('openapi-full.json', 'GET /checkout-sessions/{id}', 401, anonymous);
    assertPublished('openapi-full.json', 'GET /checkout-sessions/{id}', 404, await sandbox.call('/checkout-sessions/cs_ffffffffffffff'));
    // openapi-full gives this 404 the BadRequestResponse envelope; its message is a string.
    const expireUnknown = await sandbox.call('/checkout-sessions/cs_ffffffffffffff/expire', { method: 'PATCH', ...sk() });
    assertPublished('openapi-full.json', 'PATCH /checkout-sessions/{id}/expire', 404, expireUnknown);
  });

  it('checks the errors no spec gives a schema for (400, 401, 402, 404, 429, 503) against BadRequestResponse, the contract\'s envelope', async () => {
    const envelope = { $ref: '#/components/schemas/BadRequestResponse' };
    const session = await createSession(sandbox);
    const intent = await createIntent(sandbox, session.body);
    const declined = { client_secret: intent.body.client_secret, card_number: '4000000000000002', customer_email: 'declined@example.com' };
    await sandbox.call('/sandbox/faults', { body: { path: '/payment-groups/KHT-test-5EED0002', status: 429, retryAfter: 1 } });
    await sandbox.call('/sandbox/faults', { body: { path: '/payment-groups/KHT-test-5EED0003', status: 503 } });
    const answers: Array<[string, number, Answer<unknown>, string[]]> = [
      ['an unpayable session', 400, await sandbox.call('/payment-intents', { body: { amount: 1, checkoutSessionId: 'cs_5eed00000000c1' } }), []],
      ['a wrong amount', 400, await sandbox.call('/payment-intents', { body: { amount: 1, checkoutSessionId: session.body.id } }), [MESSAGE_LIST]],
      ['an ended session', 400, await sandbox.call('/checkout-sessions/cs_5eed00000000c1/expire', { method: 'PATCH', ...sk() }), []],
      ['no key on a group', 401, await sandbox.call('/payment-groups/KHT-test-5EED0001', { key: null }), []],
      ['a declined card', 402, await sandbox.call(`/sandbox/payment-intents/${intent.body.id}/confirm`, { body: declined }), []],
      ['an unknown group', 404, await sandbox.call('/payment-groups/KHT-test-DEADBEEF'), []],
      ['an unknown intent', 404, await sandbox.call('/payment-intents/pi_ffffffffffffff'), []],
      ['an unknown route', 404, await sandbox.call('/no-such-route'), []],
      ['too many requests', 429, await sandbox.call('/payment-groups/KHT-test-5EED0002'), []],
      ['a server in trouble', 503, await sandbox.call('/payment-groups/KHT-test-5EED0003'), []],
    ];
    for (const [what, status, answer, differences] of answers) {
      assert.equal(answer.status, status, what);
      assert.deepEqual(schemaProblems(specs['openapi-full.json'], envelope, answer.body), differences, what);
    }
  });

  it('finds what the schemas forbid: the checks above can fail', async () => {
    const read = await sandbox.call<Record<string, unknown>>('/payment-groups/KHT-test-5EED0004', sk());
    const spec = specs['openapi.json'];
    const group = { $ref: '#/components/schemas/PaymentGroupDto' };
    const { status: _status, ...withoutStatus } = read.body;
    const breakages: Array<[Record<string, unknown>, string]> = [
      [withoutStatus, 'body.status: required, missing'],
      [{ ...read.body, status: 'FINISHED' }, 'body.status: "FINISHED" is not one of OPEN, COMPLETED, CANCELED, EXPIRED'],
      [{ ...read.body, livemode: 'false' }, 'body.livemode: string where the schema says boolean'],
      [{ ...read.body, customer_id: null }, 'body.customer_id: null, but not nullable'],
      [{ ...read.body, expires_at: '3 March 2026' }, 'body.expires_at: "3 March 2026" is not a date-time'],
      [{ ...read.body, creator_email: 'marie' }, 'body.creator_email: "marie" is not a email'],
      [{ ...read.body, metadata: { basket: 7 } }, 'body.metadata.basket: number where the schema says string'],
      [{ ...read.body, shareId: read.body.share_id, share_id: undefined }, 'body.share_id: required, missing'],
    ];
    for (const [body, problem] of breakages) {
      const problems = schemaProblems(spec, group, JSON.parse(JSON.stringify(body)));
      assert.ok(problems.includes(problem), `${problem} in ${JSON.stringify(problems)}`);
    }
    const error = { $ref: '#/components/schemas/BadRequestResponse' };
    const unwrapped = { type: 'invalid_request_error', message: 'x', code: 'Bad Request' };
    assert.deepEqual(schemaProblems(specs['openapi-full.json'], error, unwrapped), ['body.error: required, missing']);
    // `error` is an allOf around ErrorDto, with no type or nullable of its own: null is not an error.
    assert.deepEqual(schemaProblems(specs['openapi-full.json'], error, { error: null }), ['body.error: null, but not nullable']);
    // A name every object inherits is not an answer's field.
    assert.deepEqual(schemaProblems(spec, { type: 'object', required: ['constructor'] }, {}), ['body.constructor: required, missing']);
    assert.throws(() => schemaProblems(spec, { not: { type: 'string' } } as Schema, 'x'), /does not know "not"/);
  });

  // Last: it reads what the tests above checked.
  it('checks every answer the specs publish a JSON schema for, but the routes the sandbox does not serve', () => {
    /** Not in the contract, and not served (404 "No route"): a group starts with a payment, customers and orders are the newer API's. */
    const notServed = [
      /^openapi\.json (POST|PATCH) \/(payment-groups|groups)(\/\{id\})? /,
      /^openapi\.json \w+ \/(customers|orders)\b/,
      /^openapi-full\.json \w+ \/(organizations|payment-group-settings)\//,
    ];
    /** Served, but the sandbox has no case that answers them: nothing on these calls can be missing but the route. */
    const neverAnswered = ['openapi-full.json POST /checkout-sessions 404', 'openapi-full.json GET /checkout-sessions 404'];
    const unchecked: string[] = [];
    for (const name of ['openapi.json', 'openapi-full.json'] as const) {
      for (const [path, operations] of Object.entries(specs[name].paths)) {
        for (const [method, operation] of Object.entries(operations)) {
          for (const status of Object.keys(operation.responses ?? {})) {
            if (!responseSchema(specs[name], method, path, Number(status))) continue;
            const label = `${name} ${method.toUpperCase()} ${path} ${status}`;
            if (checked.has(label) || neverAnswered.includes(label) || notServed.some((pattern) => pattern.test(label))) continue;
            unchecked.push(label);
          }
        }
      }
    }
    assert.deepEqual(unchecked, []);
  });
});

/** A new test-mode group of one, started by `email`'s payment: its `pg_` id and its code. */
async function paidGroupOf(sandbox: TestSandbox, email: string): Promise<{ payment_group_id: string; group: string }> {
  const { paid } = await payNewSession(sandbox, { customerEmail: email });
  assert.equal(paid.body.status, 'SUCCEEDED');
  return { payment_group_id: paid.body.payment_group_id ?? '', group: paid.body.payment_group?.share_id ?? '' };
}
