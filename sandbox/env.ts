/** The Hono environment shared by the sandbox's routes and middleware. */
import type { HttpBindings } from '@hono/node-server';
import type { ApiKeyInfo } from './types.ts';

export interface SandboxEnv {
  /** Present when served by @hono/node-server; absent under `app.request()`. */
  Bindings: Partial<HttpBindings> | undefined;
  Variables: { caller: ApiKeyInfo };
}
