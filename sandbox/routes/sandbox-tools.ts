/**
 * `/sandbox/…`: what the real API does not have and tests and the demo need — the test card
 * processor, simulated friends joining a group, fault injection, the request log, the seed
 * index and the merchant's logo. Nothing here is part of the production contract.
 */
import { readFileSync } from 'node:fs';
import { Hono } from 'hono';
import { requireKey } from '../auth.ts';
import type { SandboxEnv } from '../env.ts';
import { ApiError, badRequest, domainError, errorBody, notFound } from '../errors.ts';
import { parseFaultSpec, type FaultStore } from '../faults.ts';
import { isPaid, joinRefusal } from '../group-rules.ts';
import { randomHex } from '../ids.ts';
import type { RequestLog } from '../request-log.ts';
import { SEEDED_GROUPS, SEEDED_SESSIONS } from '../seed.ts';
import { groupToWire, intentToWire } from '../serialize.ts';
import { confirmOutcome } from '../test-provider.ts';
import type { SandboxKeys } from '../types.ts';
import { isEmail, isPositiveInteger, optionalString, readBody } from '../validation.ts';
import { assertJoinable, assertNoPaymentUnderWay, assertNotBlocked, assertPayable } from './payment-intents.ts';
import { expandOf, wireContext, type RouteDeps } from './shared.ts';

const LOGO_SVG = readFileSync(new URL('../assets/logo.svg', import.meta.url), 'utf8');

/** Names for simulated friends, so a group reads like people ("Léa M."), not "participant 7". */
const FRIENDS: ReadonlyArray<readonly [string, string]> = [
  ['Léa', 'Moreau'],
  ['Hugo', 'Laurent'],
  ['Chloé', 'Simon'],
  ['Louis', 'Michel'],
  ['Manon', 'Lefebvre'],
  ['Gabriel', 'Leroy'],
  ['Inès', 'Roux'],
  ['Arthur', 'David'],
  ['Jade', 'Bertrand'],
  ['Raphaël', 'Morel'],
];

const GROUP_VIEW = ['payment_intents', 'payment_intents.customer', 'customer', 'payment_group_settings'];

export interface SandboxToolDeps extends RouteDeps {
  faults: FaultStore;
  requests: RequestLog;
  sandboxKeys: SandboxKeys;
}

export function sandboxToolRoutes({ db, keys, faults, requests, sandboxKeys }: SandboxToolDeps): Hono<SandboxEnv> {
  const routes = new Hono<SandboxEnv>();

  // Test mode only, like the other test tools: a live intent is paid through the real provider, never here.
  routes.post('/payment-intents/:id/confirm', requireKey(keys, 'test'), async (c) => {
    const body = await readBody(c);
    const errors: string[] = [];
    const secret = optionalString(body, 'client_secret', errors);
    if (!secret) errors.push('client_secret is required');
    const card = optionalString(body, 'card_number', errors);
    const email = optionalString(body, 'customer_email', errors);
    if (email !== null && !isEmail(email)) errors.push('customer_email must be an e-mail address');
    const firstName = optionalString(body, 'customer_first_name', errors);
    const lastName = optionalString(body, 'customer_last_name', errors);
    if (errors.length > 0) throw badRequest(errors);

    const id = c.req.param('id');
    const intent = db.findIntent(id, c.get('caller').livemode);
    if (!intent) throw notFound(`No payment intent found with id ${id}.`);
    if (secret !== intent.client_secret) throw badRequest(['client_secret does not match this payment intent']);
    const answer = () => c.json(intentToWire(intent, wireContext(c, db), expandOf(c)));

    // Confirming twice must not pay twice: a settled or settling intent is answered as it is.
    if (isPaid(intent) || intent.status === 'PROCESSING') return answer();
    if (intent.status === 'CANCELED') throw domainError('WRONG_STATUS', 'This payment intent was canceled.');
    const session = db.sessions.get(intent.checkout_session_id);
    if (session) {
      assertPayable(db, session);
      assertNoPaymentUnderWay(db, session, intent);
    }

    // The contract's intent and group both carry the payer's e-mail (openapi.json's creatorEmail is required).
    const payer = email ?? intent.customer_email;
    if (!payer) {
      throw badRequest(['customer_email is required: the checkout session has none, so the confirmation must give it']);
    }
    // Refused before any charge, and before the intent records this payer: a blocked one, or a group they may not join.
    assertNotBlocked(payer);
    const group = intent.payment_group_id ? db.groups.get(intent.payment_group_id) : undefined;
    if (group) assertJoinable(db, group, { email: payer, amount: intent.amount });

    if (email) db.setPayerEmail(intent, email);
    if (firstName) intent.customer_first_name = firstName;
    if (lastName) intent.customer_last_name = lastName;
    intent.updated_at = db.now();

    const outcome = confirmOutcome(card, intent.customer_email);
    switch (outcome) {
      case 'declined':
        intent.status = 'REQUIRES_PAYMENT_METHOD';
        throw new ApiError(402, { ...errorBody(402, 'Your card was declined.').error, code: 'card_declined' });
      case 'incorrect_number':
        throw new ApiError(402, { ...errorBody(402, 'Your card number is incorrect.').error, code: 'incorrect_number' });
      case 'processing':
      case 'processing_declined':
        db.startProcessing(intent, outcome === 'processing_declined');
        return answer();
      case 'succeeded':
        db.settle(intent);
        return answer();
    }
  });

  routes.post('/payment-groups/:id/participants', requireKey(keys, 'test'), async (c) => {
    const body = await readBody(c);
    const errors: string[] = [];
    const count = body.count ?? 1;
    if (!isPositiveInteger(count) || count > 50) errors.push('count must be an integer between 1 and 50');
    const email = optionalString(body, 'email', errors);
    if (email !== null && !isEmail(email)) errors.push('email must be an e-mail address');
    const firstName = optionalString(body, 'first_name', errors);
    const lastName = optionalString(body, 'last_name', errors);
    const amount = body.amount;
    if (amount != null && !isPositiveInteger(amount)) errors.push('amount must be a positive integer');
    if (errors.length > 0) throw badRequest(errors);

    const id = c.req.param('id');
    const group = db.findGroup(id, false);
    if (!group) throw notFound(`No payment group found for ${id}.`);
    db.refreshGroup(group);
    if (group.status !== 'OPEN') {
      throw domainError('COMPLETED_EXPIRED_CANCELED', `Payment group ${group.share_id} is ${group.status} and cannot be joined.`);
    }
    const participants = db.participantsOf(group);
    // Never past max_participants: the group closes when the last seat is taken.
    const joining = Math.min(count as number, group.settings.max_participants - participants.length);
    const emails = Array.from({ length: joining }, (_, i) =>
      email ? (i === 0 ? email : email.replace('@', `+${i + 1}@`)) : `friend-${randomHex(6)}@kohort.test`,
    );
    const paying = (amount as number | undefined) ?? Math.max(group.settings.min_purchase_value, 4990);
    // Each friend as a real payer would be checked: no e-mail twice in a group, no amount under the minimum.
    for (const friend of emails) {
      const refusal = joinRefusal(group, participants, { email: friend, amount: paying });
      if (refusal) throw refusal;
    }
    db.makeRoom(false, joining, joining);
    emails.forEach((friend, i) => {
      const [first, last] = FRIENDS[(participants.length + i) % FRIENDS.length] ?? ['Alex', 'Martin'];
      db.addPaidParticipant(group, { email: friend, first_name: firstName ?? first, last_name: lastName ?? last, amount: paying });
    });
    const expand = expandOf(c);
    GROUP_VIEW.forEach((path) => expand.add(path));
    return c.json(groupToWire(group, wireContext(c, db), expand), 201);
  });

  routes.post('/payment-groups/:id/end', requireKey(keys, 'test'), (c) => {
    const id = c.req.param('id');
    const group = db.findGroup(id, false);
    if (!group) throw notFound(`No payment group found for ${id}.`);
    db.refreshGroup(group);
    if (group.status !== 'OPEN') {
      throw domainError('COMPLETED_EXPIRED_CANCELED', `Payment group ${group.share_id} has already ended (${group.status}).`);
    }
    db.endGroup(group);
    const expand = expandOf(c);
    GROUP_VIEW.forEach((path) => expand.add(path));
    return c.json(groupToWire(group, wireContext(c, db), expand));
  });

  routes.get('/seeds', (c) => {
    // No secret keys here: this index is public, the CLI prints them.
    return c.json({
      keys: { publishable_test: sandboxKeys.publishableTest, publishable_live: sandboxKeys.publishableLive },
      sessions: SEEDED_SESSIONS.map(({ key, label, id }) => {
        const session = db.sessions.get(id);
        return {
          key,
          label,
          id,
          share_id: session?.share_id ?? null,
          livemode: session?.livemode ?? false,
          status: session?.status ?? null,
          url: session?.url ?? null,
        };
      }),
      groups: SEEDED_GROUPS.map(({ key, label, id, shareId, livemode }) => {
        const group = db.groups.get(id);
        return {
          key,
          label,
          id,
          share_id: shareId,
          livemode,
          status: group?.status ?? null,
          participants: group ? db.participantsOf(group).length : 0,
        };
      }),
    });
  });

  routes.get('/assets/logo.svg', (c) =>
    c.body(LOGO_SVG, 200, { 'content-type': 'image/svg+xml', 'cache-control': 'public, max-age=3600' }),
  );

  // A product picture for seeded items: a tinted tile with the product's initial, made from its file name.
  routes.get('/assets/products/:file', (c) => {
    const name = c.req.param('file').replace(/\.svg$/, '');
    const hue = [...name].reduce((hash, char) => (hash * 31 + char.charCodeAt(0)) % 360, 7);
    const initial = (name.match(/[a-z]/i)?.[0] ?? '?').toUpperCase();
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 96 96"><rect width="96" height="96" rx="12" fill="hsl(${hue} 45% 86%)"/><text x="48" y="62" font-family="Georgia, serif" font-size="44" text-anchor="middle" fill="hsl(${hue} 40% 30%)">${initial}</text></svg>`;
    return c.body(svg, 200, { 'content-type': 'image/svg+xml', 'cache-control': 'public, max-age=3600' });
  });

  routes.get('/health', (c) => c.json({ ok: true, now: new Date(db.now()).toISOString() }));

  // The harness's controls need a test key too: CORS is open, and the log holds Idempotency-Keys.
  const testKey = requireKey(keys, 'test');
  routes.post('/faults', testKey, async (c) => c.json(faults.arm(parseFaultSpec(await readBody(c))), 201));
  routes.get('/faults', testKey, (c) => {
    const data = faults.list();
    return c.json({ data, count: data.length });
  });
  routes.delete('/faults', testKey, (c) => {
    const cleared = faults.list().length;
    faults.clear();
    return c.json({ cleared });
  });

  routes.get('/requests', testKey, (c) => {
    const url = new URL(c.req.url);
    const method = url.searchParams.get('method')?.toUpperCase();
    const path = url.searchParams.get('path');
    const data = requests
      .list()
      // Live traffic stays out of a log read with a test key: its paths name live objects.
      .filter((entry) => entry.livemode !== true)
      .filter((entry) => (!method || entry.method === method) && (!path || entry.path === path));
    return c.json({ data, count: data.length });
  });
  routes.delete('/requests', testKey, (c) => {
    const cleared = requests.list().length;
    requests.clear();
    return c.json({ cleared });
  });

  return routes;
}
