/** `/checkout-sessions`: read with any key; create, list and expire with the secret key. */
import { Hono } from 'hono';
import { requireKey } from '../auth.ts';
import type { SandboxEnv } from '../env.ts';
import { domainError, notFound } from '../errors.ts';
import { sessionToWire } from '../serialize.ts';
import { parseNewSession, readBody, readPage } from '../validation.ts';
import { expandOf, wireContext, type RouteDeps } from './shared.ts';

export function checkoutSessionRoutes({ db, keys }: RouteDeps): Hono<SandboxEnv> {
  const routes = new Hono<SandboxEnv>();

  routes.post('/', requireKey(keys, 'secret'), async (c) => {
    const input = parseNewSession(await readBody(c), db.now(), c.get('caller').livemode);
    const session = db.createSession(input);
    // The creation answer always carries the line items: the merchant just sent them.
    const expand = expandOf(c).add('line_items');
    return c.json(sessionToWire(session, wireContext(c, db), expand), 201);
  });

  routes.get('/', requireKey(keys, 'secret'), (c) => {
    const { take, skip } = readPage(new URL(c.req.url));
    const livemode = c.get('caller').livemode;
    const all = [...db.sessions.values()]
      .filter((session) => session.livemode === livemode)
      .sort((a, b) => b.created_at - a.created_at || b.seq - a.seq);
    const ctx = wireContext(c, db);
    const expand = expandOf(c);
    return c.json({
      data: all.slice(skip, skip + take).map((session) => sessionToWire(session, ctx, expand)),
      count: all.length,
    });
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
    db.expireSession(session);
    return c.json(sessionToWire(session, wireContext(c, db), expandOf(c)));
  });

  return routes;
}
