/**
 * Svelte: `<kohort-checkout session-id="…" onkohort-success={…}>` (Svelte 5 event attributes)
 * or `on:kohort-success={…}` (Svelte 4), checked by svelte-check against
 * `svelteHTML.IntrinsicElements`, which extends `SvelteHTMLElements`.
 */
import type { KohortCheckout } from '../kohort-checkout.component.js';
import type {
  KohortCheckoutAttributes,
  KohortCheckoutEventAttributes,
  KohortCheckoutObjectProperties,
  KohortCheckoutSvelteDirectives,
} from '../frameworks.js';

declare module 'svelte/elements' {
  interface SvelteHTMLElements {
    // HTMLAttributes is svelte/elements' own.
    'kohort-checkout': HTMLAttributes<KohortCheckout> &
      KohortCheckoutAttributes &
      KohortCheckoutEventAttributes &
      KohortCheckoutSvelteDirectives &
      KohortCheckoutObjectProperties;
  }
}

// A stand-in for a project without Svelte, where the block above is ignored (see react.d.ts).
type HTMLAttributes<_Element> = { readonly 'kohort-checkout: Svelte types not found': never };
