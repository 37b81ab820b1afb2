/**
 * Adversarial paths of the referral group and what the customer is told about it: a share sheet
 * the page's frame refuses, links the widget builds from the merchant's template and reads back.
 */
import { expect, fixtureCleanup, waitUntil } from '@open-wc/testing';
import { groupJson, json, mount, PAID, paidSessionJson, shadow, stubFetch, text, waitForState } from './helpers.js';

const part = (el: Element, name: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);
const isGroupRequest = (request: { url: URL }) => request.url.pathname.startsWith('/payment-groups/');

describe('adversary: the referral group', () => {
  let restoreFetch: (() => void) | undefined;

  afterEach(() => {
    fixtureCleanup();
    restoreFetch?.();
    restoreFetch = undefined;
    Reflect.deleteProperty(navigator, 'clipboard');
    Reflect.deleteProperty(navigator, 'share');
  });

  /** A paid session in an open group, as the API sends them, shown once the group has loaded. */
  async function mountPaid() {
    const group = groupJson({ expiresAt: new Date(Date.now() + 3_600_000).toISOString() });
    const session = paidSessionJson(group);
    restoreFetch = stubFetch((request) => json(isGroupRequest(request) ? group : session)).restore;
    const el = await mount();
    await waitForState(el, 'completed');
    await waitUntil(() => part(el, 'participants'), 'the group never showed', { timeout: 3000 });
    await el.updateComplete;
    return el;
  }

  describe('Share refused by the browser rather than closed by the customer', () => {
    // A cross-origin frame without allow="web-share" has navigator.share, which refuses every call.
    it('copies the code instead and says so, rather than do nothing', async () => {
      Object.defineProperty(navigator, 'share', {
        configurable: true,
        value: () => Promise.reject(new DOMException('Permission denied by permissions policy', 'NotAllowedError')),
      });
      const copied: string[] = [];
      Object.defineProperty(navigator, 'clipboard', { configurable: true, value: { writeText: async (value: string) => void copied.push(value) } });
      const el = await mountPaid();
      part(el, 'share-button')!.click();
      await waitUntil(() => text(el as never, '[part~="share"] .copy-status'), 'Share said nothing', { timeout: 1000 });
      expect(copied).to.deep.equal([PAID.code]);
      expect(text(el as never, '[part~="share"] .copy-status')).to.equal('Code copié');
      expect(text(el as never, '[part~="announcer"]')).to.equal('Code copié');
    });

    it('copies nothing when the customer closes the share sheet', async () => {
      Object.defineProperty(navigator, 'share', { configurable: true, value: () => Promise.reject(new DOMException('Share canceled', 'AbortError')) });
      const copied: string[] = [];
      Object.defineProperty(navigator, 'clipboard', { configurable: true, value: { writeText: async (value: string) => void copied.push(value) } });
      const el = await mountPaid();
      part(el, 'share-button')!.click();
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(copied).to.deep.equal([]);
      expect(text(el as never, '[part~="share"] .copy-status')).to.equal('');
      expect(shadow(el as never).querySelector('textarea')).to.not.exist;
    });
  });
});
