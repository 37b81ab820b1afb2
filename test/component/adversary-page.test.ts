/**
 * The merchant's side: a widget that never surprises the page it lives on. Each test is a
 * page doing something ordinary (a field of its own, a form around the tag, a listener that
 * reacts to the widget's events) and checks that the widget leaves the page's things alone.
 */
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import type { KohortCheckout } from '../../src/kohort-checkout.js';
import type { ConfirmPaymentResult, PaymentIntentHandle } from '../../src/stores/payment.js';
import { confirmOnSandbox, createSandboxSession, deferred, expectSameNode, mountOnSandbox, shadow, text, waitForState } from './helpers.js';

const $ = <T extends Element = HTMLElement>(el: KohortCheckout, selector: string) => shadow(el).querySelector<T>(selector);

describe('the page around the widget', () => {
  describe('a customer who went on to the page’s own field while the payment was confirmed', () => {
    /**
     * A widget on a page with a field of its own: Pay pressed, then the customer goes on to that field
     * while confirmPayment waits; `release()` lets it give `answer`.
     */
    async function payThenGoToThePageField(answer: (intent: PaymentIntentHandle) => Promise<ConfirmPaymentResult>) {
      const session = await createSandboxSession();
      const page = await fixture<HTMLElement>(html`<div><input aria-label="Newsletter" /><div id="slot"></div></div>`);
      const el = await mountOnSandbox(session.id);
      page.querySelector('#slot')!.append(el);
      await waitForState(el, 'ready');
      const confirming = deferred<void>();
      el.confirmPayment = async (intent) => {
        await confirming.promise;
        return answer(intent);
      };
      $(el, '[part~="pay-button"]')!.focus();
      $(el, '[part~="pay-button"]')!.click();
      await waitUntil(() => text(el, '[part~="announcer"]') !== '', 'the payment never started');
      const newsletter = page.querySelector('input')!;
      newsletter.focus();
      return { el, newsletter, release: () => confirming.resolve() };
    }

    it('keeps the focus on that field once paid, and the live region says it is paid', async () => {
      const { el, newsletter, release } = await payThenGoToThePageField(async (intent) => {
        await confirmOnSandbox(intent);
        return { status: 'succeeded' };
      });
      const success = oneEvent(el, 'kohort-success');
      release();
      await success;
      await waitForState(el, 'completed');
      await el.updateComplete;
      await new Promise((resolve) => setTimeout(resolve, 50));
      expectSameNode(document.activeElement, newsletter, 'the page’s field lost the focus');
      expect(text(el, '[part~="announcer"]')).to.equal('Paiement réussi');
    });

    it('keeps the focus on that field when the payment is declined, and the live region says why', async () => {
      const { el, newsletter, release } = await payThenGoToThePageField(async () => ({ status: 'failed', message: 'Carte refusée par la banque.' }));
      const failed = oneEvent(el, 'kohort-error');
      release();
      expect((await failed).detail.code).to.equal('payment_failed');
      await waitUntil(() => $(el, '[part~="payment-error"]'), 'the decline was never shown');
      await new Promise((resolve) => setTimeout(resolve, 50));
      expectSameNode(document.activeElement, newsletter, 'the page’s field lost the focus');
      expect(text(el, '[part~="announcer"]')).to.equal(text(el, '[part~="payment-error"]'));
      expect(text(el, '[part~="announcer"]')).to.contain('Carte refusée par la banque.');
    });

    it('still moves the focus of a customer who stayed on Pay to the decline', async () => {
      const session = await createSandboxSession();
      const el = await mountOnSandbox(session.id);
      await waitForState(el, 'ready');
      el.confirmPayment = async () => ({ status: 'failed', message: 'Carte refusée par la banque.' });
      $(el, '[part~="pay-button"]')!.focus();
      $(el, '[part~="pay-button"]')!.click();
      await waitUntil(() => shadow(el).activeElement === $(el, '[part~="payment-error"]'), 'the focus did not move to the decline');
    });
  });
});
