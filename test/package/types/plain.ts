// A TypeScript project without any UI framework: the entries' types, the tag and the events.
import 'kohort-checkout';
import { KohortCheckout as KohortCheckoutClass, type ConfirmPaymentHandler, type KohortSuccessEvent } from 'kohort-checkout';
import { KohortCheckout } from 'kohort-checkout/element';

const checkout: KohortCheckout | null = document.querySelector('kohort-checkout');
const created: KohortCheckoutClass = document.createElement('kohort-checkout');
created.sessionId = 'cs_5eed00000000a1';
created.publishableKey = 'pk_test_sandbox_kohort0000000000000000';

checkout?.addEventListener('kohort-success', (event) => {
  const paymentIntentId: string = event.detail.paymentIntentId;
  const shareId: string | undefined = event.detail.group?.share_id;
  // @ts-expect-error the amount is a number of minor units
  const amount: string = event.detail.amountTotal;
  return [paymentIntentId, shareId, amount];
});
checkout?.addEventListener('kohort-cancel', (event) => event.preventDefault());
// A single-page app routes "Continue" itself.
checkout?.addEventListener('kohort-continue', (event) => {
  event.preventDefault();
  return new URL(event.detail.url).searchParams.get('payment_id');
});
document.addEventListener('kohort-error', (event) => event.detail.code satisfies string);
// Always sent (`''` when no session-id is set): a page needs no undefined check.
document.addEventListener('kohort-error', (event) => event.detail.sessionId.trim());

const listener = (event: KohortSuccessEvent): string => event.detail.currency;
checkout?.addEventListener('kohort-success', listener);
// @ts-expect-error a kohort-ready event has no paymentIntentId
checkout?.addEventListener('kohort-ready', (event) => event.detail.paymentIntentId);
// @ts-expect-error sessionId is a string
created.sessionId = 42;
// The widget says what it shows; a page reads `state` (or the attribute) but cannot set it.
const shown: 'loading' | 'ready' | 'completed' | 'expired' | 'error' = created.state;
// @ts-expect-error state is read-only
created.state = shown;

// Stripe's result, as @stripe/stripe-js types it (PaymentIntentResult): `error.message` is `string | undefined`.
type StripeError = { type: string; message?: string; payment_intent?: { status: 'processing' | 'requires_action' | 'succeeded' } };
declare const stripe: {
  confirmPayment(options: { clientSecret: string; redirect: 'if_required' }): Promise<{ paymentIntent: { status: 'requires_action' | 'succeeded' }; error?: undefined } | { paymentIntent?: undefined; error: StripeError }>;
};
// Returned as is (the README's handler), also under exactOptionalPropertyTypes.
const confirmWithStripe: ConfirmPaymentHandler = (intent) => stripe.confirmPayment({ clientSecret: intent.clientSecret, redirect: 'if_required' });
created.confirmPayment = confirmWithStripe;
// Or read first, and answered in the widget's own shape.
created.confirmPayment = async (intent) => {
  const { error } = await stripe.confirmPayment({ clientSecret: intent.clientSecret, redirect: 'if_required' });
  return error ? { status: 'failed', message: error.message } : { status: 'succeeded' };
};
// @ts-expect-error a failure's message is text
created.confirmPayment = async () => ({ status: 'failed', message: 42 });
// @ts-expect-error Stripe's paymentIntent has a status
created.confirmPayment = async () => ({ paymentIntent: {} });
// @ts-expect-error an answer is the widget's {status} or Stripe's result, not both halves of Stripe's
created.confirmPayment = async () => ({ paymentIntent: { status: 'succeeded' }, error: { message: 'declined' } });

// A paid session's expiry that could not be read is null: read as a date only once checked.
// @ts-expect-error expires_at may be null
checkout?.addEventListener('kohort-ready', (event) => Date.parse(event.detail.session.expires_at));
checkout?.addEventListener('kohort-ready', (event) => (event.detail.session.expires_at === null ? null : Date.parse(event.detail.session.expires_at)));
