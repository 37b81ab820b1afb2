// React 18 sets no property and adds no listener on a custom element (React 19 does): the tag
// takes its attributes, and confirmPayment and the events go through kohort-checkout/react.
import 'kohort-checkout';
import { useEffect, useRef } from 'react';
import { KohortCheckout, type ConfirmPaymentHandler, type KohortCheckoutElement, type KohortSuccessEvent } from 'kohort-checkout/react';

declare const confirmWithStripe: ConfirmPaymentHandler;

export function TagCheckout() {
  const ref = useRef<KohortCheckoutElement>(null);
  useEffect(() => {
    const onSuccess = (event: KohortSuccessEvent) => console.log(event.detail.paymentIntentId);
    ref.current?.addEventListener('kohort-success', onSuccess);
    return () => ref.current?.removeEventListener('kohort-success', onSuccess);
  }, []);
  return <kohort-checkout ref={ref} session-id="cs_5eed00000000a1" publishable-key="pk_test_sandbox_kohort0000000000000000" theme="dark" className="checkout" />;
}

export function WrappedCheckout() {
  return (
    <KohortCheckout
      sessionId="cs_5eed00000000a1"
      publishableKey="pk_test_sandbox_kohort0000000000000000"
      confirmPayment={confirmWithStripe}
      onKohortSuccess={(event) => console.log(event.detail.paymentIntentId satisfies string)}
    />
  );
}

export const droppedByReact18 = [
  // @ts-expect-error React 18 would not set the function (use KohortCheckout from kohort-checkout/react)
  <kohort-checkout confirmPayment={confirmWithStripe} />,
  // @ts-expect-error React 18 would add no listener (use the wrapper, or addEventListener on a ref)
  <kohort-checkout onkohort-success={(event: Event) => console.log(event)} />,
  // @ts-expect-error session-id is a string
  <kohort-checkout session-id={42} />,
];
