/**
 * The network between the customer and KohortPay misbehaving: answers that never come,
 * a connection that drops, a browser that says it is online when it is not.
 */
import { expect, oneEvent, waitUntil } from '@open-wc/testing';
import type { KohortErrorEvent, KohortSuccessEvent } from '../../src/kohort-checkout.js';
import { NETWORK_POLICY } from '../../src/api/client.js';
import {
  apiError,
  clickPay,
  createSandboxSession,
  groupJson,
  json,
  mount,
  mountOnSandbox,
  PAID,
  sandbox,
  sandboxRequests,
  sessionJson,
  settleQuickly,
  shadow,
  sleep,
  stubFetch,
  text,
  typeInto,
  waitForState,
  type RecordedRequest,
} from './helpers.js';

/** The sandbox's controls take a test-mode key, as its other tools do. */
const controlHeaders = { Authorization: `Bearer ${sandbox.publishableKey}` };

/** The sandbox breaks the next matching request (see sandbox/faults.ts). */
async function armFault(fault: { method: string; path: string; times: number; drop?: boolean; processed?: boolean; body?: 'truncated' }) {
  const response = await fetch(`${sandbox.url}/sandbox/faults`, { method: 'POST', body: JSON.stringify(fault), headers: { ...controlHeaders, 'Content-Type': 'application/json' } });
  expect(response.status).to.equal(201);
}

const intent = {
  id: 'pi_0123456789abcd',
  amount: 7430,
  currency: 'EUR',
  status: 'REQUIRES_PAYMENT_METHOD',
  client_secret: 'pi_0123456789abcd_secret_x',
  checkout_session_id: 'cs_0123456789abcd',
};

/** A hung connection: no answer, ever, until the request is aborted. */
function never(request: RecordedRequest): Promise<Response> {
  return new Promise((_, reject) => request.signal?.addEventListener('abort', () => reject(new DOMException('Aborted', 'AbortError'))));
}

describe('adversary: the network between the customer and KohortPay', () => {
  let restore = () => {};
  afterEach(async () => {
    restore();
    restore = () => {};
    await fetch(`${sandbox.url}/sandbox/faults`, { method: 'DELETE', headers: controlHeaders });
  });

  describe('the API stops answering once the provider has taken the payment', () => {
    settleQuickly([0, 100, 100, 100, 100, 100]);

    it('says the outcome is not known yet about as soon as the re-reads are due to end, not after every re-read has timed out again and again', async () => {
      Object.assign(NETWORK_POLICY, { timeoutMs: 300, retries: 2 });
      let confirmed = false;
      let readsAfter = 0;
      ({ restore } = stubFetch((request) => {
        if (request.url.pathname === '/payment-intents') return json(intent, 201);
        if (!confirmed) return json(sessionJson());
        readsAfter++;
        return never(request);
      }));
      const el = await mount();
      await waitForState(el, 'ready');
      el.confirmPayment = async () => ((confirmed = true), { status: 'succeeded' });
      const unknown = oneEvent(el, 'kohort-error') as Promise<KohortErrorEvent>;
      const start = performance.now();
      clickPay(el);
      expect((await unknown).detail).to.include({ code: 'payment_unknown', retryable: true });
      // The re-reads take 0.5 s, and one read's tries (3 × 0.3 s) may hang: the customer is told within 2 s.
      // Before, each of the six re-reads hung through all its tries: 6 × 3 × 0.3 s, over 5 s of "Checking your payment".
      expect(performance.now() - start, `told after ${readsAfter} reads`).to.be.below(2000);
      await el.updateComplete;
      expect(text(el, '[part~="check-again-button"]')).to.not.equal('');
    });

    it('keeps reading while the reads fail at once (offline for a moment), and shows the payment once it is back', async () => {
      let confirmed = false;
      let readsAfter = 0;
      ({ restore } = stubFetch((request) => {
        if (request.url.pathname === '/payment-intents') return json(intent, 201);
        if (!confirmed) return json(sessionJson());
        // Two reads' every try fail at once, as offline; then the connection is back and the payment recorded.
        if (++readsAfter <= 2 * (NETWORK_POLICY.retries + 1)) throw new TypeError('Failed to fetch');
        return json(sessionJson({ status: 'COMPLETED', completed_at: new Date().toISOString(), payment_intent: { ...intent, status: 'SUCCEEDED' } }));
      }));
      const el = await mount();
      await waitForState(el, 'ready');
      el.confirmPayment = async () => ((confirmed = true), { status: 'succeeded' });
      const outcome = Promise.race([oneEvent(el, 'kohort-success'), oneEvent(el, 'kohort-error')]) as Promise<KohortSuccessEvent | KohortErrorEvent>;
      clickPay(el);
      const event = await outcome;
      expect(event.type, JSON.stringify(event.detail)).to.equal('kohort-success');
      await waitForState(el, 'completed');
    });

    it('says the provider’s decline, not "not known yet", when the re-read after it hangs', async () => {
      Object.assign(NETWORK_POLICY, { timeoutMs: 300, retries: 2 });
      let confirmed = false;
      ({ restore } = stubFetch((request) => {
        if (request.url.pathname === '/payment-intents') return json(intent, 201);
        return confirmed ? never(request) : json(sessionJson());
      }));
      const el = await mount();
      await waitForState(el, 'ready');
      el.confirmPayment = async () => ((confirmed = true), { status: 'failed', message: 'Carte refusée par votre banque.' });
      const refused = oneEvent(el, 'kohort-error') as Promise<KohortErrorEvent>;
      clickPay(el);
      // The server cannot say it was paid after all: the bank's refusal stands, and Pay is offered with it.
      expect((await refused).detail).to.include({ code: 'payment_failed', message: 'Carte refusée par votre banque.' });
      await el.updateComplete;
      expect(text(el, '[part~="check-again-button"]')).to.equal('');
    });
  });

  describe('the connection comes back ("Everything resumes as soon as the connection is back")', () => {
    settleQuickly([0, 50, 50]);

    it('asks again about a payment whose outcome the network hid, and shows it paid, without Check again being pressed', async () => {
      let confirmed = false;
      let online = true;
      ({ restore } = stubFetch((request) => {
        if (request.url.pathname === '/payment-intents') return json(intent, 201);
        if (!confirmed) return json(sessionJson());
        if (!online) throw new TypeError('Failed to fetch');
        return json(sessionJson({ status: 'COMPLETED', completed_at: new Date().toISOString(), payment_intent: { ...intent, status: 'SUCCEEDED' } }));
      }));
      const el = await mount();
      await waitForState(el, 'ready');
      el.confirmPayment = async () => ((confirmed = true), (online = false), { status: 'succeeded' });
      const unknown = oneEvent(el, 'kohort-error') as Promise<KohortErrorEvent>;
      clickPay(el);
      expect((await unknown).detail).to.include({ code: 'payment_unknown' });
      const success = oneEvent(el, 'kohort-success') as Promise<KohortSuccessEvent>;
      online = true;
      window.dispatchEvent(new Event('online'));
      await success;
      await waitForState(el, 'completed');
    });

    it('checks again a friend’s code that could not be checked for want of a network, and accepts it', async () => {
      let online = false;
      ({ restore } = stubFetch((request) => {
        if (!request.url.pathname.endsWith('/validate')) return json(sessionJson());
        if (!online) throw new TypeError('Failed to fetch');
        const { payment_group_settings: settings, ...group } = groupJson();
        return json({ ...group, ...settings, current_discount_level: null }, 201);
      }));
      const el = await mount();
      el.shareCode = PAID.code;
      await waitForState(el, 'ready');
      await waitUntil(() => text(el, '#code-error').includes('connexion'), 'the network refusal was never shown');
      online = true;
      window.dispatchEvent(new Event('online'));
      await waitUntil(() => !shadow(el).querySelector('#code-error') && shadow(el).querySelector('[part~="code-accepted"]'), 'the code was not checked again once back online', { timeout: 4000 });
    });

    it('does not ask again about a friend’s code KohortPay said does not exist', async () => {
      const stub = stubFetch((request) => (request.url.pathname.endsWith('/validate') ? apiError(404, 'NOT_FOUND', 'Payment group not found.') : json(sessionJson())));
      restore = stub.restore;
      const checks = () => stub.requests.filter((request) => request.url.pathname.endsWith('/validate')).length;
      const el = await mount();
      el.shareCode = PAID.code;
      await waitForState(el, 'ready');
      await waitUntil(() => text(el, '#code-error'), 'the refusal was never shown');
      const refusal = text(el, '#code-error');
      window.dispatchEvent(new Event('online'));
      await sleep(200);
      expect(checks(), 'checks of the code').to.equal(1);
      expect(text(el, '#code-error')).to.equal(refusal);
    });

    it('leaves the focus where the customer is when the e-mail was made invalid since the code was refused for want of a network', async () => {
      let online = false;
      const stub = stubFetch((request) => {
        if (!request.url.pathname.endsWith('/validate')) return json(sessionJson());
        if (!online) throw new TypeError('Failed to fetch');
        const { payment_group_settings: settings, ...group } = groupJson();
        return json({ ...group, ...settings, current_discount_level: null }, 201);
      });
      restore = stub.restore;
      const checks = () => stub.requests.filter((request) => request.url.pathname.endsWith('/validate')).length;
      const el = await mount();
      el.shareCode = PAID.code;
      await waitForState(el, 'ready');
      await waitUntil(() => text(el, '#code-error').includes('connexion'), 'the network refusal was never shown');
      const before = checks();
      // The customer is correcting the e-mail (half typed) and has moved on to the code's field.
      await typeInto(el, '#email', 'marie@');
      shadow(el).querySelector<HTMLInputElement>('#code')!.focus();
      online = true;
      window.dispatchEvent(new Event('online'));
      await sleep(200);
      await el.updateComplete;
      expect(shadow(el).activeElement?.id, 'the focus, taken by a network event').to.equal('code');
      expect(checks(), 'checks of the code for an e-mail that is not one').to.equal(before);
    });
  });

  describe('the API created the payment intent, and its answer was lost on the way', () => {
    for (const [how, fault] of [
      ['the connection dropped', { drop: true, processed: true }],
      ['the answer was cut short', { body: 'truncated' as const }],
    ] as const) {
      it(`pays that one intent, once, when ${how}`, async () => {
        const session = await createSandboxSession();
        await armFault({ method: 'POST', path: '/payment-intents', times: 1, ...fault });
        const el = await mountOnSandbox(session.id);
        await waitForState(el, 'ready');
        const success = oneEvent(el, 'kohort-success') as Promise<KohortSuccessEvent>;
        clickPay(el);
        if ('body' in fault) {
          // Not retried on its own (an unreadable answer): the customer is told, and presses Pay again.
          await waitUntil(() => text(el, '[part~="payment-error"]'), 'no message for the unreadable answer');
          clickPay(el);
        }
        const paid = await success;
        const posts = await sandboxRequests({ method: 'POST', path: '/payment-intents' });
        expect(posts).to.have.length(2);
        // The same Idempotency-Key: the API answered the second with the intent it had created for the first.
        expect(posts[0]!.idempotency_key).to.be.a('string').and.equal(posts[1]!.idempotency_key);
        expect(paid.detail.sessionId).to.equal(session.id);
        const confirmations = (await sandboxRequests({ method: 'POST' })).filter((request) => request.path.endsWith('/confirm'));
        expect(confirmations).to.have.length(1);
      });
    }
  });
});
