/**
 * `npm start`: the sandbox API and the demo shop, on two origins.
 * Ports: `PORT` (shop, default 4000) and `KOHORT_SANDBOX_PORT` (API, default 4010).
 */
import { startDemo } from './server.ts';

function portFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`${name} must be a port number, got "${raw}"`);
  }
  return port;
}

const demo = await startDemo({
  shopPort: portFromEnv('PORT', 4000),
  sandboxPort: portFromEnv('KOHORT_SANDBOX_PORT', 4010),
});

console.log(`
  KohortPay checkout demo

  Shop (merchant site)   ${demo.shopUrl}
  Sandbox API            ${demo.sandboxUrl}

  Test keys   ${demo.keys.publishableTest}   ${demo.keys.secretTest}
  Live keys   ${demo.keys.publishableLive}   ${demo.keys.secretLive}

  Open ${demo.shopUrl}/ and pick a seeded session, or press "New order".
  Ctrl+C stops both servers.
`);

let stopping = false;
async function stop(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  console.log(`\n${signal}: stopping the shop and the sandbox…`);
  await demo.close();
  process.exit(0);
}
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));
