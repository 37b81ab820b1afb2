/**
 * Per-request time of the sandbox as its store fills: `node --import tsx test/sandbox/tick-bench.ts [app.ts …]`.
 * Each app module given (default: this tree's) is filled with 10, 1,000 and 10,000 sessions per
 * mode, then the apps answer `GET /checkout-sessions/{id}` in turn, round after round, so a noisy
 * machine weighs on each alike. Not a test: it asserts nothing and takes a few minutes.
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { createSandboxApp as CreateSandboxApp } from '../../sandbox/app.ts';

const MINUTE = 60_000;
const SIZES = (process.env.BENCH_SIZES ?? "10,1000,10000").split(",").map(Number);
const ROUNDS = 7;
const REQUESTS_PER_ROUND = 300;
/** A slow store ends its round sooner, after at least a few requests. */
const ROUND_MS = 300;

const modules = process.argv.slice(2);
if (modules.length === 0) modules.push(new URL('../../sandbox/app.ts', import.meta.url).pathname);

interface Filled {
  name: string;
  fetch: (request: Request) => Response | Promise<Response>;
  readId: string;
  key: string;
  perRequestUs: number[];
}

/** Sessions over two days of the clock: half still open, a quarter paid (each with its group), a quarter with an unpaid intent. */
async function fill(path: string, perMode: number): Promise<Filled> {
  const { createSandboxApp } = (await import(pathToFileURL(resolve(path)).href)) as { createSandboxApp: typeof CreateSandboxApp };
  let time = Date.parse('2026-03-02T10:00:00.000Z');
  const sandbox = createSandboxApp({ now: () => time, maxObjects: 2 * perMode });
  const { db } = sandbox;
  const step = (48 * 60 * MINUTE) / perMode;
  let readId = '';
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
      }
      if (!livemode) readId = session.id;
    }
    time += step;
  }
  db.tick();
  sandbox.dispose();
  return { name: path, fetch: (request) => sandbox.app.fetch(request), readId, key: sandbox.keys.publishableTest, perRequestUs: [] };
}

async function round(app: Filled): Promise<void> {
  const started = performance.now();
  let requests = 0;
  while (requests < REQUESTS_PER_ROUND && (requests < 5 || performance.now() - started < ROUND_MS)) {
    requests += 1;
    const response = await app.fetch(
      new Request(`http://sandbox.test/checkout-sessions/${app.readId}`, { headers: { authorization: `Bearer ${app.key}` } }),
    );
    if (response.status !== 200) throw new Error(`${app.name}: ${response.status} ${await response.text()}`);
    await response.arrayBuffer();
  }
  app.perRequestUs.push(((performance.now() - started) * 1000) / requests);
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;

for (const size of SIZES) {
  const apps: Filled[] = [];
  for (const path of modules) apps.push(await fill(path, size));
  for (const app of apps) await round(app); // warm-up, not counted
  for (const app of apps) app.perRequestUs.length = 0;
  for (let r = 0; r < ROUNDS; r += 1) for (const app of r % 2 ? [...apps].reverse() : apps) await round(app);
  for (const app of apps) {
    const us = median(app.perRequestUs);
    console.log(`${String(size).padStart(6)} per mode  ${us.toFixed(0).padStart(6)} µs/request  ${(1e6 / us).toFixed(0).padStart(6)} req/s  ${app.name}`);
  }
}
