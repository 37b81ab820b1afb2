/** React 19 JSX: `<kohort-checkout session-id="…" onkohort-success={…}>` (React 19 binds `on…` props of a custom element as listeners). */
import type { KohortCheckout } from '../kohort-checkout.component.js';
import type { KohortCheckoutAttributes, KohortCheckoutEventAttributes, KohortCheckoutObjectProperties } from '../frameworks.js';

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      // DetailedHTMLProps and HTMLAttributes are React's own (members of the React namespace).
      'kohort-checkout': DetailedHTMLProps<HTMLAttributes<KohortCheckout>, KohortCheckout> &
        KohortCheckoutAttributes &
        KohortCheckoutEventAttributes &
        KohortCheckoutObjectProperties;
    }
  }
}

// Stand-ins that exist only so that this file still compiles (with skipLibCheck: false) in a
// project without React, where the block above is ignored. With React, the block sees React's
// names first; if it ever fell back to these, the required `never` member would make every use
// of the tag fail to type-check, which the package tests would catch.
type DetailedHTMLProps<_Attributes, _Element> = { readonly 'kohort-checkout: React types not found': never };
type HTMLAttributes<_Element> = { readonly 'kohort-checkout: React types not found': never };
