/**
 * Vue 3 templates (Volar / vue-tsc): `<kohort-checkout session-id="…" @kohort-success="…">`.
 * Vue reads a kebab-case attribute as its camelCase prop and `@kohort-success` as
 * `onKohortSuccess`. At run time the app marks the tag as a custom element
 * (`compilerOptions.isCustomElement`); these types only check what the template passes.
 */
import type { KohortCheckoutEventProps, KohortCheckoutProperties } from '../frameworks.js';

declare module 'vue' {
  interface GlobalComponents {
    // A functional-component signature: Vue's DefineComponent is re-exported (`export *`),
    // which an augmentation cannot name, and Volar checks a function's props the same way.
    'kohort-checkout': (props: KohortCheckoutProperties & KohortCheckoutEventProps) => unknown;
  }
}
