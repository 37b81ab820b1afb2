/** @jsxImportSource preact */
// Preact: the tag in JSX (`on…` props of a custom element are event listeners).
import 'kohort-checkout';

export function Checkout() {
  return (
    <kohort-checkout
      session-id="cs_5eed00000000a1"
      publishable-key="pk_test_sandbox_kohort0000000000000000"
      class="checkout"
      onkohort-success={(event) => console.log(event.detail.paymentIntentId satisfies string)}
      onkohort-cancel={(event) => event.preventDefault()}
    />
  );
}

export const wrongTypes = [
  // @ts-expect-error session-id is a string
  <kohort-checkout session-id={42} />,
  // @ts-expect-error a kohort-expired event has no group
  <kohort-checkout onkohort-expired={(event) => event.detail.group} />,
];
