/** `/payment-groups` (also mounted at `/groups`): referral groups, read and validated with any key. */
import { Hono, type Context } from 'hono';
import { requireKey } from '../auth.ts';
import type { SandboxEnv } from '../env.ts';
import { badRequest, domainError, notFound } from '../errors.ts';
import { groupToWire, intentToWire, validatedGroupToWire, type SandboxPaymentGroup } from '../serialize.ts';
import type { GroupRecord } from '../types.ts';
import { isEmail, isInteger, readBody, readListQuery } from '../validation.ts';
import { joinableGroup } from './payment-intents.ts';
import { expandOf, selectPage, wireContext, type RouteDeps } from './shared.ts';

/** What `orderBy` and `search` may name on the list: the group's own scalar properties. */
const LIST_FIELDS = [
  'id',
  'share_id',
  'livemode',
  'organization_id',
  'customer_id',
  'creator_email',
  'status',
  'expires_at',
  'mid_expire_at',
  'created_at',
  'updated_at',
  'completed_at',
  'canceled_at',
] as const satisfies ReadonlyArray<keyof SandboxPaymentGroup>;

export function paymentGroupRoutes({ db, keys }: RouteDeps): Hono<SandboxEnv> {
  const routes = new Hono<SandboxEnv>();

  const groupOf = (c: Context<SandboxEnv>): GroupRecord => {
    const id = c.req.param('id') ?? '';
    const group = db.findGroup(id, c.get('caller').livemode);
    if (!group) throw notFound(`No payment group found for ${id}.`);
    return group;
  };

  routes.get('/', requireKey(keys, 'secret'), (c) => {
    const query = readListQuery(new URL(c.req.url), LIST_FIELDS);
    const livemode = c.get('caller').livemode;
    const ctx = wireContext(c, db);
    const own = [...db.groups.values()].filter((group) => group.livemode === livemode);
    const { page, count } = selectPage(own, query, (group) => groupToWire(group, ctx, new Set()));
    const expand = expandOf(c);
    return c.json({ data: page.map((group) => groupToWire(group, ctx, expand)), count });
  });

  routes.get('/:id', requireKey(keys, 'any'), (c) => c.json(groupToWire(groupOf(c), wireContext(c, db), expandOf(c))));

  routes.get('/:id/participants', requireKey(keys, 'any'), (c) => {
    const ctx = wireContext(c, db);
    const expand = expandOf(c);
    const participants = db.participantsOf(groupOf(c));
    return c.json({
      data: participants.map((intent) => intentToWire(intent, ctx, expand, { outsideItsSession: true })),
      count: participants.length,
    });
  });

  routes.post('/:code/validate', requireKey(keys, 'any'), async (c) => {
    const body = await readBody(c);
    const errors: string[] = [];
    const email = body.customer_email;
    if (email != null && !isEmail(email)) errors.push('customerEmail must be an e-mail address');
    const amount = body.amount;
    if (amount != null && (!isInteger(amount) || amount < 0)) errors.push('amount must be a non-negative integer');
    if (errors.length > 0) throw badRequest(errors);
    const group = joinableGroup(db, c.req.param('code'), c.get('caller').livemode, {
      email: (email as string | undefined) ?? null,
      amount: (amount as number | undefined) ?? null,
    });
    return c.json(validatedGroupToWire(group, wireContext(c, db), expandOf(c)), 201);
  });

  // Both specs give POST for these two (PATCH on a group is its metadata update, not implemented here).
  for (const [action, end] of [['cancel', (group: GroupRecord) => db.cancelGroup(group)], ['expire', (group: GroupRecord) => db.endGroup(group)]] as const) {
    routes.post(`/:id/${action}`, requireKey(keys, 'secret'), (c) => {
      const group = groupOf(c);
      if (group.status !== 'OPEN') {
        throw domainError('COMPLETED_EXPIRED_CANCELED', `Payment group ${group.share_id} is already ${group.status}.`);
      }
      end(group);
      return c.json(groupToWire(group, wireContext(c, db), expandOf(c)));
    });
  }

  return routes;
}
