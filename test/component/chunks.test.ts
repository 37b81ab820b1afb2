/**
 * Code loaded on demand that cannot be downloaded once (see chunk-faults.ts), from the sources.
 * Its own file: a page that has loaded a module once keeps it.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { failNextRequest, requestsFor } from './chunk-faults.js';
import { PAID, deferred, eur, groupJson, json, mount, paidSessionJson, sessionJson, shadow, stubFetch, text, waitForState } from './helpers.js';

const GROUP_VIEW = '/src/referral/group-view.ts';

describe('a chunk that fails to download once', () => {
  /** A paid session in a group, whose group view's next download breaks off; the widget once it has given up on it. */
  async function paidWithBrokenGroupView() {
    await failNextRequest(GROUP_VIEW);
    const group = groupJson();
    const stub = stubFetch((request) => (request.url.pathname.startsWith('/payment-groups/') ? json(group) : json(paidSessionJson(group))));
    const el = await mount();
    await waitForState(el, 'completed');
    await waitUntil(() => text(el, '[part~="group"] .hint:not([aria-busy])'), 'the group view never gave up', { timeout: 3000 });
    return { el, stub };
  }

  it('the group view: the paid view says the group cannot be shown, and still shows the payment as paid', async () => {
    const { el, stub } = await paidWithBrokenGroupView();
    try {
      expect(text(el, '[part~="group"] .hint')).to.equal('Votre groupe ne peut pas être affiché pour le moment. Votre paiement est bien enregistré.');
      expect(text(el, '#outcome-heading')).to.equal('Paiement reçu');
      expect(text(el, '.paid-amount')).to.equal(eur(paidSessionJson(groupJson()).amount_total));
      expect(shadow(el).querySelector('[part~="share-code"]')).to.not.exist;
      expect(await requestsFor(GROUP_VIEW)).to.equal(1);
      await expect(el).to.be.accessible();
    } finally {
      stub.restore();
    }
  });

  it('the group view: shown once the browser is back online', async function () {
    // Firefox keeps a failed module fetch for the life of the page: import() of the same address
    // fails again without a request, so the widget's second try cannot reach the network there.
    if (navigator.userAgent.includes(' Firefox/')) this.skip();
    const { el, stub } = await paidWithBrokenGroupView();
    try {
      expect(await requestsFor(GROUP_VIEW)).to.equal(1);
      window.dispatchEvent(new Event('online'));
      await waitUntil(() => shadow(el).querySelector('[part~="share-code"]'), 'the group never showed once back online', { timeout: 3000 });
      expect(text(el, '[part~="share-code"]')).to.equal(PAID.code);
      expect(await requestsFor(GROUP_VIEW)).to.equal(2);
      await expect(el).to.be.accessible();
    } finally {
      stub.restore();
    }
  });

  it('a language: English meanwhile, then the customer’s own words once the browser is back online', async function () {
    // Firefox: as for the group view above.
    if (navigator.userAgent.includes(' Firefox/')) this.skip();
    const GERMAN = '/src/i18n/de.ts';
    await failNextRequest(GERMAN);
    const stub = stubFetch(() => json(sessionJson()));
    try {
      const el = await mount({ locale: 'de' });
      await waitForState(el, 'ready');
      expect(text(el, '#summary-heading')).to.equal('Your order');
      expect(await requestsFor(GERMAN)).to.equal(1);
      window.dispatchEvent(new Event('online'));
      await waitUntil(() => text(el, '#summary-heading') === 'Ihre Bestellung', 'the German words never came once back online', { timeout: 3000 });
      expect(shadow(el).querySelector('[part~="container"]')!.getAttribute('lang')).to.equal('de');
      expect(await requestsFor(GERMAN)).to.equal(2);
      await expect(el).to.be.accessible();
    } finally {
      stub.restore();
    }
  });
});

describe('a language loaded on demand', () => {
  it('keeps the state attribute loading while the first view waits for its words, and reflects ready once they are shown', async () => {
    // Italian, which nothing else in this page loads: its words are asked for once the session names it.
    const answer = deferred<Response>();
    const stub = stubFetch(() => answer.promise);
    try {
      const el = await mount();
      const seen: string[] = [];
      const observer = new MutationObserver(() => seen.push(`${el.getAttribute('state')}: ${shadow(el).querySelector('[part~="skeleton"]') ? 'skeleton' : text(el, '#summary-heading')}`));
      observer.observe(el, { attributes: true, attributeFilter: ['state'] });
      answer.resolve(json(sessionJson({ locale: 'it_IT' as never })));
      await waitForState(el, 'ready');
      await waitUntil(() => text(el, '#summary-heading') === 'Il Suo ordine', 'the Italian words never came');
      observer.disconnect();
      // A page styling or scripting [state="ready"] never meets the skeleton.
      expect(seen).to.deep.equal(['ready: Il Suo ordine']);
    } finally {
      stub.restore();
    }
  });
});
