/**
 * Adversarial paths the other files miss: what a customer sees and the page is told when things
 * happen in an awkward order (another tab paying, answers crossing).
 */
import { expect, waitUntil } from '@open-wc/testing';
import type { KohortErrorEvent } from '../../src/kohort-checkout.js';
import {
  applyFriendCode,
  clickPay,
  createSandboxSession,
  mountOnSandbox,
  settleQuickly,
  shadow,
  text,
  waitForState,
} from './helpers.js';

const $ = <T extends Element = HTMLElement>(el: Element, selector: string) => shadow(el as never).querySelector<T>(selector);

describe('adversary', () => {
  describe('Pay refused because the order is being paid elsewhere (another tab), still going through after the wait', () => {
    // About 0.4 s of reads: the sandbox's slow payment in the other widget takes 3 s.
    settleQuickly([0, 200, 200]);

    it('says once that the payment is not known yet, with Check again, and never offers Pay over the payment under way', async () => {
      const session = await createSandboxSession({ customerEmail: undefined });
      const other = await mountOnSandbox(session.id);
      const el = await mountOnSandbox(session.id);
      await waitForState(other, 'ready');
      await waitForState(el, 'ready');
      // The other widget (a second tab) pays with a debit that takes 3 s.
      shadow(other).querySelector<HTMLInputElement>('#email')!.value = 'sam+slow@kohort.test';
      shadow(other).querySelector('#email')!.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
      clickPay(other);
      await waitUntil(() => text(other, '[part~="pay-button"]') === 'Confirmation du paiement…', 'the other payment never went through', { timeout: 4000 });

      // This one pays with a friend's code (another order fingerprint, as a second tab has): the API refuses it.
      shadow(el).querySelector<HTMLInputElement>('#email')!.value = `lea-${Date.now()}@kohort.test`;
      shadow(el).querySelector('#email')!.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
      await applyFriendCode(el, 'KHT-test-5EED0001');
      await waitUntil(() => !!$(el, '[part~="code-accepted"]'), 'the code was never accepted', { timeout: 4000 });
      const seen: string[] = [];
      el.addEventListener('kohort-error', (event) => seen.push((event as KohortErrorEvent).detail.code));
      clickPay(el);
      await waitUntil(() => seen.length > 0, 'nothing was said', { timeout: 4000 });
      // Whatever follows at once (before, a second, contradicting kohort-error and Pay back).
      await new Promise((resolve) => setTimeout(resolve, 100));
      await el.updateComplete;
      expect(seen).to.deep.equal(['payment_unknown']);
      expect($(el, '[part~="check-again-button"]'), 'Check again').to.exist;
      expect($(el, '[part~="pay-button"]'), 'Pay, over a payment under way').to.not.exist;
    });
  });

});
