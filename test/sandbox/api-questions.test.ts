/**
 * docs/API-QUESTIONS.md, point by point: each answer the sandbox chose that no other file here
 * pins. When the API team answers a question and the sandbox changes, its test here changes too.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { CheckoutSession, PaymentGroup, PaymentIntent } from '../../src/api/types.ts';
import { MINUTE, createIntent, createSession, newSessionBody, payNewSession, startTestSandbox, type ErrorAnswer, type TestSandbox } from './helpers.ts';

describe('sandbox: the answers docs/API-QUESTIONS.md says it chose', () => {
  let sandbox: TestSandbox;
  before(async () => {
    sandbox = await startTestSandbox();
  });
  after(() => sandbox.close());

  /** A new session paid with `email`: its intent and the group the payer started. */
  async function paidBy(email: string) {
    const { paid } = await payNewSession(sandbox, { customerEmail: email });
    assert.equal(paid.body.status, 'SUCCEEDED');
    return paid.body;
  }

  it('3: a 404 is an invalid_request_error; an unknown session is "Not Found", an unknown code NOT_FOUND', async () => {
    const session = await sandbox.call<ErrorAnswer>('/payment-intents', {
      body: { amount: 100, checkoutSessionId: 'cs_ffffffffffffff' },
    });
    assert.equal(session.status, 404);
    assert.equal(session.body.error.type, 'invalid_request_error');
    assert.equal(session.body.error.code, 'Not Found');
    const open = (await createSession(sandbox)).body;
    const code = await createIntent(sandbox, open, 'KHT-test-DEADBEEF');
    assert.equal(code.status, 404);
    assert.equal(code.body.error.type, 'invalid_request_error');
    assert.equal(code.body.error.code, 'NOT_FOUND');
  });

  it('5: the intent list, the intent cancel and the group list need a secret key', async () => {
    const intent = await paidBy('q5@example.com');
    for (const [path, method] of [
      ['/payment-intents', 'GET'],
      [`/payment-intents/${intent.id}/cancel`, 'POST'],
      ['/payment-groups', 'GET'],
    ] as const) {
      const refused = await sandbox.call<ErrorAnswer>(path, { method });
      assert.equal(refused.status, 401, path);
      assert.equal(refused.body.error.code, 'Unauthorized', path);
      const secret = await sandbox.call(path, { method, key: sandbox.keys.secretTest });
      assert.notEqual(secret.status, 401, path);
    }
  });

  it('12: POST /payment-intents refuses status, and takes a group by pg_ id as well as by code', async () => {
    const session = (await createSession(sandbox)).body;
    const withStatus = await sandbox.call<ErrorAnswer>('/payment-intents', {
      body: { amount: session.amount_total, checkoutSessionId: session.id, status: 'REQUIRES_PAYMENT_METHOD' },
    });
    assert.equal(withStatus.status, 400);
    assert.deepEqual(withStatus.body.error.message, ['property status should not exist']);
    const byId = await createIntent(sandbox, session, 'pg_5eed0000000001');
    assert.equal(byId.status, 201);
    assert.equal(byId.body.payment_group_id, 'pg_5eed0000000001');
  });

  it('13: the session, line-item and validate bodies ignore properties they do not know', async () => {
    const session = await createSession(sandbox, {
      giftWrap: true,
      lineItems: [{ name: 'Chemise', price: 5490, quantity: 1, type: 'PRODUCT', colour: 'bleu' }],
    });
    assert.equal(session.status, 201);
    const validated = await sandbox.call<PaymentGroup>('/payment-groups/KHT-test-5EED0001/validate', {
      body: { customerEmail: 'q13@example.com', amount: 5000, coupon: 'X' },
    });
    assert.equal(validated.status, 201);
  });

  it('14: a form-encoded body is refused; a JSON body is read whatever its Content-Type says', async () => {
    const post = (body: string, contentType: string) =>
      fetch(`${sandbox.url}/checkout-sessions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${sandbox.keys.secretTest}`, 'content-type': contentType },
        body,
      });
    const form = await post('amountTotal=5490&locale=fr_FR', 'application/x-www-form-urlencoded');
    assert.equal(form.status, 400);
    assert.equal(((await form.json()) as ErrorAnswer).error.code, 'Bad Request');
    const plain = await post(JSON.stringify(newSessionBody()), 'text/plain');
    assert.equal(plain.status, 201);
  });

  it('15: the discount levels come whenever the settings are expanded', async () => {
    for (const expand of ['payment_group_settings', 'payment_group_settings.discount_levels']) {
      const group = await sandbox.call<PaymentGroup>(`/payment-groups/KHT-test-5EED0001?expand[]=${expand}`);
      assert.equal(group.body.payment_group_settings?.discount_levels.length, 3, expand);
    }
  });

  it('16: a group leaves out the PaymentGroupDto fields it has no value for', async () => {
    const group = await sandbox.call<Record<string, unknown>>('/payment-groups/KHT-test-5EED0001', { key: sandbox.keys.secretTest });
    assert.equal(group.status, 200);
    for (const field of ['j_minus2_expire_at', 'j_plus3_start_at', 'reminder_email_sent', 'created_by', 'updated_by']) {
      assert.equal(field in group.body, false, field);
      assert.equal(field.replace(/_(\w)/g, (_, letter: string) => letter.toUpperCase()) in group.body, false, field);
    }
  });

  it('20: unknown expand[] paths are ignored, and a customer_id is made up from the e-mail', async () => {
    const read = await sandbox.call<CheckoutSession>('/checkout-sessions/cs_5eed00000000a1?expand[]=no_such_thing');
    assert.equal(read.status, 200);
    const session = (await createSession(sandbox, { customerEmail: 'q20@example.com' })).body;
    assert.match(session.customer_id ?? '', /^cus_/);
    const again = (await createSession(sandbox, { customerEmail: 'q20@example.com' })).body;
    assert.equal(again.customer_id, session.customer_id, 'the same e-mail, the same customer');
    const capitals = (await createSession(sandbox, { customerEmail: 'Q20@Example.com' })).body;
    assert.equal(capitals.customer_id, session.customer_id, 'the same e-mail in other capitals, the same customer');
  });

  it('21: session fields have no length limit below the sandbox\'s own 2,048 characters (the orders API caps clientReferenceId at 50)', async () => {
    const long = 'r'.repeat(51);
    const session = await createSession(sandbox, { clientReferenceId: long });
    assert.equal(session.status, 201);
    assert.equal(session.body.client_reference_id, long);
  });

  it('30: answers carry no caching header, as the contract has none', async () => {
    const open = (await createSession(sandbox)).body;
    const read = await sandbox.call<CheckoutSession>(`/checkout-sessions/${open.id}`);
    assert.equal(read.status, 200);
    assert.equal(read.headers.get('cache-control'), null);
  });

  it('22: a session whose amount_total is 0 is refused', async () => {
    const free = await createSession(sandbox, {
      amountTotal: 0,
      lineItems: [
        { name: 'Chemise', price: 4500, quantity: 1, type: 'PRODUCT' },
        { name: 'Carte cadeau', price: -4500, quantity: 1, type: 'GIFT_CARD' },
      ],
    });
    assert.equal(free.status, 400);
    assert.deepEqual(free.body.error.message, ['amount_total must be a positive integer (minor units)']);
  });

  it('26: validate takes neither customerEmail nor amount as required, and checks each only when given', async () => {
    const validate = (body: Record<string, unknown>) =>
      sandbox.call<PaymentGroup & ErrorAnswer>('/payment-groups/KHT-test-5EED0007/validate', { body });
    assert.equal((await validate({})).status, 201);
    assert.equal((await validate({ amount: 1 })).body.error.code, 'AMOUNT_TOO_LOW');
    assert.equal((await validate({ customerEmail: 'ami@kohort.test' })).body.error.code, 'EMAIL_ALREADY_USED');
    const notAnEmail = await validate({ customerEmail: 'ami.kohort.test' });
    assert.equal(notAnEmail.status, 400);
    assert.deepEqual(notAnEmail.body.error.message, ['customerEmail must be an e-mail address']);
    // A JSON list is no body of named fields: refused, not read as an empty one.
    const list = await sandbox.call<ErrorAnswer>('/payment-groups/KHT-test-5EED0007/validate', { body: [{ customerEmail: 'ami@kohort.test' }] });
    assert.equal(list.status, 400);
    assert.deepEqual(list.body.error.message, ['The request body must be a JSON object.']);
  });

  it('27: a session without locale, quantity or type takes the contract\'s defaults, and en-US reads as en_US', async () => {
    const body = newSessionBody({ amountTotal: 4500, lineItems: [{ name: 'Chemise', price: 4500 }] });
    delete body.locale;
    const defaults = await sandbox.call<CheckoutSession>('/checkout-sessions?expand[]=line_items', { key: sandbox.keys.secretTest, body });
    assert.equal(defaults.status, 201);
    assert.equal(defaults.body.locale, 'fr_FR');
    assert.deepEqual(defaults.body.line_items?.map(({ quantity, type }) => [quantity, type]), [[1, 'PRODUCT']]);
    assert.equal((await createSession(sandbox, { locale: 'en-US' })).body.locale, 'en_US');
  });

  // Last: it moves the sandbox's clock a day on.
  it('19: paid intents stay SUCCEEDED once their group ends; alone in an EXPIRED group, amount_cashback is null', async () => {
    const alone = await paidBy('q19-alone@example.com');
    const pair = await paidBy('q19-pair@example.com');
    await sandbox.call(`/sandbox/payment-groups/${pair.payment_group_id}/participants`, { body: {} });
    sandbox.advance(24 * 60 * MINUTE);
    const expired = await sandbox.call<PaymentGroup>(`/payment-groups/${alone.payment_group_id}`);
    assert.equal(expired.body.status, 'EXPIRED');
    const lonely = await sandbox.call<PaymentIntent>(`/payment-intents/${alone.id}`);
    assert.equal(lonely.body.status, 'SUCCEEDED');
    assert.equal(lonely.body.amount_cashback, null);
    const completed = await sandbox.call<PaymentGroup>(`/payment-groups/${pair.payment_group_id}?expand[]=payment_intents`);
    assert.equal(completed.body.status, 'COMPLETED');
    assert.equal(completed.body.payment_intents?.length, 2);
    for (const intent of completed.body.payment_intents ?? []) {
      assert.equal(intent.status, 'SUCCEEDED');
      assert.ok((intent.amount_cashback ?? 0) > 0, 'a cashback amount');
    }
  });
});
