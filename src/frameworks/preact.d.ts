/** Preact JSX: `<kohort-checkout session-id="…" onkohort-success={…}>` (Preact binds `on…` props as listeners). */
import type { KohortCheckout } from '../kohort-checkout.component.js';
import type { KohortCheckoutAttributes, KohortCheckoutEventAttributes, KohortCheckoutObjectProperties } from '../frameworks.js';

declare module 'preact' {
  namespace JSX {
    interface IntrinsicElements {
      // Preact 11 re-exports HTMLAttributes (`export *`), which an augmentation cannot name, and
      // Preact 10 declares it in JSX instead; `<b>` is typed with exactly HTMLAttributes<HTMLElement>
      // (the attributes every element has) in both. Only Preact 11 has IntrinsicHTMLElements.
      'kohort-checkout': Omit<IntrinsicElements extends { b: infer Attributes } ? Attributes : PreactNotFound, 'ref'> &
        ClassAttributes<KohortCheckout> &
        KohortCheckoutAttributes &
        KohortCheckoutEventAttributes &
        KohortCheckoutObjectProperties;
    }
  }
}

// Stand-ins for a project without Preact, where the block above is ignored (see react.d.ts).
type PreactNotFound = { readonly 'kohort-checkout: Preact types not found': never };
type ClassAttributes<_Element> = PreactNotFound;
