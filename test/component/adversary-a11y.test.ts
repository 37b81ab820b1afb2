/**
 * Adversarial accessibility: the customer who uses the keyboard alone or a screen reader. Where
 * the focus goes and what the live region says on the paths a11y.test.ts does not walk.
 */
import { expect, fixtureCleanup, waitUntil } from '@open-wc/testing';
import type { KohortCheckout } from '../../src/kohort-checkout.js';
import { createSandboxSession, mountOnSandbox, settleQuickly, shadow, stubFetch, text, waitForFocus, waitForState } from './helpers.js';

const $ = <T extends Element = HTMLElement>(el: KohortCheckout, selector: string) => shadow(el).querySelector<T>(selector);

/** Holds back the widget's reads of the session (towards the sandbox) until released. */
function holdSessionReads() {
  const original = window.fetch;
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  window.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    if ((init?.method ?? 'GET') === 'GET' && url.pathname.startsWith('/checkout-sessions/')) await gate;
    return original(input, init);
  };
  return {
    release: () => {
      window.fetch = original;
      release();
    },
  };
}

describe('adversary: keyboard and screen reader', () => {
  let stub: ReturnType<typeof stubFetch> | undefined;

  afterEach(() => {
    fixtureCleanup();
    stub?.restore();
    stub = undefined;
    Reflect.deleteProperty(navigator, 'onLine');
  });

  describe('Check again, when the payment’s outcome is not known yet', () => {
    settleQuickly([0, 50, 100, 100]);

    it('keeps the focus in the widget while KohortPay is asked again: on Pay, which says "Confirmation du paiement…", not on the page’s <body>', async () => {
      const el = await mountOnSandbox((await createSandboxSession()).id);
      el.confirmPayment = async () => ({ status: 'succeeded' }); // the server never agrees: the outcome stays unknown
      await waitForState(el, 'ready');
      $(el, '[part~="pay-button"]')!.focus();
      $(el, '[part~="pay-button"]')!.click();
      await waitForFocus(el, '[part~="check-again-button"]', 'Check again', { timeout: 4000 });
      // KohortPay's answer to the second check is held: the payment is being confirmed meanwhile.
      const held = holdSessionReads();
      try {
        $(el, '[part~="check-again-button"]')!.click();
        await waitUntil(() => $(el, '[part~="pay-button"]'), 'Check again never gave way to the payment being confirmed');
        expect(text(el, '[part~="pay-button"]')).to.equal('Confirmation du paiement…');
        await waitForFocus(el, '[part~="pay-button"]', 'Pay, which says the payment is being confirmed');
      } finally {
        held.release();
      }
      // And back to Check again when the outcome is still not known.
      await waitForFocus(el, '[part~="check-again-button"]', 'Check again', { timeout: 4000 });
    });
  });
});

