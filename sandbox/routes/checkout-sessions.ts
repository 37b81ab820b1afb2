/** `/checkout-sessions`: read with any key; create, list and expire with the secret key. */
import { Hono } from 'hono';
import { requireKey } from '../auth.ts';
import type { SandboxEnv } from '../env.ts';
import { domainError, notFound } from '../errors.ts';
import { sessionToWire, type SandboxCheckoutSession } from '../serialize.ts';
import { parseNewSession, readBody, readListQuery } from '../validation.ts';
import { expandOf, selectPage, wireContext, type RouteDeps } from './shared.ts';

/** What `orderBy` and `search` may name: the session's own scalar properties. */
const LIST_FIELDS = [
  'id',
  'share_id',
  'livemode',
  'organization_id',
  'url',
  'amount_total',
  'currency',
  'locale',
  'status',
  'success_url',
  'cancel_url',
  'customer_email',
  'customer_first_name',
  'customer_last_name',
  'customer_phone_number',
  'customer_id',
  'payment_group_share_id',
  'client_reference_id',
  'expires_at',
  'completed_at',
  'created_at',
  'updated_at',
] as const satisfies ReadonlyArray<keyof SandboxCheckoutSession>;

export function checkoutSessionRoutes({ db, keys }: RouteDeps): Hono<SandboxEnv> {
  const routes = new Hono<SandboxEnv>();

  routes.post('/', requireKey(keys, 'secret'), async (c) => {
    const input = parseNewSession(await readBody(c), db.now(), c.get('caller').livemode);
    db.makeRoom(input.livemode, 1, 0);
    const session = db.createSession(input);
    // Like every answer: related objects (the line items too) only when `expand[]` asks for them.
    return c.json(sessionToWire(session, wireContext(c, db), expandOf(c)), 201);
  });

  routes.get('/', requireKey(keys, 'secret'), (c) => {
    const query = readListQuery(new URL(c.req.url), LIST_FIELDS);
    const livemode = c.get('caller').livemode;
    const ctx = wireContext(c, db);
    const own = [...db.sessions.values()].filter((session) => session.livemode === livemode);
    const { page, count } = selectPage(own, query, (session) => sessionToWire(session, ctx, new Set()));
    const expand = expandOf(c);
    return c.json({ data: page.map((session) => sessionToWire(session, ctx, expand)), count });
  });

  routes.get('/:id', requireKey(keys, 'any'), (c) => {
    const id = c.req.param('id');
    const session = db.findSession(id, c.get('caller').livemode);
    if (!session) throw notFound(`No checkout session found with id ${id}.`);
    return c.json(sessionToWire(session, wireContext(c, db), expandOf(c)));
  });

  routes.patch('/:id/expire', requireKey(keys, 'secret'), (c) => {
    const id = c.req.param('id');
    const session = db.findSession(id, c.get('caller').livemode);
    if (!session) throw notFound(`No checkout session found with id ${id}.`);
    if (session.status !== 'OPEN') {
      throw domainError('WRONG_STATUS', `Only an OPEN checkout session can be expired; this one is ${session.status}.`);
    }
    // As Stripe does for a processing Checkout Session: the payment's outcome decides, not the merchant.
    const inFlight = db.paymentInFlight(session);
    if (inFlight) {
      throw domainError(
        'WRONG_STATUS',
        `A payment for checkout session ${session.id} is under way (payment intent ${inFlight.id} is ${inFlight.status}); it cannot be expired until that payment fails.`,
      );
    }
    db.expireSession(session);
    return c.json(sessionToWire(session, wireContext(c, db), expandOf(c)));
  });

  return routes;
}
