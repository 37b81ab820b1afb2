/**
 * Adversarial look: what a merchant's designer sees in the group view, measured with boxes,
 * a friend's name that wraps in its chip and a theme with square corners.
 */
import { expect, fixtureCleanup, waitUntil } from '@open-wc/testing';
import type { KohortCheckout } from '../../src/kohort-checkout.js';
import { groupJson, json, mount, paidSessionJson, shadow, stubFetch, waitForState } from './helpers.js';

const $$ = (el: KohortCheckout, selector: string) => [...shadow(el).querySelectorAll<HTMLElement>(selector)];

/** The paid view of a group whose first member has `firstName`, in a `width` px column. */
async function paidGroup(firstName: string, width: number, style = '') {
  const group = groupJson({ participants: 3 });
  group.payment_intents![0]!.customer = { first_name: firstName, last_name: 'de La Tour d’Auvergne' };
  const stub = stubFetch((request) => json(request.url.pathname.startsWith('/payment-groups/') ? group : paidSessionJson(group)));
  const el = await mount();
  el.style.cssText = `width: ${width}px; ${style}`;
  await waitForState(el, 'completed');
  await waitUntil(() => $$(el, '.names li').length === 3, 'the group never showed its names', { timeout: 4000 });
  return { el, stub };
}

describe('adversary: the group view, as a designer sees it', () => {
  let stub: ReturnType<typeof stubFetch> | undefined;

  afterEach(() => {
    fixtureCleanup();
    stub?.restore();
    stub = undefined;
  });

  it('keeps a friend’s name that wraps inside its chip: the rounded corners do not cut into its first and last letters', async () => {
    const mounted = await paidGroup('Marie-Alexandrine-Bérénice-Clothilde-Anne-Sophie-Geneviève', 280);
    stub = mounted.stub;
    const [chip] = $$(mounted.el, '.names li');
    const box = chip!.getBoundingClientRect();
    const style = getComputedStyle(chip!);
    const lineHeight = parseFloat(style.lineHeight) || parseFloat(style.fontSize) * 1.45;
    expect(box.height, 'the long name wraps, as it must in 280 px').to.be.greaterThan(2 * lineHeight);
    // The radius the browser draws (a too-large one is scaled down to half the shorter side), and how far its curve reaches into the text's corner.
    const radius = Math.min(parseFloat(style.borderTopLeftRadius), box.height / 2, box.width / 2);
    const intrusion = radius * (1 - Math.SQRT1_2);
    expect(intrusion, `a ${radius.toFixed(1)} px corner on a ${box.height.toFixed(0)} px chip`).to.be.at.most(parseFloat(style.paddingLeft));
  });

  // --kohort-radius squares the whole card, the group's tier rows and name chips included (the demo's "Atelier Noir" look).
  it('draws square tier rows and name chips for a merchant whose --kohort-radius is 0, as its card and buttons are', async () => {
    const mounted = await paidGroup('Marie', 400, '--kohort-radius: 0');
    stub = mounted.stub;
    const [container] = $$(mounted.el, '[part~="container"]');
    expect(getComputedStyle(container!).borderTopLeftRadius).to.equal('0px');
    for (const node of $$(mounted.el, '[part~="tier"], .names li')) {
      expect(getComputedStyle(node).borderTopLeftRadius, `${node.className || node.tagName} "${node.textContent!.trim()}"`).to.equal('0px');
    }
  });
});
