// React 19: the tag itself in JSX (React 19 passes `on…` props of a custom element as
// event listeners), and the @lit/react wrapper from kohort-checkout/react.
import 'kohort-checkout';
import { useRef } from 'react';
import { KohortCheckout, type KohortCheckoutElement, type KohortSuccessEvent } from 'kohort-checkout/react';

export function TagCheckout() {
  const ref = useRef<KohortCheckoutElement>(null);
  return (
    <kohort-checkout
      ref={ref}
      session-id="cs_5eed00000000a1"
      publishable-key="pk_test_sandbox_kohort0000000000000000"
      api-base="http://127.0.0.1:4010"
      theme="dark"
      className="checkout"
      onkohort-success={(event) => console.log(event.detail.paymentIntentId satisfies string)}
      onkohort-group-change={(event) => console.log(event.detail.group.share_id)}
      confirmPayment={async () => ({ status: 'succeeded' })}
    />
  );
}

export function WrappedCheckout() {
  const ref = useRef<KohortCheckoutElement>(null);
  const onSuccess = (event: KohortSuccessEvent) => console.log(event.detail.amountTotal satisfies number);
  return (
    <KohortCheckout
      ref={ref}
      sessionId="cs_5eed00000000a1"
      publishableKey="pk_test_sandbox_kohort0000000000000000"
      locale="en"
      style={{ maxWidth: 480 }}
      onKohortReady={(event) => console.log(event.detail.session.id)}
      onKohortSuccess={onSuccess}
      onKohortCancel={(event) => event.preventDefault()}
      onKohortError={(event) => console.log(event.detail.code, event.detail.retryable satisfies boolean)}
      onKohortExpired={(event) => console.log(event.detail.sessionId)}
      onKohortGroupChange={(event) => console.log(event.detail.previous)}
      onKohortContinue={(event) => {
        event.preventDefault();
        console.log(event.detail.url satisfies string, event.detail.paymentIntentId satisfies string | null);
      }}
    />
  );
}

export const wrongTypes = [
  // @ts-expect-error session-id is a string
  <kohort-checkout session-id={42} />,
  // @ts-expect-error a kohort-ready event has no paymentIntentId
  <kohort-checkout onkohort-ready={(event) => event.detail.paymentIntentId} />,
  // @ts-expect-error theme is light, dark or auto
  <kohort-checkout theme="blue" />,
  // @ts-expect-error sessionId is a string
  <KohortCheckout sessionId={42} />,
  // @ts-expect-error a kohort-error event has no session
  <KohortCheckout onKohortError={(event) => event.detail.session} />,
];
