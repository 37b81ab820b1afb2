/** `/payment-intents`: a customer's payment for a checkout session; creating, reading and confirming one take the publishable key. */
import { Hono } from 'hono';
import { requireKey } from '../auth.ts';
import type { SandboxDb } from '../db.ts';
import type { SandboxEnv } from '../env.ts';
import { badRequest, domainError, notFound } from '../errors.ts';
import { joinRefusal } from '../group-rules.ts';
import { intentToWire, type SandboxPaymentIntent } from '../serialize.ts';
import { isBlockedCustomer } from '../test-provider.ts';
import type { GroupRecord, IntentRecord, SessionRecord } from '../types.ts';
import { parseNewIntent, readJson, readListQuery } from '../validation.ts';
import { expandOf, selectPage, wireContext, type RouteDeps } from './shared.ts';

/** What `orderBy` and `search` may name on the list: the intent's own scalar properties. */
const LIST_FIELDS = [
  'id',
  'amount',
  'amount_captured',
  'amount_cashback',
  'currency',
  'customer_id',
  'customer_email',
  'checkout_session_id',
  'payment_group_id',
  'status',
  'client_reference_id',
  'livemode',
  'created_at',
  'updated_at',
] as const satisfies ReadonlyArray<keyof SandboxPaymentIntent>;

/** A session can take a payment only while OPEN and before its `expires_at`. */
export function assertPayable(db: SandboxDb, session: SessionRecord): void {
  if (session.status !== 'OPEN' || db.now() >= session.expires_at) {
    const status = session.status === 'OPEN' ? 'EXPIRED' : session.status;
    throw domainError('WRONG_STATUS', `Checkout session ${session.id} is ${status} and can no longer be paid.`);
  }
}

/** One capture per session: no new payment while another intent of it is processing or paid. */
export function assertNoPaymentUnderWay(db: SandboxDb, session: SessionRecord, except?: IntentRecord): void {
  if (db.paymentUnderWay(session, except)) {
    throw domainError('WRONG_STATUS', `A payment for checkout session ${session.id} is already under way.`);
  }
}

/** The contract's CUSTOMER_BLOCKED; the test provider's `+blocked@` e-mails stand for such customers. */
export function assertNotBlocked(email: string | null): void {
  if (isBlockedCustomer(email)) throw domainError('CUSTOMER_BLOCKED', 'This customer is blocked and cannot pay.');
}

/** The group a code names, if the customer may join it (same refusals as `validate`). */
export function joinableGroup(
  db: SandboxDb,
  code: string,
  livemode: boolean,
  attempt: { email: string | null; amount: number | null },
): GroupRecord {
  const group = db.findGroup(code, livemode);
  if (!group) throw domainError('NOT_FOUND', `No payment group found for code ${code}.`, 404);
  assertJoinable(db, group, attempt);
  return group;
}

/** Throws the refusal `validate` would give this customer and amount for `group`, as it stands now. */
export function assertJoinable(db: SandboxDb, group: GroupRecord, attempt: { email: string | null; amount: number | null }): void {
  db.refreshGroup(group);
  const refusal = joinRefusal(group, db.participantsOf(group), attempt);
  if (refusal) throw refusal;
}

export function paymentIntentRoutes({ db, keys }: RouteDeps): Hono<SandboxEnv> {
  const routes = new Hono<SandboxEnv>();

  routes.post('/', requireKey(keys, 'any'), async (c) => {
    const input = parseNewIntent(await readJson(c));
    const livemode = c.get('caller').livemode;
    const session = db.findSession(input.checkout_session_id, livemode);
    if (!session) throw notFound(`No checkout session found with id ${input.checkout_session_id}.`);
    assertPayable(db, session);
    assertNoPaymentUnderWay(db, session);
    if (input.amount !== session.amount_total) {
      throw badRequest([`amount must equal the checkout session's amount_total (${session.amount_total})`]);
    }
    // The e-mail (and names, client_reference_id) come from the session; the confirm call may set the e-mail.
    assertNotBlocked(session.customer_email);
    const group = input.payment_group_id
      ? joinableGroup(db, input.payment_group_id, livemode, { email: session.customer_email, amount: input.amount })
      : null;
    db.makeRoom(livemode, 0, 1);
    const intent = db.createIntent({
      session,
      amount: input.amount,
      customer_id: input.customer_id,
      payment_group_id: group?.id ?? null,
      metadata: input.metadata,
    });
    // The one answer that hands the client secret to a browser key: the creator needs it to confirm.
    return c.json(intentToWire(intent, wireContext(c, db), expandOf(c), { withSecret: true }), 201);
  });

  routes.get('/', requireKey(keys, 'secret'), (c) => {
    const query = readListQuery(new URL(c.req.url), LIST_FIELDS);
    const livemode = c.get('caller').livemode;
    const ctx = wireContext(c, db);
    const own = [...db.intents.values()].filter((intent) => intent.livemode === livemode);
    const { page, count } = selectPage(own, query, (intent) => intentToWire(intent, ctx, new Set()));
    const expand = expandOf(c);
    return c.json({ data: page.map((intent) => intentToWire(intent, ctx, expand)), count });
  });

  // An intent id is no credential (every group lists its participants' ids): a browser key reads
  // any intent as a participant; the payer reads their own in full through their session.
  routes.get('/:id', requireKey(keys, 'any'), (c) => {
    const id = c.req.param('id');
    const intent = db.findIntent(id, c.get('caller').livemode);
    if (!intent) throw notFound(`No payment intent found with id ${id}.`);
    return c.json(intentToWire(intent, wireContext(c, db), expandOf(c), { outsideItsSession: true }));
  });

  routes.post('/:id/cancel', requireKey(keys, 'secret'), (c) => {
    const id = c.req.param('id');
    const intent = db.findIntent(id, c.get('caller').livemode);
    if (!intent) throw notFound(`No payment intent found with id ${id}.`);
    if (!intent.status.startsWith('REQUIRES_')) {
      throw domainError('WRONG_STATUS', `A ${intent.status} payment intent cannot be canceled.`);
    }
    intent.status = 'CANCELED';
    intent.updated_at = db.now();
    return c.json(intentToWire(intent, wireContext(c, db), expandOf(c)));
  });

  return routes;
}
