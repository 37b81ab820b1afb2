import type { LineItem } from '../api/types.js';

/** What the totals block shows, derived from the line items and the session's total. */
export interface CheckoutSummary {
  /** The PRODUCT lines: the item list. */
  products: LineItem[];
  /** Sum of PRODUCT quantities. */
  articleCount: number;
  /** Sum of PRODUCT line totals, minor units. */
  subtotal: number;
  /** Every non-PRODUCT line (shipping, discounts, gift cards, store credit, unknown types), in order. */
  adjustments: LineItem[];
  /** What will be charged: the session's `amount_total`, never a client-side sum. */
  total: number;
  /** The lines do not add up to `total` (the merchant's data is inconsistent). */
  mismatch: boolean;
}

export function summarizeCheckout(lineItems: readonly LineItem[], amountTotal: number): CheckoutSummary {
  let articleCount = 0;
  let subtotal = 0;
  let linesTotal = 0;
  const products: LineItem[] = [];
  const adjustments: LineItem[] = [];
  for (const item of lineItems) {
    linesTotal += item.amount_total;
    if (item.type === 'PRODUCT') {
      products.push(item);
      articleCount += item.quantity;
      subtotal += item.amount_total;
    } else {
      adjustments.push(item);
    }
  }
  return { products, articleCount, subtotal, adjustments, total: amountTotal, mismatch: linesTotal !== amountTotal };
}
