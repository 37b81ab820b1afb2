/** Preact JSX: `<kohort-checkout session-id="…" onkohort-success={…}>` (Preact binds `on…` props as listeners). */
import type { KohortCheckout } from '../kohort-checkout.component.js';
import type { KohortCheckoutAttributes, KohortCheckoutEventAttributes, KohortCheckoutObjectProperties } from '../frameworks.js';

declare module 'preact' {
  namespace JSX {
    interface IntrinsicElements {
      // Preact re-exports HTMLAttributes (`export *`), which an augmentation cannot name; `<b>` is
      // typed with exactly HTMLAttributes<HTMLElement>: the attributes every element has.
      'kohort-checkout': Omit<IntrinsicHTMLElements['b'], 'ref'> &
        ClassAttributes<KohortCheckout> &
        KohortCheckoutAttributes &
        KohortCheckoutEventAttributes &
        KohortCheckoutObjectProperties;
    }
  }
}

// Stand-ins for a project without Preact, where the block above is ignored (see react.d.ts).
interface IntrinsicHTMLElements {
  b: { readonly 'kohort-checkout: Preact types not found': never };
}
type ClassAttributes<_Element> = { readonly 'kohort-checkout: Preact types not found': never };
