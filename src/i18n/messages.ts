/** The shape of a message catalogue: every visible string, in one place per language. */
import type { CheckoutErrorCode } from '../api/errors.js';
import type { CodeRefusal } from '../stores/referral.js';

export interface ErrorText {
  title: string;
  body: string;
}

/** The words of everything up to paying, and of the paid view around its group: in the module. */
export interface CheckoutMessages {
  offline: string;
  loading: string;
  testMode: string;
  orderSummary: string;
  quantityTimesPrice: (quantity: number, unitPrice: string) => string;
  articles: (count: number) => string;
  subtotal: string;
  total: string;
  lineTypes: Record<'SHIPPING' | 'DISCOUNT' | 'GIFT_CARD' | 'STORE_CREDIT', string>;
  backToShop: string;
  retry: string;
  completedTitle: string;
  completedBody: string;
  receiptSentTo: (email: string) => string;
  amountPaid: string;
  paidOn: (date: string) => string;
  expiredTitle: string;
  expiredBody: string;
  errors: Record<CheckoutErrorCode, ErrorText>;
  missingAttribute: (attribute: string) => string;
  secretKey: (maskedKey: string) => string;
  errorReference: (code: string) => string;
  /** The API asked for a wait over a minute (`Retry-After`), said in place of `errors.*.body`: how long, in minutes, rounded up. */
  waitMinutes: (minutes: number) => string;

  emailLabel: string;
  emailRequired: string;
  emailInvalid: string;
  codeToggle: string;
  codeLabel: string;
  codeHint: string;
  codeApply: string;
  codeRemove: string;
  codeValidating: string;
  codeNeedsEmail: string;
  /** One sentence, full stop included, said before codeCashback; not ending on the owner, whose initial has its own ("Marie D.."). */
  codeJoining: (owner: string | null) => string;
  codeCashback: (amount: string, tier: string) => string;
  codeRefusals: Record<CodeRefusal, string>;
  payButton: (amount: string) => string;
  paymentSteps: Record<'creating' | 'confirming' | 'settling', string>;
  paymentDeclined: string;
  paymentError: string;
  /**
   * Paying again will not help, only the shop can: the API refused this customer (`CUSTOMER_BLOCKED`)
   * or the shop's key (`unauthorized`, `invalid_key`), or the page has no way to pay (`missing_attribute`).
   */
  customerBlocked: string;
  paymentUnknownTitle: string;
  paymentUnknownBody: string;
  checkAgain: string;
  redirecting: string;
  testModeHint: string;

  successTitle: string;
  groupHeading: string;
  groupLoading: string;
  groupUnavailable: string;
  continueToShop: string;
}

/**
 * The words of the referral group's live view. French and English come with the group view's
 * chunk (`i18n/fr-group.ts`, `i18n/en-group.ts`); the other languages carry theirs.
 */
export interface GroupMessages {
  yourCode: string;
  /** The code's label once the group no longer takes members (nothing left to share). */
  groupCode: string;
  copy: string;
  copied: string;
  copyFailed: string;
  share: string;
  shareText: (merchant: string, code: string) => string;
  inviteLink: string;
  participants: (count: number, max: number) => string;
  participantsNames: string;
  tiersHeading: string;
  tierRow: (participants: number) => string;
  currentTier: string;
  nextTier: (more: number, value: string) => string;
  topTierReached: string;
  cashbackNow: (amount: string) => string;
  timeLeft: (time: string) => string;
  groupEnded: Record<'COMPLETED' | 'EXPIRED' | 'CANCELED', string>;
  groupCompletedTier: (value: string) => string;
  friendJoined: (count: number) => string;
}

/** A whole language: what a merchant can override, and what each lazily loaded language holds. */
export type Messages = CheckoutMessages & GroupMessages;

/** A language as the module holds it: French and English gain their group words with the group view. */
export type Catalogue = CheckoutMessages & Partial<GroupMessages>;

const numberFormats = new Map<string, Intl.NumberFormat>();

/**
 * One Intl.NumberFormat per locale and options, made once: making one costs more than formatting
 * (a thousand lines would wait 20 ms).
 */
export function numberFormat(locale: string, options?: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = locale + JSON.stringify(options);
  let format = numberFormats.get(key);
  if (!format) numberFormats.set(key, (format = new Intl.NumberFormat(locale, options)));
  return format;
}

/** `formatCount('fr', 1000)` → "1 000": a count written as the language writes numbers. */
export function formatCount(locale: string, count: number): string {
  return numberFormat(locale).format(count);
}

/** `plural('fr', 2, { one: '# article', other: '# articles' })` → "2 articles". */
export function plural(locale: string, count: number, forms: Partial<Record<Intl.LDMLPluralRule, string>> & { one: string; other: string }): string {
  // A category without its form ("two", "few", "many"…) takes the other one.
  const form = forms[new Intl.PluralRules(locale).select(count)] ?? forms.other;
  return form.replace('#', formatCount(locale, count));
}
