/** What every route module needs: the store, the key table, and the wire context of a request. */
import type { Context } from 'hono';
import type { SandboxDb } from '../db.ts';
import type { SandboxEnv } from '../env.ts';
import { parseExpand, type WireContext } from '../serialize.ts';
import type { ApiKeyInfo } from '../types.ts';
import type { ListQuery } from '../validation.ts';

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

/** Nulls sort as the largest value, as in Postgres: last in `asc`, first in `desc`. */
function compareValues(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (a === null || a === undefined) return 1;
  if (b === null || b === undefined) return -1;
  return (a as string | number) < (b as string | number) ? -1 : 1;
}

/**
 * One page of a list: filtered by `search`, sorted by `orderBy` (ties in creation order), then
 * sliced. `fieldsOf` gives a record's wire properties as the caller may see them, so a search
 * never matches on what the caller could not read. ISO dates sort correctly as text.
 */
export function selectPage<R extends { seq: number }>(
  records: R[],
  query: ListQuery,
  fieldsOf: (record: R) => object,
): { page: R[]; count: number } {
  const rows = records.map((record) => ({ record, fields: fieldsOf(record) as Record<string, unknown> }));
  const { search, orderBy } = query;
  const matching = search
    ? rows.filter(({ fields }) => fields[search.field] != null && String(fields[search.field]) === search.value)
    : rows;
  const sign = orderBy.direction === 'asc' ? 1 : -1;
  matching.sort(
    (a, b) => sign * (compareValues(a.fields[orderBy.field], b.fields[orderBy.field]) || a.record.seq - b.record.seq),
  );
  return { page: matching.slice(query.skip, query.skip + query.take).map(({ record }) => record), count: matching.length };
}
