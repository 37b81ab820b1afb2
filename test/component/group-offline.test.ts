import { expect, waitUntil } from '@open-wc/testing';
import { allTasks } from 'nanostores';
import type { KohortCheckout } from '../../src/kohort-checkout.js';
import { NETWORK_POLICY } from '../../src/api/client.js';
import { GROUP_POLL } from '../../src/stores/group.js';
import { PAID, deferred, groupJson, holdWidgetClock, json, mount, paidSessionJson, shadow, stubFetch, text, waitForState, type RecordedRequest } from './helpers.js';

/** The file whose timer polls the group, as `holdWidgetClock()` names it. */
const GROUP_STORE = 'stores/group.ts';
const CANNOT_SHOW = 'Votre groupe ne peut pas être affiché pour le moment. Votre paiement est bien enregistré.';

const isGroupRequest = (request: RecordedRequest) => request.url.pathname.startsWith('/payment-groups/');
const shownCode = (el: KohortCheckout) => text(el, '[part~="share-code"]');

function pretendOffline() {
  Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => false });
  window.dispatchEvent(new Event('offline'));
}

function backOnline() {
  Reflect.deleteProperty(navigator, 'onLine');
  window.dispatchEvent(new Event('online'));
}

// A poll scheduled before the connection drops is dropped with it: group.test.ts, "asks nothing while offline".
describe('the paid view’s group when the connection drops', () => {
  // A fixed expiry: each poll's answer is the same group, so nothing but the connection changes.
  const group = groupJson({ expiresAt: new Date(Date.now() + 3_600_000).toISOString() });
  let stub: ReturnType<typeof stubFetch> | undefined;
  let clock: ReturnType<typeof holdWidgetClock> | undefined;
  const initial = { ...GROUP_POLL };
  afterEach(() => {
    clock?.restore();
    clock = undefined;
    stub?.restore();
    stub = undefined;
    Reflect.deleteProperty(navigator, 'onLine');
    Object.assign(GROUP_POLL, initial);
  });

  /** The paid view with its group shown and its next poll scheduled; group reads answered by `answer(n)` (n from 0). */
  async function paidWithGroup(answer: (n: number) => Response | Promise<Response>) {
    GROUP_POLL.initialMs = 1000;
    clock = holdWidgetClock();
    let n = 0;
    stub = stubFetch((request) => (isGroupRequest(request) ? answer(n++) : json(paidSessionJson(group))));
    const el = await mount();
    await waitForState(el, 'completed');
    await waitUntil(() => shadow(el).querySelector('[part~="share-code"]') && clock!.pending(GROUP_STORE).length === 1, 'the group never showed, or no poll was scheduled');
    return { el, groupRequests: () => stub!.requests.filter(isGroupRequest).length };
  }

  it('keeps showing the group, never "cannot be shown right now", when a poll under way as the connection drops fails', async () => {
    NETWORK_POLICY.retries = 0;
    // The second read fails as a fetch does offline, once the connection has dropped.
    const dropped = deferred<void>();
    const { el, groupRequests } = await paidWithGroup((n) => (n === 1 ? dropped.promise.then(() => Promise.reject(new TypeError('Failed to fetch'))) : json(group)));
    await clock!.advance(clock!.pending(GROUP_STORE)[0]!.delay);
    await waitUntil(() => groupRequests() === 2, 'the poll never went out');
    pretendOffline();
    dropped.resolve();
    await allTasks();
    await el.updateComplete;
    expect(shownCode(el)).to.equal(PAID.code);
    expect(text(el, '[part~="group"] .hint')).to.not.equal(CANNOT_SHOW);
    expect(clock!.pending(GROUP_STORE), 'a poll scheduled while offline').to.deep.equal([]);

    backOnline();
    await waitUntil(() => groupRequests() === 3 && clock!.pending(GROUP_STORE).length === 1, 'not asked again once back online');
    expect(shownCode(el)).to.equal(PAID.code);
  });
});
