/** Serves the sandbox over HTTP (port 0 picks a free one), for the demo, the CLI and the tests. */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAdaptorServer } from '@hono/node-server';
import { createSandboxApp, type SandboxOptions } from './app.ts';
import type { SandboxDb } from './db.ts';
import type { FaultStore } from './faults.ts';
import type { RequestLog } from './request-log.ts';
import type { SandboxKeys } from './types.ts';

export interface StartSandboxOptions extends SandboxOptions {
  port?: number;
  /** Default `127.0.0.1`: the sandbox is a local tool, not a service to expose. */
  hostname?: string;
  /** No per-request log lines. */
  quiet?: boolean;
}

export interface RunningSandbox {
  url: string;
  port: number;
  keys: SandboxKeys;
  db: SandboxDb;
  faults: FaultStore;
  requests: RequestLog;
  close(): Promise<void>;
}

/** The keys can be swapped without code: `KOHORT_SANDBOX_PK`, `…_SK`, `…_PK_LIVE`, `…_SK_LIVE`. */
export function keysFromEnv(env: NodeJS.ProcessEnv = process.env): Partial<SandboxKeys> {
  const keys: Partial<SandboxKeys> = {};
  if (env.KOHORT_SANDBOX_PK) keys.publishableTest = env.KOHORT_SANDBOX_PK;
  if (env.KOHORT_SANDBOX_SK) keys.secretTest = env.KOHORT_SANDBOX_SK;
  if (env.KOHORT_SANDBOX_PK_LIVE) keys.publishableLive = env.KOHORT_SANDBOX_PK_LIVE;
  if (env.KOHORT_SANDBOX_SK_LIVE) keys.secretLive = env.KOHORT_SANDBOX_SK_LIVE;
  return keys;
}

export async function startSandbox(options: StartSandboxOptions = {}): Promise<RunningSandbox> {
  const { port = 0, hostname = '127.0.0.1', quiet = false, ...appOptions } = options;
  const sandbox = createSandboxApp({
    ...appOptions,
    keys: { ...keysFromEnv(), ...appOptions.keys },
    log: appOptions.log ?? (quiet ? undefined : (line) => console.log(`[sandbox] ${line}`)),
  });
  // No http2/https options are passed, so this is a plain node:http server.
  const server = createAdaptorServer({ fetch: sandbox.app.fetch, hostname }) as Server;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, hostname, () => {
      server.off('error', reject);
      resolve();
    });
  });

  const actualPort = (server.address() as AddressInfo).port;
  const host = hostname === '0.0.0.0' || hostname === '::' ? 'localhost' : hostname.includes(':') ? `[${hostname}]` : hostname;
  return {
    url: `http://${host}:${actualPort}`,
    port: actualPort,
    keys: sandbox.keys,
    db: sandbox.db,
    faults: sandbox.faults,
    requests: sandbox.requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        sandbox.dispose();
        server.close((error) => (error ? reject(error) : resolve()));
        // Keep-alive sockets would hold close() open until they time out.
        server.closeAllConnections();
      }),
  };
}
