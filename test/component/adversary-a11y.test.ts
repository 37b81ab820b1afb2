/**
 * Adversarial accessibility: the customer who uses the keyboard alone or a screen reader. Where
 * the focus goes and what the live region says on the paths a11y.test.ts does not walk.
 */
import { expect, fixture, fixtureCleanup, html, waitUntil } from '@open-wc/testing';
import type { KohortCheckout } from '../../src/kohort-checkout.js';
import { GROUP_POLL } from '../../src/stores/group.js';
import { API, PAID, PK, createSandboxSession, deferred, groupJson, json, paidSessionJson, mount, mountOnSandbox, sessionJson, settleQuickly, shadow, stubFetch, text, waitForFocus, waitForState } from './helpers.js';

const announced = (el: KohortCheckout) => text(el, '[part~="announcer"]');
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

  describe('offline, then back online', () => {
    it('does not leave "You are offline" in the live region once the connection is back, where reading mode would still find it', async () => {
      stub = stubFetch(() => json(sessionJson()));
      const el = await mount();
      await waitForState(el, 'ready');
      Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => false });
      window.dispatchEvent(new Event('offline'));
      await el.updateComplete;
      expect(announced(el)).to.equal('Vous êtes hors ligne. Tout reprendra dès le retour de la connexion.');
      Reflect.deleteProperty(navigator, 'onLine');
      window.dispatchEvent(new Event('online'));
      await el.updateComplete;
      expect($(el, '[part~="offline-notice"]'), 'the notice').to.not.exist;
      expect(announced(el)).to.not.include('hors ligne');
    });

    // Not fixed: the notice going is news a sighted customer sees, but a screen reader hears nothing once
    // back online ("Tout reprendra dès le retour de la connexion" promised it). It needs a sentence in each
    // language (fr and en in the module, about +50 B gzip): `online: 'Vous êtes de nouveau en ligne.'`,
    // said by #onOnline unless Retry or Pay's focus says what comes back.
    it.skip('says once that the connection is back, in the customer’s language', async () => {
      stub = stubFetch(() => json(sessionJson()));
      const el = await mount();
      await waitForState(el, 'ready');
      Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => false });
      window.dispatchEvent(new Event('offline'));
      Reflect.deleteProperty(navigator, 'onLine');
      window.dispatchEvent(new Event('online'));
      await el.updateComplete;
      expect(announced(el)).to.match(/en ligne/);
    });
  });

  describe('the group, after paying', () => {
    const savedPoll = { ...GROUP_POLL };
    afterEach(() => Object.assign(GROUP_POLL, savedPoll));

    // Not fixed: a friend who brings the group to its next tier changes the cashback shown ("Votre cashback sur cette
    // commande : 7,43 €"), but the live region says the count only. The fix, in GroupView#sayParticipants: when
    // levelReached(levels, count) differs from levelReached(levels, previous), say t.cashbackNow(money(cashbackAmount(…)))
    // after t.friendJoined(count), in one announcement (it needs the session's amount there): about +40 B gzip in the
    // group chunk, which has 9 B left.
    it.skip('says the new cashback when a friend joining reaches the next tier, as the line shown says it, not only the count', async () => {
      GROUP_POLL.initialMs = 50;
      const friendJoins = deferred<void>();
      let polls = 0;
      stub = stubFetch(async (request) => {
        if (!request.url.pathname.startsWith('/payment-groups/')) return json(paidSessionJson(groupJson({ participants: 4 })));
        if (polls++ > 0) await friendJoins.promise;
        return json(groupJson({ participants: polls > 1 ? 5 : 4 }));
      });
      const el = await mount();
      await waitForState(el, 'completed');
      await waitUntil(() => $(el, '[part~="cashback"]'), 'the group never showed', { timeout: 4000 });
      const before = text(el, '[part~="cashback"]');
      friendJoins.resolve();
      await waitUntil(() => text(el, '[part~="participants"]') === '5 sur 15 participants', 'the friend never showed');
      await el.updateComplete;
      const shown = text(el, '[part~="cashback"]');
      expect(shown, 'the tier reached changes the cashback shown').to.not.equal(before);
      expect(announced(el)).to.equal(`Le groupe compte maintenant 5 participants. ${shown}`);
    });
  });

  describe('a friend’s name written right to left (Arabic, Hebrew) in a left-to-right sentence', () => {
    /** Where the `index`-th character of `element`'s text is drawn, from the left. */
    function leftOf(element: Element, index: number): number {
      const textNode = [...element.childNodes].find((node) => node.nodeType === Node.TEXT_NODE)!;
      const range = document.createRange();
      range.setStart(textNode, index);
      range.setEnd(textNode, index + 1);
      return range.getBoundingClientRect().left;
    }

    for (const locale of ['es', 'it']) {
      it(`keeps the ${locale} sentence that starts with the name reading left to right, its full stop last`, async () => {
        const { payment_group_settings: settings, ...group } = groupJson();
        const answer = { ...group, ...settings, customer: { first_name: 'سارة', last_name: 'علي' }, current_discount_level: null };
        stub = stubFetch((request) => (request.url.pathname.endsWith('/validate') ? json(answer, 201) : json(sessionJson())));
        const el = await fixture<KohortCheckout>(
          html`<kohort-checkout locale=${locale} session-id=${PAID.sessionId} publishable-key=${PK} api-base=${API} share-code=${PAID.code}></kohort-checkout>`,
        );
        await waitUntil(() => $(el, '#code-joining'), 'the code was never accepted');
        const joining = $(el, '#code-joining')!;
        const sentence = joining.textContent!;
        const firstWord = sentence.search(/[a-z]/i);
        // The Spanish or Italian words run left to right, and the sentence's full stop comes after them, on the right.
        expect(leftOf(joining, sentence.length - 1), `"${sentence}": its full stop`).to.be.greaterThan(leftOf(joining, firstWord));
        expect(leftOf(joining, sentence.length - 2), `"${sentence}": its last word`).to.be.greaterThan(leftOf(joining, firstWord));
      });
    }
  });
});
