/** A group's participants and their names, and its cashback tiers: which level is reached, what comes next, what it is worth. */
import type { DiscountLevel, DiscountType, PaymentGroup, PaymentIntent } from '../api/types.js';
import { minorUnitDigits } from '../money/format.js';

/** A paid intent stays a participant once settlement moves it to a cashback status. */
const PAID: readonly string[] = ['SUCCEEDED', 'CASHBACK_AVAILABLE', 'CASHBACK_PROCESSING', 'CASHBACK_SENT'];

/** Participants are the group's paid intents (the creator's included); an unknown status does not count. */
export function participantsOf(group: PaymentGroup): PaymentIntent[] {
  return (group.payment_intents ?? []).filter((intent) => PAID.includes(intent.status));
}

/** The highest level unlocked by `participants`, or null below the first. */
export function levelReached(levels: readonly DiscountLevel[], participants: number): DiscountLevel | null {
  let reached: DiscountLevel | null = null;
  for (const level of levels) if (participants >= level.participants_to_unlock) reached = level;
  return reached;
}

/** The next level to unlock, or null when the last one is reached. */
export function nextLevel(levels: readonly DiscountLevel[], participants: number): DiscountLevel | null {
  return levels.find((level) => participants < level.participants_to_unlock) ?? null;
}

/** Cashback on `amount` at `level`, in minor units: a percentage rounded, or a fixed amount in whole currency units. */
export function cashbackAmount(level: DiscountLevel | null, type: DiscountType, amount: number, currency: string): number {
  if (!level) return 0;
  if (type === 'AMOUNT') return Math.round(level.value * 10 ** minorUnitDigits(currency));
  // In ten-thousandths of a percent, so that 5000 × 1.13 % is 57, not 56 (1.13 × 5000 is 5649.999… in floats).
  return Math.round((amount * Math.round(level.value * 10_000)) / 1_000_000);
}

/** "Marie D." from a participant's name, or null when the API gives none. */
export function shortName(customer: { first_name?: string | null; last_name?: string | null } | null | undefined): string | null {
  const first = customer?.first_name?.trim();
  if (!first) return null;
  const initial = firstLetter(customer?.last_name?.trim() ?? '');
  return initial ? `${first} ${initial.toUpperCase()}.` : first;
}

/** The first letter as a reader sees it: "𠮷" of "𠮷田", "É" of a decomposed "É", not half of either. */
function firstLetter(text: string): string | undefined {
  const segment = typeof Intl.Segmenter === 'function' ? [...new Intl.Segmenter().segment(text)][0]?.segment : [...text][0];
  return segment && /\p{L}/u.test(segment) ? segment : undefined;
}
