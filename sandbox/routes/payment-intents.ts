/** `/payment-intents`: a customer's payment for a checkout session, usable with the publishable key. */
import { Hono } from 'hono';
import { requireKey } from '../auth.ts';
import type { SandboxDb } from '../db.ts';
import type { SandboxEnv } from '../env.ts';
import { badRequest, domainError, notFound } from '../errors.ts';
import { joinRefusal } from '../group-rules.ts';
import { intentToWire } from '../serialize.ts';
import type { GroupRecord, SessionRecord } from '../types.ts';
import { parseNewIntent, readBody, readPage } from '../validation.ts';
import { expandOf, wireContext, type RouteDeps } from './shared.ts';

/** A session can take a payment only while OPEN and before its `expires_at`. */
export function assertPayable(db: SandboxDb, session: SessionRecord): void {
  if (session.status !== 'OPEN' || db.now() >= session.expires_at) {
    const status = session.status === 'OPEN' ? 'EXPIRED' : session.status;
    throw domainError('WRONG_STATUS', `Checkout session ${session.id} is ${status} and can no longer be paid.`);
  }
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
  db.refreshGroup(group);
  const refusal = joinRefusal(group, db.participantsOf(group), attempt);
  if (refusal) throw refusal;
  return group;
}

export function paymentIntentRoutes({ db, keys }: RouteDeps): Hono<SandboxEnv> {
  const routes = new Hono<SandboxEnv>();

  routes.post('/', requireKey(keys, 'any'), async (c) => {
    const input = parseNewIntent(await readBody(c));
    const livemode = c.get('caller').livemode;
    const session = db.findSession(input.checkout_session_id, livemode);
    if (!session) throw notFound(`No checkout session found with id ${input.checkout_session_id}.`);
    assertPayable(db, session);
    if (input.amount !== session.amount_total) {
      throw badRequest([`amount must equal the checkout session's amount_total (${session.amount_total})`]);
    }
    const email = input.customer_email ?? session.customer_email;
    const group = input.payment_group_id
      ? joinableGroup(db, input.payment_group_id, livemode, { email, amount: input.amount })
      : null;
    const intent = db.createIntent({
      session,
      amount: input.amount,
      customer_email: email,
      customer_first_name: input.customer_first_name,
      customer_last_name: input.customer_last_name,
      customer_id: input.customer_id,
      payment_group_id: group?.id ?? null,
      client_reference_id: input.client_reference_id,
      metadata: input.metadata,
    });
    return c.json(intentToWire(intent, wireContext(c, db), expandOf(c)), 201);
  });

  routes.get('/', requireKey(keys, 'secret'), (c) => {
    const { take, skip } = readPage(new URL(c.req.url));
    const livemode = c.get('caller').livemode;
    const all = [...db.intents.values()]
      .filter((intent) => intent.livemode === livemode)
      .sort((a, b) => b.created_at - a.created_at || b.seq - a.seq);
    const ctx = wireContext(c, db);
    const expand = expandOf(c);
    return c.json({
      data: all.slice(skip, skip + take).map((intent) => intentToWire(intent, ctx, expand)),
      count: all.length,
    });
  });

  routes.get('/:id', requireKey(keys, 'any'), (c) => {
    const id = c.req.param('id');
    const intent = db.findIntent(id, c.get('caller').livemode);
    if (!intent) throw notFound(`No payment intent found with id ${id}.`);
    return c.json(intentToWire(intent, wireContext(c, db), expandOf(c)));
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
