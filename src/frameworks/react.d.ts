/** React 19 JSX: `<kohort-checkout session-id="…" onkohort-success={…}>` (React 19 binds `on…` props of a custom element as listeners). */
import type { KohortCheckout } from '../kohort-checkout.component.js';
import type { KohortCheckoutAttributes, KohortCheckoutEventAttributes, KohortCheckoutObjectProperties } from '../frameworks.js';

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      // DetailedHTMLProps, HTMLAttributes and ReactElement are React's own (members of the React namespace).
      'kohort-checkout': DetailedHTMLProps<HTMLAttributes<KohortCheckout>, KohortCheckout> &
        KohortCheckoutAttributes &
        (IsReact18<ReactElement> extends true
          ? DroppedByReact18<KohortCheckoutEventAttributes & KohortCheckoutObjectProperties>
          : KohortCheckoutEventAttributes & KohortCheckoutObjectProperties);
    }
  }
}

/**
 * React 18 sets no property and adds no listener on a custom element: it would drop
 * `confirmPayment` and `onkohort-success` without a word, so its JSX refuses them. Told apart by
 * React's own types: `ReactElement`'s props default to `any` in @types/react 18, `unknown` in 19.
 */
type IsReact18<Element> = Element extends { props: infer Props } ? (0 extends 1 & Props ? true : false) : false;
type DroppedByReact18<Props> = {
  [Name in keyof Props]?: 'React 18 drops this on a custom element: use KohortCheckout from kohort-checkout/react';
};

// Stand-ins that exist only so that this file still compiles (with skipLibCheck: false) in a
// project without React, where the block above is ignored. With React, the block sees React's
// names first; if it ever fell back to these, the required `never` member would make every use
// of the tag fail to type-check, which the package tests would catch.
type DetailedHTMLProps<_Attributes, _Element> = { readonly 'kohort-checkout: React types not found': never };
type HTMLAttributes<_Element> = { readonly 'kohort-checkout: React types not found': never };
type ReactElement = { readonly 'kohort-checkout: React types not found': never };
