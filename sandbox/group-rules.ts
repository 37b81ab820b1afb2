/** The referral rules of docs/API.md ("Referral groups"), as pure functions. */
import type { DiscountLevel, PaymentGroupSettings, PaymentIntentStatus } from '../src/api/types.ts';
import { domainError, type ApiError } from './errors.ts';
import type { GroupRecord, IntentRecord } from './types.ts';

/** A paid intent stays a participant after settlement moves it to a cashback status. */
const PARTICIPANT_STATUSES: ReadonlySet<PaymentIntentStatus> = new Set<PaymentIntentStatus>([
  'SUCCEEDED',
  'CASHBACK_AVAILABLE',
  'CASHBACK_PROCESSING',
  'CASHBACK_SENT',
]);

export function isPaid(intent: IntentRecord): boolean {
  return PARTICIPANT_STATUSES.has(intent.status);
}

/** Money is moving but not settled: the session waits for the outcome before it may expire. */
const IN_FLIGHT_STATUSES: ReadonlySet<PaymentIntentStatus> = new Set<PaymentIntentStatus>(['PROCESSING', 'REQUIRES_CAPTURE']);

export function isInFlight(intent: IntentRecord): boolean {
  return IN_FLIGHT_STATUSES.has(intent.status);
}

/** Money is moving or has moved: a session with such an intent must not take a second payment. */
const UNDER_WAY_STATUSES: ReadonlySet<PaymentIntentStatus> = new Set<PaymentIntentStatus>([
  ...IN_FLIGHT_STATUSES,
  ...PARTICIPANT_STATUSES,
]);

export function isUnderWay(intent: IntentRecord): boolean {
  return UNDER_WAY_STATUSES.has(intent.status);
}

export const DEFAULT_DISCOUNT_LEVELS: readonly DiscountLevel[] = [
  { level: 1, value: 5, participants_to_unlock: 2 },
  { level: 2, value: 10, participants_to_unlock: 5 },
  { level: 3, value: 15, participants_to_unlock: 10 },
];

export function defaultGroupSettings(minutesDuration: number): PaymentGroupSettings {
  return {
    discount_type: 'PERCENTAGE',
    max_participants: 15,
    minutes_duration: minutesDuration,
    min_purchase_value: 3000,
    discount_levels: DEFAULT_DISCOUNT_LEVELS.map((level) => ({ ...level })),
  };
}

/** The highest level a group of `participants` people has unlocked, or null. */
export function levelReached(settings: PaymentGroupSettings, participants: number): DiscountLevel | null {
  let reached: DiscountLevel | null = null;
  for (const level of settings.discount_levels) {
    if (level.participants_to_unlock <= participants && (!reached || level.level > reached.level)) {
      reached = level;
    }
  }
  return reached;
}

/**
 * PERCENTAGE values are percents of the amount; AMOUNT values are whole currency units.
 * The percent is taken in integer millionths so 5000 × 1.13 % is 57, not a float's 56 (the widget
 * uses the same formula).
 */
export function cashbackFor(settings: PaymentGroupSettings, level: DiscountLevel | null, amount: number): number {
  if (!level) return 0;
  return settings.discount_type === 'PERCENTAGE'
    ? Math.round((amount * Math.round(level.value * 10_000)) / 1_000_000)
    : Math.round(level.value * 100);
}

export interface JoinAttempt {
  email?: string | null;
  amount?: number | null;
}

/**
 * Why a customer may not join `group`, as the validate endpoint words it, or null.
 * A group that ended because it filled up answers MAX_PARTICIPANTS_REACHED rather than
 * COMPLETED_EXPIRED_CANCELED: it tells the customer the more useful story ("this group is full").
 */
export function joinRefusal(group: GroupRecord, participants: IntentRecord[], attempt: JoinAttempt): ApiError | null {
  if (participants.length >= group.settings.max_participants) {
    return domainError('MAX_PARTICIPANTS_REACHED', `Payment group ${group.share_id} is full.`);
  }
  if (group.status !== 'OPEN') {
    return domainError(
      'COMPLETED_EXPIRED_CANCELED',
      `Payment group ${group.share_id} is ${group.status.toLowerCase()} and cannot be joined.`,
    );
  }
  const email = attempt.email?.trim().toLowerCase();
  if (email && participants.some((intent) => intent.customer_email?.toLowerCase() === email)) {
    return domainError('EMAIL_ALREADY_USED', 'This e-mail address has already joined this payment group.');
  }
  if (attempt.amount != null && attempt.amount < group.settings.min_purchase_value) {
    return domainError(
      'AMOUNT_TOO_LOW',
      `The amount must be at least ${group.settings.min_purchase_value} to join this payment group.`,
    );
  }
  return null;
}
