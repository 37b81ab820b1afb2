/**
 * API keys: `Authorization: Bearer <key>` (or HTTP Basic with the key as user name, as
 * Stripe-style clients send it). The key's mode decides which objects the caller sees.
 */
import type { MiddlewareHandler } from 'hono';
import type { SandboxEnv } from './env.ts';
import { unauthorized } from './errors.ts';
import type { ApiKeyInfo, SandboxKeys } from './types.ts';

/** Which keys a route accepts: publishable or secret, secret only, or test-mode only (sandbox tools). */
export type KeyPolicy = 'any' | 'secret' | 'test';

export function keyTable(keys: SandboxKeys): Map<string, ApiKeyInfo> {
  const entries: ApiKeyInfo[] = [
    { key: keys.publishableTest, kind: 'publishable', livemode: false },
    { key: keys.secretTest, kind: 'secret', livemode: false },
    { key: keys.publishableLive, kind: 'publishable', livemode: true },
    { key: keys.secretLive, kind: 'secret', livemode: true },
  ];
  return new Map(entries.map((entry) => [entry.key, entry]));
}

/** The key carried by an Authorization header, or a reason it could not be read. */
export function keyFromHeader(header: string | undefined): { key: string } | { problem: string } {
  if (!header?.trim()) return { problem: 'No API key provided. Send it as `Authorization: Bearer <key>`.' };
  const [scheme = '', credentials = '', ...rest] = header.trim().split(/\s+/);
  if (!credentials || rest.length > 0) return { problem: 'Malformed Authorization header. Expected `Bearer <key>`.' };
  if (scheme.toLowerCase() === 'bearer') return { key: credentials };
  if (scheme.toLowerCase() === 'basic') {
    const decoded = Buffer.from(credentials, 'base64').toString('utf8');
    const user = decoded.split(':')[0] ?? '';
    return user ? { key: user } : { problem: 'Malformed Basic credentials: the API key goes in the user name.' };
  }
  return { problem: `Unsupported authorization scheme "${scheme}". Use \`Bearer <key>\`.` };
}

/** Keeps enough of a key to recognise it without echoing it whole. */
function redact(key: string): string {
  return key.length > 12 ? `${key.slice(0, 8)}…${key.slice(-4)}` : '…';
}

export function requireKey(table: Map<string, ApiKeyInfo>, policy: KeyPolicy): MiddlewareHandler<SandboxEnv> {
  return async (c, next) => {
    const read = keyFromHeader(c.req.header('authorization'));
    if ('problem' in read) throw unauthorized(read.problem);
    const caller = table.get(read.key);
    if (!caller) throw unauthorized(`Invalid API key provided: ${redact(read.key)}`);
    if (policy === 'secret' && caller.kind !== 'secret') {
      throw unauthorized('This call needs a secret key (sk_…); publishable keys are refused here.');
    }
    if (policy === 'test' && caller.livemode) {
      throw unauthorized('Sandbox test tools only accept test-mode keys.');
    }
    c.set('caller', caller);
    await next();
  };
}
