/**
 * The sandbox's stand-in for a card processor (the real checkout used Stripe). The outcome
 * comes from the card number or, without one, from the payer's e-mail, so an end-to-end
 * test can pick it without typing a card. A `+blocked@` e-mail is a blocked customer.
 */
export const TEST_CARDS = {
  succeeds: '4242424242424242',
  declined: '4000000000000002',
  slow: '4000000000000077',
  /** Processes like `slow`, then is declined: a bank debit that bounces. */
  slowDeclined: '4000000000000085',
} as const;

export type ConfirmOutcome = 'succeeded' | 'declined' | 'processing' | 'processing_declined' | 'incorrect_number';

/** The standard card-number checksum: a mistyped number fails it. */
function passesLuhn(digits: string): boolean {
  let total = 0;
  for (let i = 0; i < digits.length; i += 1) {
    let digit = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    total += digit;
  }
  return total % 10 === 0;
}

export function confirmOutcome(cardNumber: string | null, email: string | null): ConfirmOutcome {
  if (cardNumber !== null) {
    const digits = cardNumber.replace(/[\s-]/g, '');
    if (digits === TEST_CARDS.declined) return 'declined';
    if (digits === TEST_CARDS.slow) return 'processing';
    if (digits === TEST_CARDS.slowDeclined) return 'processing_declined';
    if (digits === TEST_CARDS.succeeds) return 'succeeded';
    // Any other well-formed number is a card that works, as with real test processors.
    return /^\d{12,19}$/.test(digits) && passesLuhn(digits) ? 'succeeded' : 'incorrect_number';
  }
  const address = email?.toLowerCase() ?? '';
  if (address.includes('+decline@')) return 'declined';
  if (address.includes('+slow@')) return 'processing';
  if (address.includes('+slowdecline@')) return 'processing_declined';
  return 'succeeded';
}

/** The contract's CUSTOMER_BLOCKED case, picked by e-mail like the other test outcomes. */
export function isBlockedCustomer(email: string | null): boolean {
  return email?.toLowerCase().includes('+blocked@') ?? false;
}
