import { expect, oneEvent } from '@open-wc/testing';
import type { KohortReadyEvent } from '../../src/kohort-checkout.js';
import { groupJson, json, mount, paidSessionJson, recordWarnings, sessionJson, stubFetch, waitForState } from './helpers.js';

describe('kohort-ready of a paid session', () => {
  const warnings = recordWarnings();
  let stub: ReturnType<typeof stubFetch> | undefined;
  afterEach(() => {
    stub?.restore();
    stub = undefined;
  });

  /** Mounts a widget on `session` (its group answered as it is) and gives kohort-ready's detail. */
  async function readyDetail(session: object) {
    const group = groupJson();
    stub = stubFetch((request) => json(request.url.pathname.startsWith('/payment-groups/') ? group : session));
    const el = await mount();
    const ready = oneEvent(el, 'kohort-ready') as Promise<KohortReadyEvent>;
    await waitForState(el, 'completed');
    return (await ready).detail;
  }

  for (const [why, expiresAt] of [
    ['is not a date', 'soon'],
    ['is missing', undefined],
  ] as const) {
    it(`sends expires_at as null, never '', when the expiry of a paid session ${why}`, async () => {
      const { session } = await readyDetail({ ...paidSessionJson(groupJson()), expires_at: expiresAt });
      // The type says `string | null`: a listener that checks for null never gets '' (not an ISO date).
      const expiry: string | null = session.expires_at;
      expect(expiry).to.equal(null);
      expect(session.status).to.equal('COMPLETED');
      expect(warnings.join('\n')).to.contain('Ignored expires_at of a paid session');
    });
  }

  it('sends the expiry of a paid session as the API gave it when it can be read', async () => {
    const paid = paidSessionJson(groupJson());
    const { session } = await readyDetail(paid);
    expect(session.expires_at).to.equal(paid.expires_at);
  });

  it('sends the cashback of the payment as the API gave it, a whole number of cents', async () => {
    const paid = paidSessionJson(groupJson());
    const { session } = await readyDetail({ ...paid, payment_intent: { ...paid.payment_intent, amount_cashback: 449 } });
    expect(session.payment_intent?.amount_cashback).to.equal(449);
  });

  it("sends organization_id as '', never undefined, when the API leaves it out", async () => {
    const { organization_id: _left, ...withoutOrganizationId } = paidSessionJson(groupJson());
    const { session } = await readyDetail(withoutOrganizationId);
    // The type says `string`: a listener that calls .startsWith() on it does not throw.
    expect(session.organization_id).to.equal('');
  });
});

describe('kohort-ready of an open session', () => {
  let stub: ReturnType<typeof stubFetch> | undefined;
  afterEach(() => {
    stub?.restore();
    stub = undefined;
  });

  it('passes on the metadata the merchant gave the session, untouched (the order it is for)', async () => {
    const metadata = { order_id: 'A-1042', cart: { lines: 3, gift: true } };
    stub = stubFetch(() => json(sessionJson({ metadata })));
    const el = await mount();
    const ready = (await oneEvent(el, 'kohort-ready')) as KohortReadyEvent;
    expect(ready.detail.session.metadata).to.deep.equal(metadata);
  });
});
