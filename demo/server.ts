/**
 * Starts the sandbox API and the demo shop on two origins (`http://127.0.0.1:…` and
 * `http://localhost:…`) so the widget's requests are real cross-origin requests.
 * Used by `demo/start.ts`, the end-to-end tests and the screenshot script.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createNetServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { getRequestListener } from '@hono/node-server';
import { startSandbox } from '../sandbox/server.ts';
import { SEEDED_SESSIONS } from '../sandbox/seed.ts';
import { createShopApp, type ShopKeys } from './shop.ts';

export interface DemoOptions {
  /** Port of the shop; 0 picks a free one. Default 4000. */
  shopPort?: number;
  /** Port of the sandbox API; 0 picks a free one. Default 4010. */
  sandboxPort?: number;
  /** Silences the sandbox's request logging. */
  quiet?: boolean;
}

export interface RunningDemo {
  /** The shop, e.g. `http://localhost:4000`. */
  shopUrl: string;
  /** The sandbox API, e.g. `http://127.0.0.1:4010`. */
  sandboxUrl: string;
  keys: ShopKeys;
  close(): Promise<void>;
}

type Listener = (request: IncomingMessage, response: ServerResponse) => void;

export async function startDemo(options: DemoOptions = {}): Promise<RunningDemo> {
  // The sandbox must know the shop's origin (seeded success/cancel URLs) and the shop must
  // know the sandbox's URL: bind the shop first, give it its app once both are known.
  let handle: Listener = (_request, response) => {
    response.writeHead(503).end('starting');
  };
  const shopServers = await listenOnLoopback(options.shopPort ?? 4000, (request, response) =>
    handle(request, response),
  );
  const shopPort = (shopServers[0]!.address() as { port: number }).port;
  const shopUrl = `http://localhost:${shopPort}`;

  let sandbox: Awaited<ReturnType<typeof startSandbox>>;
  try {
    sandbox = await startSandbox({
      port: options.sandboxPort ?? 4010,
      hostname: '127.0.0.1',
      quiet: options.quiet ?? false,
      shopOrigin: shopUrl,
    });
  } catch (error) {
    await closeAll(shopServers);
    throw error;
  }
  const sandboxUrl = sandbox.url.replace(/\/$/, '');

  const app = createShopApp({
    shopUrl,
    sandboxUrl,
    offlineApiUrl: `http://127.0.0.1:${await findClosedPort()}`,
    keys: sandbox.keys,
    seeds: SEEDED_SESSIONS,
    cdnDir: fileURLToPath(new URL('../dist/cdn/', import.meta.url)),
    publicDir: fileURLToPath(new URL('./public/', import.meta.url)),
  });
  handle = getRequestListener(app.fetch) as Listener;

  return {
    shopUrl,
    sandboxUrl,
    keys: sandbox.keys,
    async close() {
      await Promise.all([closeAll(shopServers), sandbox.close()]);
    },
  };
}

/**
 * Listens on 127.0.0.1 and, when the machine has IPv6, on ::1 with the same port, so
 * `http://localhost:PORT` works whichever address a browser tries first.
 */
async function listenOnLoopback(port: number, listener: Listener): Promise<Server[]> {
  const ipv4 = await listen(createServer(listener), port, '127.0.0.1');
  const actualPort = (ipv4.address() as { port: number }).port;
  try {
    const ipv6 = await listen(createServer(listener), actualPort, '::1');
    return [ipv4, ipv6];
  } catch {
    return [ipv4];
  }
}

function listen(server: Server, port: number, hostname: string): Promise<Server> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, hostname, () => {
      server.off('error', reject);
      resolve(server);
    });
  });
}

async function closeAll(servers: Server[]): Promise<void> {
  await Promise.all(
    servers.map(
      (server) =>
        new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        }),
    ),
  );
}

/** A port that was free a moment ago and that nothing listens on. */
async function findClosedPort(): Promise<number> {
  const server = createNetServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
