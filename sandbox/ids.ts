/** Identifier shapes of the KohortPay API (`cs_` + 14 hex, `KHT-test-` + 8 hex, …). */
import { createHash, randomBytes } from 'node:crypto';

export function randomHex(length: number): string {
  return randomBytes(Math.ceil(length / 2)).toString('hex').slice(0, length);
}

/** `cs_…`, `pi_…`, `pg_…`, `li_…`: a prefix and 14 lower-case hex digits. */
export function newId(prefix: string): string {
  return `${prefix}${randomHex(14)}`;
}

/** Seeded ids stay stable across restarts so tests and the demo can link to them. */
export function seedId(prefix: string, n: number): string {
  return `${prefix}5eed${n.toString(16).padStart(10, '0')}`;
}

/** Hex derived from a seed string: stable, but shaped like the random ones. */
export function stableHex(seed: string, length: number): string {
  let hex = '';
  for (let round = 0; hex.length < length; round += 1) {
    hex += createHash('sha256').update(`${seed}:${round}`).digest('hex');
  }
  return hex.slice(0, length);
}

export function sessionShareId(livemode: boolean, seed?: string): string {
  const hex = seed === undefined ? randomHex(58) : stableHex(seed, 58);
  return `cs_${livemode ? 'live' : 'test'}_${hex}`;
}

export function groupShareId(livemode: boolean, seed?: string, draw = () => randomHex(8)): string {
  const hex = (seed === undefined ? draw() : stableHex(seed, 8)).toUpperCase();
  return livemode ? `KHT-${hex}` : `KHT-test-${hex}`;
}

/** One customer id per e-mail and mode, so a returning payer keeps the same `cus_…`. */
export function customerIdFor(email: string, livemode: boolean): string {
  return `cus_${stableHex(`${livemode ? 'live' : 'test'}:${email.toLowerCase()}`, 14)}`;
}

export function hostedCheckoutUrl(shareId: string): string {
  return `https://checkout.kohortpay.com/c/${shareId}`;
}
