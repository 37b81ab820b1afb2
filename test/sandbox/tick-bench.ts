/**
 * Per-request time of the sandbox as its store fills: `node --import tsx test/sandbox/tick-bench.ts [app.ts …]`.
 * Each app module given (default: this tree's) is filled with 10, 1,000 and 10,000 sessions per
 * mode, then the apps answer each kind of request in turn, round after round, so a noisy machine
 * weighs on each alike. Not a test: it asserts nothing and takes a few minutes.
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { createSandboxApp as CreateSandboxApp } from '../../sandbox/app.ts';

const MINUTE = 60_000;
const SIZES = (process.env.BENCH_SIZES ?? '10,1000,10000').split(',').map(Number);
const ROUNDS = 7;
/** A slow store ends its round sooner, after at least a few requests. */
const ROUND_MS = 300;

const modules = process.argv.slice(2);
if (modules.length === 0) modules.push(new URL('../../sandbox/app.ts', import.meta.url).pathname);

interface Filled {
  name: string;
  fetch: (request: Request) => Response | Promise<Response>;
  /** A session read by id, one read by share id, and the open sessions a new intent may pay. */
  sessionId: string;
  sessionShareId: string;
  openSessions: Array<{ id: string; amount: number }>;
  /** An open group with two participants, read and validated by its share code. */
  groupCode: string;
  publishableKey: string;
  perRequestUs: Map<string, number[]>;
}

interface RequestKind {
  name: string;
  /** Each POST /payment-intents stores an intent: a few per round keep a small store small. */
  requestsPerRound: number;
  status: number;
  request: (app: Filled, n: number) => Request;
}

const KINDS: RequestKind[] = [
  {
    name: 'GET /checkout-sessions/{id}',
    requestsPerRound: 300,
    status: 200,
    request: (app) => get(app, `/checkout-sessions/${app.sessionId}`),
  },
  {
    name: 'GET /checkout-sessions/{share_id}',
    requestsPerRound: 300,
    status: 200,
    request: (app) => get(app, `/checkout-sessions/${app.sessionShareId}`),
  },
  {
    name: 'GET /payment-groups/{code}?expand[]=payment_intents',
    requestsPerRound: 300,
    status: 200,
    request: (app) => get(app, `/payment-groups/${app.groupCode}?expand[]=payment_intents`),
  },
  {
    name: 'POST /payment-groups/{code}/validate',
    requestsPerRound: 300,
    status: 201,
    request: (app, n) => post(app, `/payment-groups/${app.groupCode}/validate`, { customer_email: `friend-${n}@example.com`, amount: 5490 }),
  },
  {
    name: 'POST /payment-intents',
    requestsPerRound: 20,
    status: 201,
    request: (app, n) => {
      const session = app.openSessions[n % app.openSessions.length] as { id: string; amount: number };
      return post(app, '/payment-intents', { checkout_session_id: session.id, amount: session.amount });
    },
  },
];

function get(app: Filled, path: string): Request {
  return new Request(`http://sandbox.test${path}`, { headers: { authorization: `Bearer ${app.publishableKey}` } });
}

function post(app: Filled, path: string, body: unknown): Request {
  return new Request(`http://sandbox.test${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${app.publishableKey}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

/** Sessions over two days of the clock: half still open, a quarter paid (each with its group), a quarter with an unpaid intent. */
async function fill(path: string, perMode: number): Promise<Filled> {
  const { createSandboxApp } = (await import(pathToFileURL(resolve(path)).href)) as { createSandboxApp: typeof CreateSandboxApp };
  let time = Date.parse('2026-03-02T10:00:00.000Z');
  // Room for the intents the POST rounds add, so the store never refuses one.
  const sandbox = createSandboxApp({ now: () => time, maxObjects: 2 * perMode + 1_000 });
  const { db } = sandbox;
  const step = (48 * 60 * MINUTE) / perMode;
  let sessionId = '';
  let sessionShareId = '';
  const unpaidSessions = [];
  for (let i = 0; i < perMode; i += 1) {
    for (const livemode of [false, true]) {
      const session = db.createSession({
        livemode,
        amount_total: 5490,
        customer_email: `buyer-${i}@example.com`,
        expires_at: time + 24 * 60 * MINUTE,
        line_items: [
          { name: 'Chemise en lin', price: 4500, quantity: 1, type: 'PRODUCT' },
          { name: 'Livraison', price: 990, quantity: 1, type: 'SHIPPING' },
        ],
      });
      if (i % 2 === 1) {
        const intent = db.createIntent({ session, amount: 5490 });
        if (i % 4 === 1) db.settle(intent);
      } else if (!livemode) {
        unpaidSessions.push(session);
      }
      if (!livemode) ({ id: sessionId, share_id: sessionShareId } = session);
    }
    time += step;
  }
  const group = db.createGroup({ livemode: false, creator_email: 'creator@example.com' });
  for (const email of ['creator@example.com', 'friend@example.com']) db.addPaidParticipant(group, { email, amount: 5490 });
  db.tick();
  sandbox.dispose();
  return {
    name: path,
    fetch: (request) => sandbox.app.fetch(request),
    sessionId,
    sessionShareId,
    openSessions: unpaidSessions.filter((session) => session.status === 'OPEN').map(({ id, amount_total }) => ({ id, amount: amount_total })),
    groupCode: group.share_id,
    publishableKey: sandbox.keys.publishableTest,
    perRequestUs: new Map(KINDS.map((kind) => [kind.name, []])),
  };
}

let sent = 0;

async function round(app: Filled, kind: RequestKind): Promise<void> {
  const started = performance.now();
  let requests = 0;
  while (requests < kind.requestsPerRound && (requests < 5 || performance.now() - started < ROUND_MS)) {
    requests += 1;
    sent += 1;
    const response = await app.fetch(kind.request(app, sent));
    if (response.status !== kind.status) throw new Error(`${app.name} ${kind.name}: ${response.status} ${await response.text()}`);
    await response.arrayBuffer();
  }
  app.perRequestUs.get(kind.name)?.push(((performance.now() - started) * 1000) / requests);
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;

for (const size of SIZES) {
  const apps: Filled[] = [];
  for (const path of modules) apps.push(await fill(path, size));
  for (const kind of KINDS) for (const app of apps) await round(app, kind); // warm-up, not counted
  for (const kind of KINDS) {
    for (const app of apps) app.perRequestUs.set(kind.name, []);
    for (let r = 0; r < ROUNDS; r += 1) for (const app of r % 2 ? [...apps].reverse() : apps) await round(app, kind);
    for (const app of apps) {
      const us = median(app.perRequestUs.get(kind.name) ?? []);
      console.log(
        `${String(size).padStart(6)} per mode  ${us.toFixed(0).padStart(6)} µs/request  ${(1e6 / us).toFixed(0).padStart(6)} req/s  ${kind.name}  ${app.name}`,
      );
    }
  }
}
