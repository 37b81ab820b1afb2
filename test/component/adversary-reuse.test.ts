/**
 * One element, many sessions, a long-lived page: a single-page shop keeps one `<kohort-checkout>`
 * for hours, changes its `session-id` (a new cart, a second order), and moves it around the DOM.
 * Nothing of the previous session may show in, or be used for, the next.
 */
import { expect, waitUntil } from '@open-wc/testing';
import type { KohortCheckout } from '../../src/kohort-checkout.js';
import {
  groupJson,
  json,
  mount,
  paidSessionJson,
  shadow,
  stubFetch,
  text,
} from './helpers.js';

const $ = <T extends Element = HTMLElement>(el: KohortCheckout, selector: string) => shadow(el).querySelector<T>(selector);

describe('one element, many sessions', () => {
  let stub: ReturnType<typeof stubFetch> | undefined;
  afterEach(() => {
    stub?.restore();
    stub = undefined;
    Reflect.deleteProperty(navigator, 'clipboard');
  });

  it('does not say "Code copied" under the next paid order’s code when the first order’s code was copied', async () => {
    const firstGroup = groupJson();
    const nextGroup = { ...groupJson(), id: 'pg_bbbbbbbbbbbbbb', share_id: 'KHT-test-BBBBBBBB' };
    const first = paidSessionJson(firstGroup);
    const next = paidSessionJson(nextGroup, { id: 'cs_bbbbbbbbbbbbbb' });
    stub = stubFetch((request) => {
      const path = request.url.pathname;
      if (path.startsWith('/payment-groups/')) return json(path.endsWith(nextGroup.id) ? nextGroup : firstGroup);
      return json(path.endsWith(next.id) ? next : first);
    });
    Object.defineProperty(navigator, 'clipboard', { configurable: true, value: { writeText: async () => undefined } });
    const el = await mount({ sessionId: first.id });
    await waitUntil(() => $(el, '[part~="copy-button"]'), 'the first group never showed', { timeout: 3000 });
    $(el, '[part~="copy-button"]')!.click();
    await waitUntil(() => text(el, '.copy-status') === 'Code copié', 'the first code was never copied');
    // The page shows the customer's second order, paid too, within the 4 s "Code copied" lasts.
    el.sessionId = next.id;
    await waitUntil(() => text(el, '[part~="share-code"]') === nextGroup.share_id, 'the next group never showed', { timeout: 3000 });
    await el.updateComplete;
    expect(text(el, '.copy-status'), 'the next code was never copied').to.equal('');
  });
});
