/** What every route module needs: the store, the key table, and the wire context of a request. */
import type { Context } from 'hono';
import type { SandboxDb } from '../db.ts';
import type { SandboxEnv } from '../env.ts';
import { parseExpand, type WireContext } from '../serialize.ts';
import type { ApiKeyInfo } from '../types.ts';

export interface RouteDeps {
  db: SandboxDb;
  keys: Map<string, ApiKeyInfo>;
}

export function wireContext(c: Context<SandboxEnv>, db: SandboxDb): WireContext {
  return { db, origin: new URL(c.req.url).origin, caller: c.get('caller') };
}

export function expandOf(c: Context<SandboxEnv>): Set<string> {
  return parseExpand(new URL(c.req.url));
}
