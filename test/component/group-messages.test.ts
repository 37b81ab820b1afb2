/**
 * The merchant's wording for the group view, given before the group view's code and words have
 * loaded. A file of its own: in group.test.ts an earlier test has always loaded them already.
 */
import { expect, waitUntil } from '@open-wc/testing';
import type { KohortCheckout } from '../../src/kohort-checkout.js';
import { groupJson, json, mount, paidSessionJson, recordWarnings, shadow, stubFetch, text, waitForState } from './helpers.js';

describe('the merchant’s group wording, set before the group view has loaded', () => {
  const warnings = recordWarnings();
  let stub: ReturnType<typeof stubFetch> | undefined;
  afterEach(() => stub?.restore());

  it('is checked once the group view’s words arrive: a wrong type keeps the group view’s own words', async () => {
    const group = groupJson({ expiresAt: new Date(Date.now() + 3_600_000).toISOString() });
    stub = stubFetch((request) => json(request.url.pathname.startsWith('/payment-groups/') ? group : paidSessionJson(group)));
    const el = await mount();
    el.messages = { tierRow: 'participants', participants: null, copy: 'Copier le code' } as unknown as KohortCheckout['messages'];
    await waitForState(el, 'completed');
    await waitUntil(() => shadow(el).querySelector('[part~="participants"]'), 'the group never showed', { timeout: 3000 });
    expect(text(el, '[part~="participants"]')).to.equal('3 sur 15 participants');
    expect(text(el, '[part~="tier"] span')).to.equal('2 participants');
    expect(text(el, '[part~="copy-button"]')).to.equal('Copier le code');
    expect(warnings).to.have.members([
      '[kohort-checkout] Ignored messages.tierRow: not a function, or empty.',
      '[kohort-checkout] Ignored messages.participants: not a function, or empty.',
    ]);
  });
});
