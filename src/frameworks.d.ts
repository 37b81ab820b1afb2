/**
 * `<kohort-checkout>` in each framework's own type system: React 19 and Preact JSX,
 * Vue's `GlobalComponents` (templates, through Volar / vue-tsc), Svelte's
 * `svelte/elements` (and so `svelteHTML.IntrinsicElements`). Shipped as
 * `dist/frameworks.d.ts` + `dist/frameworks/*.d.ts`, pulled in by the types of the
 * `kohort-checkout` and `kohort-checkout/react` entries.
 *
 * Each framework file augments that framework's own module. TypeScript ignores the
 * augmentation of a module the project does not have, so a project without Vue (or
 * React, Preact, Svelte) compiles as before, even with `skipLibCheck: false`
 * (test/package/types.test.ts proves both cases).
 */
import type { KohortCheckout } from './kohort-checkout.component.js';
import type { KohortCheckoutEventMap } from './events.js';
// One file per framework: each needs its own stand-ins (see frameworks/react.d.ts).
import './frameworks/react.js';
import './frameworks/preact.js';
import './frameworks/vue.js';
import './frameworks/svelte.js';

/** The attributes of `<kohort-checkout>`, as written in markup (kebab-case). `state` is read-only. */
export interface KohortCheckoutAttributes {
  'session-id'?: string;
  'publishable-key'?: string;
  'api-base'?: string;
  locale?: string;
  'share-code'?: string;
  'invite-url'?: string;
  theme?: KohortCheckout['theme'];
}

/** The same as properties (camelCase), with the property-only ones: Vue's props, the React wrapper's props. */
export type KohortCheckoutProperties = Partial<
  Pick<KohortCheckout, 'sessionId' | 'publishableKey' | 'apiBase' | 'locale' | 'shareCode' | 'inviteUrl' | 'theme' | 'confirmPayment' | 'messages'>
>;

/** The properties that cannot be attributes (functions, objects): React 19, Preact and Svelte 5 set them as properties. */
export type KohortCheckoutObjectProperties = Pick<KohortCheckoutProperties, 'confirmPayment' | 'messages'>;

/**
 * `on` + the event name, as React 19, Preact and Svelte 5 bind a custom element's
 * events: `onkohort-success={(event) => event.detail.paymentIntentId}`.
 */
export type KohortCheckoutEventAttributes = {
  [K in keyof KohortCheckoutEventMap as `on${K}`]?: (event: KohortCheckoutEventMap[K]) => void;
};

/**
 * `onKohortSuccess`…: the listener props of `kohort-checkout/react`, and Vue's name for a
 * `kohort-success` listener (`@kohort-success` in a template).
 */
export type KohortCheckoutEventProps = {
  [K in keyof KohortCheckoutEventMap as K extends `kohort-${infer Rest}` ? `onKohort${Capitalize<CamelCase<Rest>>}` : never]?: (
    event: KohortCheckoutEventMap[K],
  ) => void;
};

/** Svelte 4's `on:kohort-success` directive. */
export type KohortCheckoutSvelteDirectives = {
  [K in keyof KohortCheckoutEventMap as `on:${K}`]?: (event: KohortCheckoutEventMap[K]) => void;
};

type CamelCase<S extends string> = S extends `${infer Head}-${infer Tail}` ? `${Head}${Capitalize<CamelCase<Tail>>}` : S;
