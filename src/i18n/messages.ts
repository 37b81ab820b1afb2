/** The shape of a message catalogue: every visible string, in one place per language. */
import type { CheckoutErrorCode } from '../api/errors.js';

export interface ErrorText {
  title: string;
  body: string;
}

export interface Messages {
  loading: string;
  testMode: string;
  orderSummary: string;
  lineItemsLabel: string;
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
  expiredTitle: string;
  expiredBody: string;
  errors: Record<CheckoutErrorCode, ErrorText>;
  missingAttribute: (attribute: string) => string;
  secretKey: (maskedKey: string) => string;
  errorReference: (code: string) => string;
}

/** `plural('fr', 2, { one: '# article', other: '# articles' })` → "2 articles". */
export function plural(locale: string, count: number, forms: { one: string; other: string }): string {
  const form = new Intl.PluralRules(locale).select(count) === 'one' ? forms.one : forms.other;
  return form.replace('#', new Intl.NumberFormat(locale).format(count));
}
