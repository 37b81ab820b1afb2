/**
 * Faults the widget survives, injected by the sandbox API over real HTTP
 * (`POST /sandbox/faults`: status, Retry-After, delay, broken body, dropped connection).
 */
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { allTasks } from 'nanostores';
import type { KohortCheckout, KohortErrorEvent, KohortSuccessEvent } from '../../src/kohort-checkout.js';
import { NETWORK_POLICY } from '../../src/api/client.js';
import { observeServerDate } from '../../src/api/server-clock.js';
import { PAYMENT_TIMING } from '../../src/stores/payment.js';
import { API, apiError, createSandboxSession, json, mount, mountOnSandbox, sandbox, sandboxRequests, sessionJson, shadow, stubFetch, text, trackWidgetTimers, waitForState } from './helpers.js';

interface Fault {
  method?: string;
  path: string;
  times?: number;
  status?: number;
  retryAfter?: number;
  delayMs?: number;
  body?: 'malformed' | 'truncated' | 'empty';
  drop?: boolean;
  processed?: boolean;
}

/** The sandbox's controls take a test-mode key, as its other tools do. */
const controlHeaders = { Authorization: `Bearer ${sandbox.publishableKey}` };

async function armFault(fault: Fault) {
  const response = await fetch(`${sandbox.url}/sandbox/faults`, { method: 'POST', body: JSON.stringify(fault), headers: { ...controlHeaders, 'Content-Type': 'application/json' } });
  expect(response.status).to.equal(201);
}

const clearFaults = () => fetch(`${sandbox.url}/sandbox/faults`, { method: 'DELETE', headers: controlHeaders });
const sessionPath = (id: string) => `/checkout-sessions/${id}`;
const reads = async (id: string) => (await sandboxRequests({ method: 'GET', path: sessionPath(id) })).length;

/** The delays the API client asks to wait between two tries (its `wait`), as setTimeout receives them. */
function recordRetryWaits() {
  const original = window.setTimeout;
  const waits: number[] = [];
  window.setTimeout = ((handler: TimerHandler, timeout?: number, ...rest: unknown[]) => {
    if (/\bwait\b[^\n]*\/src\/api\/client\.ts/.test(new Error().stack ?? '')) waits.push(timeout ?? 0);
    return original.call(window, handler, timeout, ...rest);
  }) as typeof window.setTimeout;
  return { waits, restore: () => (window.setTimeout = original) };
}

describe('faults the widget survives', () => {
  const originalDelays = PAYMENT_TIMING.settleDelaysMs;
  beforeEach(() => (PAYMENT_TIMING.settleDelaysMs = [0, 100, 200, 300, 400, 500]));
  afterEach(async () => {
    PAYMENT_TIMING.settleDelaysMs = originalDelays;
    await clearFaults();
  });

  describe('reading the session', () => {
    it('retries 503 and 502 answers, then shows the session', async () => {
      const session = await createSandboxSession();
      await armFault({ method: 'GET', path: sessionPath(session.id), status: 503, times: 1 });
      await armFault({ method: 'GET', path: sessionPath(session.id), status: 502, times: 1 });
      const el = await mountOnSandbox(session.id);
      await waitForState(el, 'ready');
      expect(await reads(session.id)).to.equal(3);
    });

    /** A 429 asking for one second: one wait of that second (backoff alone is tens of milliseconds here), then the second read. */
    async function expectRetryAfterOfOneSecondWaited() {
      const session = await createSandboxSession();
      await armFault({ method: 'GET', path: sessionPath(session.id), status: 429, retryAfter: 1, times: 1 });
      const timers = recordRetryWaits();
      try {
        const el = await mountOnSandbox(session.id);
        await waitForState(el, 'ready');
        expect(timers.waits).to.deep.equal([1000]);
        expect(await reads(session.id)).to.equal(2);
      } finally {
        timers.restore();
      }
    }

    it('waits as long as Retry-After says on 429', async () => {
      await expectRetryAfterOfOneSecondWaited();
    });

    it('waits a Retry-After of exactly the longest it would wait', async () => {
      NETWORK_POLICY.retryAfterMaxMs = 1000;
      await expectRetryAfterOfOneSecondWaited();
    });

    it('does not wait a Retry-After longer than it would ever wait: one read, then Retry for the customer, told to wait a minute', async () => {
      const session = await createSandboxSession();
      await armFault({ method: 'GET', path: sessionPath(session.id), status: 429, retryAfter: 60, times: 1 });
      const timers = recordRetryWaits();
      try {
        const el = await mountOnSandbox(session.id);
        const error = (await oneEvent(el, 'kohort-error')) as KohortErrorEvent;
        expect(error.detail).to.include({ status: 429, retryable: true });
        expect(timers.waits, 'no wait before a second read').to.deep.equal([]);
        expect(await reads(session.id)).to.equal(1);
        await el.updateComplete;
        // A minute to wait: not "a few seconds", after which Retry would meet the same 429.
        expect(text(el, '[part~="message"] p')).to.equal('Patientez une minute, puis réessayez.');
        shadow(el).querySelector<HTMLButtonElement>('[part~="retry-button"]')!.click();
        await waitForState(el, 'ready');
      } finally {
        timers.restore();
      }
    });

    it('tells the customer how many minutes to wait when Retry-After asks for more than one, rounded up', async () => {
      const session = await createSandboxSession();
      await armFault({ method: 'GET', path: sessionPath(session.id), status: 429, retryAfter: 150, times: 1 });
      const el = await mountOnSandbox(session.id);
      const error = (await oneEvent(el, 'kohort-error')) as KohortErrorEvent;
      expect(error.detail).to.include({ code: 'rate_limited', message: 'Réessayez dans 3\u00a0min.', retryable: true });
      await el.updateComplete;
      expect(text(el, '[part~="message"] p')).to.equal('Réessayez dans 3\u00a0min.');
    });

    it('gives a refusal that trying again cannot mend its own words, not minutes to wait, whatever Retry-After asks', async () => {
      for (const [status, body] of [
        [403, 'KohortPay ne reconnaît pas la clé publique de ce paiement.'],
        [400, 'KohortPay a refusé la demande.'],
      ] as const) {
        const session = await createSandboxSession();
        await armFault({ method: 'GET', path: sessionPath(session.id), status, retryAfter: 3600, times: 1 });
        const el = await mountOnSandbox(session.id);
        const error = (await oneEvent(el, 'kohort-error')) as KohortErrorEvent;
        expect(error.detail, `status ${status}`).to.include({ status, message: body, retryable: false });
        await el.updateComplete;
        expect(text(el, '[part~="message"] p'), `status ${status}`).to.equal(body);
        // No Retry is offered: "Try again in 60 min." would send the customer back to a refusal.
        expect(shadow(el).querySelector('[part~="retry-button"]'), `status ${status}`).to.not.exist;
        expect(shadow(el).querySelector('[part~="cancel-button"]'), `status ${status}`).to.exist;
      }
    });

    it('gives up after a bounded number of tries, then Retry works', async () => {
      const session = await createSandboxSession();
      await armFault({ method: 'GET', path: sessionPath(session.id), status: 503, times: 20 });
      const el = await mountOnSandbox(session.id);
      const error = (await oneEvent(el, 'kohort-error')) as KohortErrorEvent;
      expect(error.detail).to.include({ code: 'server_error', status: 503, retryable: true });
      expect(await reads(session.id)).to.equal(1 + NETWORK_POLICY.retries);
      await clearFaults();
      shadow(el).querySelector<HTMLButtonElement>('[part~="retry-button"]')!.click();
      await waitForState(el, 'ready');
    });

    it('does not retry other 4xx answers or a 500, and offers Retry for the 500 only', async () => {
      for (const [status, code, retryable] of [
        [400, 'request_failed', false],
        [409, 'request_failed', false],
        [500, 'server_error', true],
      ] as const) {
        const session = await createSandboxSession();
        await armFault({ method: 'GET', path: sessionPath(session.id), status, times: 5 });
        const el = await mountOnSandbox(session.id);
        const error = (await oneEvent(el, 'kohort-error')) as KohortErrorEvent;
        expect(error.detail, `status ${status}`).to.include({ status, code, retryable });
        expect(await reads(session.id), `status ${status}`).to.equal(1);
        await el.updateComplete;
        expect(!!shadow(el).querySelector('[part~="retry-button"]'), `status ${status}: Retry`).to.equal(retryable);
      }
    });

    it('aborts a hung request after the timeout and tries again', async () => {
      // The retry's own timeout leaves room for a loaded machine: at 300 ms it once timed out too (3 reads).
      NETWORK_POLICY.timeoutMs = 1000;
      const session = await createSandboxSession();
      await armFault({ method: 'GET', path: sessionPath(session.id), delayMs: 5000, times: 1 });
      const el = await mountOnSandbox(session.id);
      await waitForState(el, 'ready');
      expect(await reads(session.id)).to.equal(2);
    });

    it('shows a timeout error with Retry when the API never answers in time', async () => {
      NETWORK_POLICY.timeoutMs = 200;
      NETWORK_POLICY.retries = 1;
      const session = await createSandboxSession();
      await armFault({ method: 'GET', path: sessionPath(session.id), delayMs: 1000, times: 5 });
      const el = await mountOnSandbox(session.id);
      const error = (await oneEvent(el, 'kohort-error')) as KohortErrorEvent;
      expect(error.detail).to.include({ code: 'timeout', retryable: true });
      await el.updateComplete;
      expect(shadow(el).querySelector('[part~="retry-button"]')).to.exist;
    });

    it('survives a dropped connection', async () => {
      const session = await createSandboxSession();
      await armFault({ method: 'GET', path: sessionPath(session.id), drop: true, times: 1 });
      const el = await mountOnSandbox(session.id);
      await waitForState(el, 'ready');
    });

    for (const body of ['malformed', 'truncated'] as const) {
      it(`shows invalid_response for a ${body} body, with no NaN or undefined on screen`, async () => {
        const session = await createSandboxSession();
        await armFault({ method: 'GET', path: sessionPath(session.id), body, times: 1 });
        const el = await mountOnSandbox(session.id);
        const error = (await oneEvent(el, 'kohort-error')) as KohortErrorEvent;
        expect(error.detail.code).to.equal('invalid_response');
        await el.updateComplete;
        expect(shadow(el).textContent).to.not.match(/NaN|undefined|null/);
        shadow(el).querySelector<HTMLButtonElement>('[part~="retry-button"]')!.click();
        await waitForState(el, 'ready');
      });
    }
  });

  describe('Retry-After as an HTTP date, from a server whose clock is off', () => {
    // The widget keeps the last offset it learned: later tests start from a server on time.
    afterEach(() => observeServerDate(API, new Date().toUTCString()));

    for (const [how, serverAhead] of [
      ['an hour behind the customer’s', -3_600_000],
      ['an hour ahead of the customer’s', 3_600_000],
    ] as const) {
      it(`waits the second asked for, read on the server's clock, when that clock is ${how}`, async () => {
        const timers = recordRetryWaits();
        const stub = stubFetch(() => {
          const serverNow = Date.now() + serverAhead;
          const date = new Date(serverNow).toUTCString();
          if (stub.requests.length === 1) {
            const busy = apiError(429, 'rate_limited', 'Too many requests');
            busy.headers.set('Date', date);
            busy.headers.set('Retry-After', new Date(Date.parse(date) + 1000).toUTCString());
            return busy;
          }
          const answer = json(sessionJson({ expires_at: new Date(serverNow + 3_600_000).toISOString() }));
          answer.headers.set('Date', date);
          return answer;
        });
        try {
          const el = await mount();
          await waitForState(el, 'ready');
          expect(stub.requests.map((request) => request.url.pathname)).to.deep.equal(['/checkout-sessions/cs_0123456789abcd', '/checkout-sessions/cs_0123456789abcd']);
          // About a second: neither the hour between the clocks (given up on as too long) nor nothing (asked again at once).
          expect(timers.waits).to.have.length(1);
          expect(timers.waits[0]).to.be.within(500, 1000);
        } finally {
          stub.restore();
          timers.restore();
        }
      });
    }
  });

  describe('paying', () => {
    async function pay(el: KohortCheckout) {
      await waitForState(el, 'ready');
      const success = oneEvent(el, 'kohort-success') as Promise<KohortSuccessEvent>;
      shadow(el).querySelector<HTMLButtonElement>('[part~="pay-button"]')!.click();
      return success;
    }

    it('retries creating the payment with the same Idempotency-Key, and creates one intent', async () => {
      const session = await createSandboxSession();
      await armFault({ method: 'POST', path: '/payment-intents', status: 503, times: 1 });
      const el = await mountOnSandbox(session.id);
      const before = (await sandboxRequests({ method: 'POST', path: '/payment-intents' })).length;
      await pay(el);
      const posts = (await sandboxRequests({ method: 'POST', path: '/payment-intents' })).slice(before);
      expect(posts).to.have.length(2);
      expect(posts[0]!.idempotency_key).to.be.a('string').and.equal(posts[1]!.idempotency_key);
    });

    it('tells the customer how many minutes to wait when creating the payment is rate limited for longer than a minute', async () => {
      const session = await createSandboxSession();
      await armFault({ method: 'POST', path: '/payment-intents', status: 429, retryAfter: 300, times: 1 });
      const el = await mountOnSandbox(session.id);
      await waitForState(el, 'ready');
      const failed = oneEvent(el, 'kohort-error') as Promise<KohortErrorEvent>;
      shadow(el).querySelector<HTMLButtonElement>('[part~="pay-button"]')!.click();
      expect((await failed).detail).to.include({ code: 'rate_limited', message: 'Réessayez dans 5\u00a0min.', retryable: true });
      await waitUntil(() => shadow(el).querySelector('[part~="payment-error"]'), 'the payment error never showed');
      expect(text(el, '[part~="payment-error"]')).to.equal('Réessayez dans 5\u00a0min.');
    });

    it('settles a confirmation whose answer was lost by reading the session, never by paying again', async () => {
      const session = await createSandboxSession();
      const el = await mountOnSandbox(session.id);
      const sent: string[] = [];
      const realFetch = window.fetch;
      window.fetch = async (input, init) => {
        const line = `${init?.method ?? 'GET'} ${new URL(String(input)).pathname}`;
        sent.push(line);
        const answer = await realFetch(input, init);
        // The provider confirmed, then the connection dropped before the answer reached the page.
        if (line.endsWith('/confirm')) throw new TypeError('Failed to fetch');
        return answer;
      };
      try {
        const before = (await sandboxRequests({ method: 'POST' })).length;
        const success = await pay(el);
        expect(success.detail.sessionId).to.equal(session.id);
        // The widget asked once to create and once to confirm; everything after is reading the session.
        expect(sent.filter((line) => line.endsWith('/confirm'))).to.have.length(1);
        expect(sent.filter((line) => line === 'POST /payment-intents')).to.have.length(1);
        const after = sent.slice(sent.findIndex((line) => line.endsWith('/confirm')) + 1);
        expect(after.filter((line) => !line.startsWith('GET '))).to.deep.equal([]);
        expect(after[0]).to.match(/^GET \/checkout-sessions\//);
        const posts = (await sandboxRequests({ method: 'POST' })).slice(before).map((request) => request.path);
        expect(posts.filter((path) => path.endsWith('/confirm'))).to.have.length(1);
      } finally {
        window.fetch = realFetch;
      }
    });
    it('never sends a confirmation twice, though it was answered 503: the outcome is unknown until the session says', async () => {
      const session = await createSandboxSession();
      await armFault({ method: 'POST', path: '/sandbox/payment-intents/', status: 503, times: 1 });
      const el = await mountOnSandbox(session.id);
      await waitForState(el, 'ready');
      const unknown = oneEvent(el, 'kohort-error') as Promise<KohortErrorEvent>;
      shadow(el).querySelector<HTMLButtonElement>('[part~="pay-button"]')!.click();
      expect((await unknown).detail).to.include({ code: 'payment_unknown', retryable: true });
      const confirmations = (await sandboxRequests({ method: 'POST' })).filter((request) => request.path.endsWith('/confirm'));
      expect(confirmations).to.have.length(1);
    });

    it('keeps the provider’s decline when the element leaves while the decline is being checked and is put back', async () => {
      const session = await createSandboxSession();
      const el = await mountOnSandbox(session.id);
      const parent = el.parentElement!;
      el.confirmPayment = async () => {
        // The read that checks the decline with the API is slow: the element leaves meanwhile (a framework re-mounting it).
        await armFault({ method: 'GET', path: sessionPath(session.id), delayMs: 1000, times: 1 });
        setTimeout(() => el.remove(), 300);
        return { status: 'failed', message: 'Your card was declined.' };
      };
      await waitForState(el, 'ready');
      const errors: KohortErrorEvent[] = [];
      el.addEventListener('kohort-error', (event) => errors.push(event));
      shadow(el).querySelector<HTMLButtonElement>('[part~="pay-button"]')!.click();
      await waitUntil(() => !el.isConnected, 'the element never left', { timeout: 3000 });
      await new Promise((resolve) => setTimeout(resolve, 50));
      parent.append(el);
      await waitUntil(() => errors.length > 0, 'no kohort-error once put back', { timeout: 4000 });
      expect(errors.map((event) => event.detail)).to.deep.equal([
        { code: 'payment_failed', message: 'Your card was declined.', retryable: true, sessionId: session.id },
      ]);
      await el.updateComplete;
      expect(text(el, '[part~="payment-error"]')).to.equal('Your card was declined.');
    });
  });

  describe('following a payment', () => {
    it('reads the session again when a read made while the payment settles fails, and shows the payment once it is paid', async () => {
      const intent = { id: 'pi_0123456789abcd', amount: 7430, currency: 'EUR', status: 'REQUIRES_PAYMENT_METHOD', client_secret: 'pi_0123456789abcd_secret_x', checkout_session_id: 'cs_0123456789abcd' };
      let confirmed = false;
      let readsAfter = 0;
      const stub = stubFetch((request) => {
        if (request.url.pathname === '/payment-intents') return json(intent, 201);
        if (!confirmed) return json(sessionJson());
        // The first read after the provider's answer fails as a server does (a 500 is not retried by the client).
        if (readsAfter++ === 0) return apiError(500, 'internal_error');
        return json(sessionJson({ status: 'COMPLETED', completed_at: new Date().toISOString(), payment_intent: { ...intent, status: 'SUCCEEDED' } }));
      });
      try {
        const el = await mount();
        await waitForState(el, 'ready');
        el.confirmPayment = async () => ((confirmed = true), { status: 'succeeded' });
        const outcome = Promise.race([oneEvent(el, 'kohort-success'), oneEvent(el, 'kohort-error')]) as Promise<KohortSuccessEvent | KohortErrorEvent>;
        shadow(el).querySelector<HTMLButtonElement>('[part~="pay-button"]')!.click();
        const event = await outcome;
        expect(event.type, JSON.stringify(event.detail)).to.equal('kohort-success');
        expect((event as KohortSuccessEvent).detail.paymentIntentId).to.equal(intent.id);
        expect(readsAfter).to.equal(2);
        await waitForState(el, 'completed');
      } finally {
        stub.restore();
      }
    });
  });

  describe('the network comes and goes', () => {
    function setOnline(online: boolean) {
      Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => online });
      window.dispatchEvent(new Event(online ? 'online' : 'offline'));
    }
    afterEach(() => {
      delete (navigator as unknown as { onLine?: boolean }).onLine;
    });

    it('shows a notice while offline, and loads again once back online', async () => {
      NETWORK_POLICY.retries = 0;
      let offline = true;
      const stub = stubFetch(() => {
        if (offline) throw new TypeError('Failed to fetch');
        return json(sessionJson());
      });
      try {
        const el = await mount();
        await waitForState(el, 'error');
        setOnline(false);
        await el.updateComplete;
        expect(text(el, '[part~="offline-notice"]')).to.equal('Vous êtes hors ligne. Tout reprendra dès le retour de la connexion.');
        await expect(el).to.be.accessible();
        offline = false;
        setOnline(true);
        await waitForState(el, 'ready');
        expect(shadow(el).querySelector('[part~="offline-notice"]')).to.not.exist;
      } finally {
        stub.restore();
      }
    });

    it('asks nothing again once back online when what failed was not the connection (a session that does not exist)', async () => {
      const el = await mountOnSandbox('cs_0000000000missing');
      await waitForState(el, 'error');
      const errors: Event[] = [];
      el.addEventListener('kohort-error', (event) => errors.push(event));
      setOnline(false);
      setOnline(true);
      await allTasks();
      await el.updateComplete;
      // The same 404 again would only repeat the error view, and its kohort-error to the page.
      expect(await sandboxRequests({ method: 'GET', path: '/checkout-sessions/cs_0000000000missing' })).to.have.length(1);
      expect(errors).to.have.length(0);
      expect(el.state).to.equal('error');
    });
  });

  describe('many widgets and a busy page', () => {
    it('shows twenty widgets on one page, each its own session', async () => {
      const sessions = await Promise.all(
        Array.from({ length: 20 }, (_, index) =>
          createSandboxSession({
            amountTotal: 1000 + index,
            lineItems: [{ name: `Article ${index}`, price: 1000 + index, quantity: 1, type: 'PRODUCT' }],
          }),
        ),
      );
      const page = await fixture<HTMLElement>(html`<div>
        ${sessions.map(
          (session) => html`<kohort-checkout session-id=${session.id} publishable-key=${sandbox.publishableKey} api-base=${sandbox.url}></kohort-checkout>`,
        )}
      </div>`);
      const widgets = [...page.querySelectorAll('kohort-checkout')] as KohortCheckout[];
      await waitUntil(() => widgets.every((el) => el.state === 'ready'), 'not every widget became ready', { timeout: 8000 });
      widgets.forEach((el, index) => {
        expect(text(el, '.item-name')).to.equal(`Article ${index}`);
        expect(text(el, '[part~="total"] dd')).to.equal(new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' }).format((1000 + index) / 100));
      });
    });

    it('leaves no timer, poll or listener behind once removed', async () => {
      const timers = trackWidgetTimers();
      // Listeners the page holds right now, by type (removing one never added changes nothing).
      const listeners = new Map<string, Set<unknown>>();
      const original = { add: EventTarget.prototype.addEventListener, remove: EventTarget.prototype.removeEventListener };
      const track = (target: EventTarget, type: string, listener: unknown, adding: boolean) => {
        if (target !== window && target !== document) return;
        const active = listeners.get(type) ?? new Set<unknown>();
        listeners.set(type, active);
        if (adding) active.add(listener);
        else active.delete(listener);
      };
      EventTarget.prototype.addEventListener = function (this: EventTarget, type: string, listener: unknown, ...rest: unknown[]) {
        track(this, type, listener, true);
        return (original.add as (...a: unknown[]) => void).call(this, type, listener, ...rest);
      } as typeof EventTarget.prototype.addEventListener;
      EventTarget.prototype.removeEventListener = function (this: EventTarget, type: string, listener: unknown, ...rest: unknown[]) {
        track(this, type, listener, false);
        return (original.remove as (...a: unknown[]) => void).call(this, type, listener, ...rest);
      } as typeof EventTarget.prototype.removeEventListener;
      try {
        // A paid session: the richest view, with the group polled and the countdown ticking.
        const el = await mountOnSandbox('cs_5eed00000000c1');
        await waitForState(el, 'completed');
        await waitUntil(() => shadow(el).querySelector('[part~="time-left"]'), 'the group never showed');
        expect(timers.pending()).to.not.be.empty;
        expect(listeners.get('online')?.size ?? 0, 'listening while shown').to.be.greaterThan(0);
        expect(listeners.get('pageshow')?.size ?? 0, 'listening for a return from the back/forward cache').to.be.greaterThan(0);
        el.remove();
        // A move in the page is told apart from leaving it in a microtask: let that pass.
        await new Promise((resolve) => setTimeout(resolve, 0));
        expect(timers.pending()).to.deep.equal([]);
        for (const type of ['online', 'offline', 'pageshow', 'visibilitychange']) expect(listeners.get(type)?.size ?? 0, type).to.equal(0);
      } finally {
        timers.restore();
        EventTarget.prototype.addEventListener = original.add;
        EventTarget.prototype.removeEventListener = original.remove;
      }
    });
  });
});
