/**
 * Code loaded on demand that cannot be downloaded once. The test server fails the next request
 * for a file when asked to (`/__fail-next__`, see web-test-runner.config.mjs). Its own file: a page
 * that has loaded a module once keeps it.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { PAID, eur, groupJson, json, mount, paidSessionJson, shadow, stubFetch, text, waitForState } from './helpers.js';

const GROUP_VIEW = '/src/referral/group-view.ts';
const serverFetch = window.fetch.bind(window);

/** This browser's next request for `path` breaks off mid-download; counts that file's requests from 0. */
async function failNextRequest(path: string) {
  const response = await serverFetch(`/__fail-next__?path=${encodeURIComponent(path)}`, { method: 'POST' });
  expect(response.status).to.equal(200);
}

/** How often `path` was asked for since `failNextRequest(path)`. */
async function requestsFor(path: string): Promise<number> {
  const counts = (await (await serverFetch('/__fail-next__')).json()) as Record<string, number>;
  return counts[path] ?? 0;
}

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
});
