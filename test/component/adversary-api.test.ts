/**
 * What the API may send that the contract does not list yet (its next version) or that is odd but
 * valid: the widget says what it can, promises nothing it cannot read, and tells the developer.
 */
import { expect, waitUntil } from '@open-wc/testing';
import type { PaymentGroup } from '../../src/api/types.js';
import { PAID, groupJson, json, mount, paidSessionJson, recordWarnings, sessionJson, shadow, stubFetch, text, texts, waitForState } from './helpers.js';

const isGroupRequest = (request: { url: URL }) => request.url.pathname.startsWith('/payment-groups/');

/** The group with a `discount_type` the contract does not list (a newer API's). */
function groupOfType(discountType: string): PaymentGroup {
  const group = groupJson({ participants: 3 });
  (group.payment_group_settings as { discount_type: string }).discount_type = discountType;
  return group;
}

describe('adversary: what the API may send next', () => {
  let restore = () => {};
  afterEach(() => restore());

  describe('a discount_type the contract does not list', () => {
    const warnings = recordWarnings();

    it('shows no tier nor cashback of the paid group, rather than read its values as percentages, and says why in the console', async () => {
      const group = groupOfType('CREDIT');
      const session = paidSessionJson(group);
      ({ restore } = stubFetch((request) => json(isGroupRequest(request) ? group : session)));
      const el = await mount();
      await waitForState(el, 'completed');
      await waitUntil(() => text(el, '[part~="participants"]'), 'the group was never shown');
      expect(text(el, '[part~="participants"]')).to.equal('3 sur 15 participants');
      expect(texts(el, '[part~="tier"]'), 'tiers').to.deep.equal([]);
      expect(shadow(el).querySelector('[part~="cashback"]'), 'a cashback').to.not.exist;
      expect(warnings.filter((warning) => /Ignored 3 CREDIT cashback tier\(s\)/.test(warning)), 'warned').to.have.length(1);
      el.remove();
    });

    it('accepts a friend’s code without promising a cashback it cannot work out', async () => {
      const { payment_group_settings: settings, ...group } = groupOfType('POINTS');
      const validation = { ...group, ...settings, current_discount_level: settings!.discount_levels[1] };
      ({ restore } = stubFetch((request) => json(request.url.pathname.endsWith('/validate') ? validation : sessionJson({ customer_email: 'lea@example.com' }))));
      const el = await mount();
      el.shareCode = PAID.code;
      await waitForState(el, 'ready');
      await waitUntil(() => shadow(el).querySelector('[part~="code-accepted"]'), 'the code was never accepted');
      expect(text(el, '[part~="code-accepted"]')).to.not.match(/%|€/);
      el.remove();
    });
  });
});
