import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { allTasks, cleanTasks } from 'nanostores';
import type { KohortCheckout, KohortErrorEvent, KohortReadyEvent, KohortSuccessEvent } from '../../src/kohort-checkout.js';
import type { CheckoutSession, PaymentIntent } from '../../src/api/types.js';
import { PAYMENT_TIMING, type ConfirmPaymentResult, type PaymentIntentHandle } from '../../src/stores/payment.js';
import {
  apiError,
  applyFriendCode,
  clickPay,
  confirmOnSandbox,
  createSandboxSession,
  deferred,
  groupJson,
  json,
  PAID,
  mount,
  mountOnSandbox,
  recordNavigation,
  sandbox,
  sandboxRequests,
  sessionJson,
  settleQuickly,
  shadow,
  stubFetch,
  text,
  typeInto,
  waitForState,
  waitForFocus,
} from './helpers.js';

const $ = <T extends Element = HTMLElement>(el: KohortCheckout, selector: string) => shadow(el).querySelector<T>(selector);

const payButton = (el: KohortCheckout) => $<HTMLButtonElement>(el, '[part~="pay-button"]');

async function intentsCreated(): Promise<number> {
  return (await sandboxRequests({ method: 'POST', path: '/payment-intents' })).length;
}

/** Waits until a slow payment (`+slow@`, about 3 s on the sandbox) is being settled. */
async function whileSettling(el: KohortCheckout) {
  await waitUntil(() => text(el, '[part~="pay-button"]') === 'Confirmation du paiement…', 'never reached the settling step', { timeout: 4000 });
}

function intentJson(status: PaymentIntent['status'], session: CheckoutSession): PaymentIntent {
  return { id: 'pi_0123456789abcd', amount: session.amount_total, currency: 'EUR', checkout_session_id: session.id, status, livemode: false };
}

/** A widget ready to pay whose confirmPayment records each intent it is handed, and says it succeeded. */
async function mountReadyToConfirm() {
  const el = await mount();
  await waitForState(el, 'ready');
  const handed: unknown[] = [];
  el.confirmPayment = async (intent) => {
    handed.push(intent);
    return { status: 'succeeded' };
  };
  return { el, handed };
}

describe('never charged twice', () => {
  settleQuickly([0, 300, 500, 500, 500, 500, 500, 500, 500, 500]);
  let stub: ReturnType<typeof stubFetch> | undefined;
  afterEach(() => {
    stub?.restore();
    stub = undefined;
  });

  describe('a payment already under way for the session', () => {
    it('is waited for, never paid again, after a reload during a slow payment', async () => {
      const session = await createSandboxSession({ customerEmail: 'sam+slow@kohort.test' });
      const first = await mountOnSandbox(session.id);
      await waitForState(first, 'ready');
      clickPay(first);
      await whileSettling(first);
      first.remove(); // the customer reloads the page
      const before = await intentsCreated();

      const second = await mountOnSandbox(session.id);
      await waitForState(second, 'ready');
      await whileSettling(second);
      expect(payButton(second)!.getAttribute('aria-disabled')).to.equal('true');
      expect($<HTMLInputElement>(second, '#email')!.readOnly).to.equal(true);
      await expect(second).to.be.accessible();
      clickPay(second);
      $<HTMLFormElement>(second, 'form')!.requestSubmit();

      const success = (await oneEvent(second, 'kohort-success')) as KohortSuccessEvent;
      expect(success.detail.sessionId).to.equal(session.id);
      expect(await intentsCreated()).to.equal(before);
      await waitForState(second, 'completed');
    });

    it('lets the customer pay when the payment under way did not go through', async () => {
      const session = sessionJson({ customer_email: 'lea@example.com' });
      let reads = 0;
      stub = stubFetch(() => {
        reads += 1;
        // Read first with the other tab's payment PROCESSING, then the provider declined it.
        return json({ ...session, payment_intent: intentJson(reads === 1 ? 'PROCESSING' : 'REQUIRES_PAYMENT_METHOD', session) });
      });
      const el = await mount();
      await waitForState(el, 'ready');
      expect(payButton(el)!.getAttribute('aria-disabled')).to.equal('true');
      const error = (await oneEvent(el, 'kohort-error')) as KohortErrorEvent;
      expect(error.detail).to.include({ code: 'payment_failed', retryable: true });
      await el.updateComplete;
      // KohortPay showed it processing, then not: the bank declined it.
      expect(text(el, '[part~="payment-error"]')).to.equal('Votre paiement a été refusé. Vérifiez vos informations, puis réessayez.');
      expect(payButton(el)!.hasAttribute('aria-disabled')).to.equal(false);
      const created = () => stub!.requests.filter((request) => request.url.pathname === '/payment-intents');
      expect(created()).to.have.length(0);
      // And Pay pays: it creates this customer's payment.
      clickPay(el);
      await waitUntil(() => created().length === 1, 'Pay sent no payment');
    });

    it('lets the customer pay an intent KohortPay holds in REQUIRES_ACTION (3-D Secure left unfinished, then a reload): that intent is confirmed', async () => {
      const session = sessionJson({ customer_email: 'lea@example.com' });
      const intent = { ...intentJson('REQUIRES_ACTION', session), client_secret: 'pi_0123456789abcd_secret_x' };
      stub = stubFetch((request) => (request.url.pathname === '/payment-intents' ? json(intent, 201) : json({ ...session, payment_intent: intent })));
      const el = await mount();
      await waitForState(el, 'ready');
      const handed: string[] = [];
      el.confirmPayment = async (handle) => (handed.push(handle.id), { status: 'failed', message: 'Authentification refusée par votre banque.' });
      // Not a payment under way: Pay is offered, not "being confirmed".
      expect(payButton(el)!.hasAttribute('aria-disabled')).to.equal(false);
      setTimeout(() => clickPay(el));
      const error = (await oneEvent(el, 'kohort-error')) as KohortErrorEvent;
      expect(error.detail).to.include({ code: 'payment_failed', message: 'Authentification refusée par votre banque.' });
      expect(handed).to.deep.equal([intent.id]);
    });

    it('shows the session as expired when its end passes after the payment under way did not go through', async () => {
      const expiresAt = Date.now() + 1500;
      const session = sessionJson({ customer_email: 'lea@example.com', expires_at: new Date(expiresAt).toISOString() });
      let reads = 0;
      stub = stubFetch(() => {
        reads += 1;
        return json({ ...session, payment_intent: intentJson(reads === 1 ? 'PROCESSING' : 'REQUIRES_PAYMENT_METHOD', session) });
      });
      const el = await mount();
      const expired: Event[] = [];
      el.addEventListener('kohort-expired', (event) => expired.push(event));
      await waitForState(el, 'ready');
      await oneEvent(el, 'kohort-error'); // the payment under way did not go through: Pay is back
      expect(Date.now()).to.be.below(expiresAt);
      // Nothing is under way any more: the session ends on the page's clock, as any open session does.
      await waitUntil(() => expired.length > 0, 'the session was never shown as expired', { timeout: 4000 });
      expect(el.state).to.equal('expired');
    });

    for (const [name, expired] of [
      ['its clock ran out', { expires_at: new Date(Date.now() - 60_000).toISOString() }],
      ['the API says EXPIRED', { status: 'EXPIRED', expires_at: new Date(Date.now() - 60_000).toISOString() }],
    ] as const) {
      it(`is followed to its end, never called expired, when ${name} while the payment was processing`, async () => {
        const session = sessionJson({ customer_email: 'lea@example.com', ...expired });
        let reads = 0;
        stub = stubFetch(() => {
          reads += 1;
          if (reads < 3) return json({ ...session, payment_intent: intentJson('PROCESSING', session) });
          return json({ ...session, status: 'COMPLETED', completed_at: new Date().toISOString(), payment_intent: intentJson('SUCCEEDED', session) });
        });
        const el = await mount();
        const expiredEvents: Event[] = [];
        el.addEventListener('kohort-expired', (event) => expiredEvents.push(event));
        await waitForState(el, 'ready');
        expect(text(el, '[part~="pay-button"]')).to.equal('Confirmation du paiement…');
        const success = (await oneEvent(el, 'kohort-success')) as KohortSuccessEvent;
        expect(success.detail.paymentIntentId).to.equal('pi_0123456789abcd');
        await waitForState(el, 'completed');
        expect(expiredEvents).to.have.length(0);
        expect(stub.requests.filter((request) => request.url.pathname === '/payment-intents')).to.have.length(0);
      });
    }

    it('shows the session expired once the payment that was processing past its end did not go through', async () => {
      const session = sessionJson({ customer_email: 'lea@example.com', status: 'EXPIRED', expires_at: new Date(Date.now() - 60_000).toISOString() });
      let reads = 0;
      stub = stubFetch(() => {
        reads += 1;
        return json({ ...session, payment_intent: intentJson(reads === 1 ? 'PROCESSING' : 'CANCELED', session) });
      });
      const el = await mount();
      await oneEvent(el, 'kohort-expired');
      expect(el.state).to.equal('expired');
      expect(reads).to.be.greaterThan(1);
    });

    it('shows the session expired, not declined, when its end passed while a payment its provider called processing was then declined', async () => {
      const session = sessionJson({ customer_email: 'lea@example.com' });
      const intent = { ...intentJson('REQUIRES_PAYMENT_METHOD', session), client_secret: 'pi_0123456789abcd_secret_x' };
      let confirmed = false;
      let reads = 0;
      stub = stubFetch((request) => {
        if (request.url.pathname === '/payment-intents') return json(intent, 201);
        if (!confirmed) return json(session);
        // KohortPay shows the payment processing, then declined, with the session ended meanwhile.
        reads += 1;
        if (reads === 1) return json({ ...session, payment_intent: intentJson('PROCESSING', session) });
        return json({ ...session, status: 'EXPIRED', payment_intent: intentJson('REQUIRES_PAYMENT_METHOD', session) });
      });
      const el = await mount();
      await waitForState(el, 'ready');
      el.confirmPayment = async () => ((confirmed = true), { paymentIntent: { id: intent.id, status: 'processing' } });
      const errors: string[] = [];
      el.addEventListener('kohort-error', (event) => errors.push((event as KohortErrorEvent).detail.code));
      clickPay(el);
      await waitUntil(() => el.state === 'expired' || errors.length > 0, 'the payment was never settled');
      // Not "declined, pay again" on a session that can no longer be paid, nor "not known yet".
      expect(errors).to.deep.equal([]);
      expect(el.state).to.equal('expired');
    });

    it('never calls the next payment declined before KohortPay has heard of it, after a payment it showed processing was declined', async () => {
      const session = sessionJson({ customer_email: 'lea@example.com' });
      const intent = { ...intentJson('REQUIRES_PAYMENT_METHOD', session), client_secret: 'pi_0123456789abcd_secret_x' };
      let confirmations = 0;
      let reads = 0;
      stub = stubFetch((request) => {
        if (request.url.pathname === '/payment-intents') return json(intent, 201);
        if (confirmations === 0) return json(session);
        reads += 1;
        // The first payment: processing, then declined. The second: KohortPay hears of it two reads late.
        if (confirmations === 1) return json({ ...session, payment_intent: intentJson(reads === 1 ? 'PROCESSING' : 'REQUIRES_PAYMENT_METHOD', session) });
        if (reads <= 2) return json({ ...session, payment_intent: intent });
        return json({ ...session, status: 'COMPLETED', completed_at: new Date().toISOString(), payment_intent: intentJson('SUCCEEDED', session) });
      });
      const el = await mount();
      await waitForState(el, 'ready');
      el.confirmPayment = async () => {
        confirmations += 1;
        reads = 0; // the session reads that follow this confirmation
        return confirmations === 1 ? { paymentIntent: { id: intent.id, status: 'processing' } } : { status: 'succeeded' };
      };
      const errors: string[] = [];
      el.addEventListener('kohort-error', (event) => errors.push((event as KohortErrorEvent).detail.code));
      clickPay(el);
      await waitUntil(() => errors.length === 1, 'the first payment was never said declined');
      expect(errors).to.deep.equal(['payment_failed']);
      await el.updateComplete;
      clickPay(el);
      await oneEvent(el, 'kohort-success');
      expect(errors).to.deep.equal(['payment_failed']);
    });

    it('is refused by the server from a second tab, which then shows the first tab’s payment', async () => {
      const session = await createSandboxSession({ customerEmail: 'sam+slow@kohort.test' });
      const first = await mountOnSandbox(session.id);
      const second = await mountOnSandbox(session.id); // opened before the first tab paid
      await waitForState(first, 'ready');
      await waitForState(second, 'ready');
      clickPay(first);
      await whileSettling(first);
      clickPay(second);
      const [one, two] = (await Promise.all([oneEvent(first, 'kohort-success'), oneEvent(second, 'kohort-success')])) as KohortSuccessEvent[];
      expect(two!.detail.paymentIntentId).to.equal(one!.detail.paymentIntentId);
    });
  });

  describe('sent back to the page by the provider (Stripe’s return_url after a bank’s page), a new page load', () => {
    const address = location.href;
    /** The test page's address as Stripe's return_url makes it: its own query, and Stripe's. */
    const backFromProvider = (query: string) => history.replaceState(history.state, '', `${location.search}&${query}`);
    afterEach(() => history.replaceState(history.state, '', address));

    /** A payment handed to the provider, whose page the customer then left for (the widget's page unloads). */
    async function leftForTheBank(sessionId: string) {
      const first = await mountOnSandbox(sessionId);
      await waitForState(first, 'ready');
      let handed: PaymentIntentHandle | undefined;
      first.confirmPayment = (intent) => ((handed = intent), new Promise<never>(() => undefined));
      clickPay(first);
      await waitUntil(() => handed, 'no intent was handed to confirmPayment');
      first.remove();
      return handed!;
    }

    it('waits for KohortPay to hear of the payment, never offering Pay, when the provider says it succeeded', async () => {
      const session = await createSandboxSession();
      const handed = await leftForTheBank(session.id);
      const before = await intentsCreated();
      backFromProvider(`payment_intent=${handed.id}&payment_intent_client_secret=${handed.clientSecret}&redirect_status=succeeded`);

      const el = await mountOnSandbox(session.id);
      await waitForState(el, 'ready');
      // KohortPay has not heard of it yet: the session is open, its intent unpaid.
      await whileSettling(el);
      expect(payButton(el)!.getAttribute('aria-disabled')).to.equal('true');
      await expect(el).to.be.accessible();
      clickPay(el);

      setTimeout(() => void confirmOnSandbox(handed), 600); // the provider's word reaches KohortPay
      const success = (await oneEvent(el, 'kohort-success')) as KohortSuccessEvent;
      expect(success.detail.paymentIntentId).to.equal(handed.id);
      expect(await intentsCreated()).to.equal(before);
    });

    it('says the payment is not known yet, with Check again, when KohortPay never hears of it; Check again then gives Pay back', async () => {
      const session = sessionJson({ customer_email: 'lea@example.com' });
      stub = stubFetch(() => json({ ...session, payment_intent: intentJson('REQUIRES_PAYMENT_METHOD', session) }));
      backFromProvider('payment_intent=pi_0123456789abcd&redirect_status=processing');
      const el = await mount();
      await waitForState(el, 'ready');
      expect(payButton(el)!.getAttribute('aria-disabled')).to.equal('true');
      const unknown = (await oneEvent(el, 'kohort-error')) as KohortErrorEvent;
      expect(unknown.detail.code).to.equal('payment_unknown');
      // A stale address (a reload long after) never locks Pay for good: asked again, the order was not paid.
      setTimeout(() => $<HTMLButtonElement>(el, '[part~="check-again-button"]')!.click());
      const failed = (await oneEvent(el, 'kohort-error')) as KohortErrorEvent;
      expect(failed.detail).to.include({ code: 'payment_failed', retryable: true });
      await el.updateComplete;
      expect(payButton(el)!.hasAttribute('aria-disabled')).to.equal(false);
      expect(stub.requests.filter((request) => request.url.pathname === '/payment-intents')).to.have.length(0);
    });

    for (const [name, query, intent] of [
      ['the provider says it failed', 'payment_intent=pi_0123456789abcd&redirect_status=failed', true],
      ['the session has no payment intent', 'payment_intent=pi_0123456789abcd&redirect_status=succeeded', false],
    ] as const) {
      it(`offers Pay at once when ${name}`, async () => {
        const session = sessionJson({ customer_email: 'lea@example.com' });
        stub = stubFetch(() => json(intent ? { ...session, payment_intent: intentJson('REQUIRES_PAYMENT_METHOD', session) } : session));
        backFromProvider(query);
        const el = await mount();
        await waitForState(el, 'ready');
        await el.updateComplete;
        expect(payButton(el)!.hasAttribute('aria-disabled')).to.equal(false);
        await new Promise((resolve) => setTimeout(resolve, 400));
        expect(stub.requests).to.have.length(1); // the session, read once: nothing is waited for
      });
    }
  });

  describe('the element moves or leaves while paying', () => {
    it('goes on paying when the element is moved in the page', async () => {
      const session = await createSandboxSession({ customerEmail: 'sam+slow@kohort.test' });
      const el = await mountOnSandbox(session.id);
      await waitForState(el, 'ready');
      clickPay(el);
      await whileSettling(el);
      const elsewhere = await fixture(html`<section></section>`);
      elsewhere.append(el);
      await el.updateComplete;
      expect($(el, '[part~="message"] h2')).to.not.exist; // not "checking your payment"
      await oneEvent(el, 'kohort-success');
    });

    it('goes on paying when moved while the payment is being created', async () => {
      const session = await createSandboxSession();
      const el = await mountOnSandbox(session.id);
      await waitForState(el, 'ready');
      const before = await intentsCreated();
      const success = oneEvent(el, 'kohort-success');
      clickPay(el);
      document.body.append(el);
      await success;
      expect((await intentsCreated()) - before).to.equal(1);
      el.remove();
    });

    it('asks the server how the payment ended once put back on the page', async () => {
      // Forget the tasks earlier tests' widgets left waiting for answers that never come: allTasks() is this widget's.
      cleanTasks();
      const session = await createSandboxSession({ customerEmail: 'sam+slow@kohort.test' });
      const el = await mountOnSandbox(session.id);
      const parent = el.parentElement!;
      await waitForState(el, 'ready');
      const before = await intentsCreated();
      clickPay(el);
      await whileSettling(el);
      el.remove();
      // Really gone: the payment stops, and its task (the confirmation, the reads) ends.
      await allTasks();
      // The one intent Pay created: none while the element was away, none once it came back.
      expect((await intentsCreated()) - before, 'intents created once the element was gone').to.equal(1);
      const errors: KohortErrorEvent[] = [];
      el.addEventListener('kohort-error', (event) => errors.push(event));
      parent.append(el);
      await oneEvent(el, 'kohort-success');
      expect((await intentsCreated()) - before, 'intents created in all').to.equal(1);
      // Asked at once, it is being checked: never said "unknown" (payment_unknown) on coming back.
      expect(errors.map((event) => event.detail.code)).to.deep.equal([]);
    });

    /**
     * Pay pressed, the merchant's confirmPayment not answering yet (the customer in the provider's 3-D Secure window):
     * `confirmation` answers it; the session reads paid once `server.paid` is set.
     */
    async function confirming() {
      const session = sessionJson();
      const server = { paid: false };
      stub = stubFetch((request) => {
        if (request.url.pathname === '/payment-intents') return json({ ...intentJson('REQUIRES_PAYMENT_METHOD', session), client_secret: 'pi_secret_x' }, 201);
        return json(server.paid ? { ...session, status: 'COMPLETED', payment_intent: intentJson('SUCCEEDED', session) } : session);
      });
      const el = await mount();
      await waitForState(el, 'ready');
      const confirmation = deferred<ConfirmPaymentResult>();
      el.confirmPayment = () => confirmation.promise;
      clickPay(el);
      await waitUntil(() => text(el, '[part~="pay-button"]') === 'Paiement en cours…', 'never confirmed');
      return { el, parent: el.parentElement!, confirmation, server };
    }

    it('shows the order as paid once put back, when its payment succeeded while the element was away', async () => {
      const { el, parent, confirmation, server } = await confirming();
      const successes: KohortSuccessEvent[] = [];
      el.addEventListener('kohort-success', (event) => successes.push(event));
      el.remove();
      server.paid = true;
      confirmation.resolve({ status: 'succeeded' });
      await new Promise((resolve) => setTimeout(resolve, 50));
      parent.append(el);
      await waitForState(el, 'completed');
      expect(successes.map((event) => event.detail.paymentIntentId)).to.deep.equal(['pi_0123456789abcd']);
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(successes, 'kohort-success fired again').to.have.length(1);
    });

    it('never says "did not go through" when put back while confirmPayment is still answering, and shows the order paid once it succeeds', async () => {
      const { el, parent, confirmation, server } = await confirming();
      const errors: string[] = [];
      el.addEventListener('kohort-error', (event) => errors.push((event as KohortErrorEvent).detail.code));
      el.remove();
      await new Promise((resolve) => setTimeout(resolve, 0));
      parent.append(el);
      // Put back, the widget reads the session: open, nothing under way yet, while the card is still being confirmed.
      const reads = () => stub!.requests.filter((request) => request.url.pathname.startsWith('/checkout-sessions/')).length;
      await waitUntil(() => errors.length > 0 || reads() >= 3, 'never read the session again');
      await el.updateComplete;
      expect(errors, 'told the page the payment failed while it was being confirmed').to.deep.equal([]);
      expect(payButton(el)?.hasAttribute('aria-disabled') ?? true, 'offered Pay while the card was being confirmed').to.equal(true);
      server.paid = true;
      confirmation.resolve({ status: 'succeeded' });
      await waitForState(el, 'completed');
      expect(errors).to.deep.equal([]);
    });

    it('can pay again after leaving the page before anything was created', async () => {
      const session = sessionJson();
      let answer: (() => void) | null = null;
      stub = stubFetch((request) =>
        request.url.pathname === '/payment-intents'
          ? new Promise<Response>((resolve) => (answer = () => resolve(json({}, 201))))
          : json(session),
      );
      const el = await mount();
      const parent = el.parentElement!;
      await waitForState(el, 'ready');
      clickPay(el);
      await waitUntil(() => answer, 'the payment was never created');
      el.remove();
      await new Promise((resolve) => setTimeout(resolve, 0));
      parent.append(el);
      await el.updateComplete;
      expect(payButton(el)!.hasAttribute('aria-disabled')).to.equal(false);
      expect($(el, '[part~="message"] h2')).to.not.exist;
      // And Pay pays: a second request to create the payment.
      const created = () => stub!.requests.filter((request) => request.url.pathname === '/payment-intents');
      clickPay(el);
      await waitUntil(() => created().length === 2, `Pay sent no new payment (${created().length} sent)`);
    });

    it('pays once put back, when Pay was pressed while the friend’s code was being checked and the code was accepted while the element was away', async () => {
      // Forget the tasks earlier tests' widgets left waiting for answers that never come: allTasks() is this widget's.
      cleanTasks();
      const session = sessionJson();
      const { payment_group_settings: settings, ...group } = groupJson();
      const checked = deferred<Response>();
      let paid = false;
      stub = stubFetch((request) => {
        if (request.url.pathname.endsWith('/validate')) return checked.promise;
        if (request.url.pathname === '/payment-intents') return json({ ...intentJson('REQUIRES_PAYMENT_METHOD', session), client_secret: 'pi_secret_x' }, 201);
        return json(paid ? { ...session, status: 'COMPLETED', payment_intent: intentJson('SUCCEEDED', session) } : session);
      });
      const el = await mount();
      const parent = el.parentElement!;
      await waitForState(el, 'ready');
      const groupsPaidWith: (string | null)[] = [];
      el.confirmPayment = async (_intent, context) => {
        groupsPaidWith.push(context.paymentGroupId);
        paid = true;
        return { status: 'succeeded' };
      };
      await applyFriendCode(el, PAID.code);
      clickPay(el);
      el.remove();
      checked.resolve(json({ ...group, ...settings, current_discount_level: settings!.discount_levels![0] }, 201));
      await allTasks();
      const intents = () => stub!.requests.filter((request) => request.url.pathname === '/payment-intents');
      expect(intents(), 'paid while away').to.have.length(0);
      const success = oneEvent(el, 'kohort-success') as Promise<KohortSuccessEvent>;
      parent.append(el);
      // The accepted code reaches the widget once it is back, and with it the payment Pay asked for, with the friend's group.
      await waitUntil(() => groupsPaidWith.length, 'the Pay pressed before leaving was lost', { timeout: 3000 });
      expect(groupsPaidWith).to.deep.equal([PAID.groupId]);
      expect((await success).detail.paymentIntentId).to.equal('pi_0123456789abcd');
      expect(intents()).to.have.length(1);
    });

    it('shows the session as expired once put back, when it ended while the payment was being created', async () => {
      // Time enough to load and press Pay on a busy machine before the end passes.
      const expiresAt = Date.now() + 1200;
      const session = sessionJson({ expires_at: new Date(expiresAt).toISOString() });
      let created = false;
      stub = stubFetch((request) => {
        if (request.url.pathname !== '/payment-intents') return json(session);
        created = true;
        return new Promise<Response>(() => undefined);
      });
      const el = await mount();
      const parent = el.parentElement!;
      await waitForState(el, 'ready');
      clickPay(el);
      await waitUntil(() => created && Date.now() > expiresAt, 'the payment was never created', { timeout: 3000 });
      el.remove();
      await new Promise((resolve) => setTimeout(resolve, 0));
      const expired: Event[] = [];
      el.addEventListener('kohort-expired', (event) => expired.push(event));
      parent.append(el);
      // Nothing is being paid any more: the session's end, passed on the page's clock, is shown at once.
      await waitUntil(() => expired.length > 0, 'the session was never shown as expired', { timeout: 2000 });
      expect(el.state).to.equal('expired');
    });
  });

  describe('the Idempotency-Key', () => {
    it('comes from the browser’s cryptographic random numbers where crypto.randomUUID is missing (a plain-http page)', async () => {
      // An order of its own: no key made for it earlier on this page.
      const session = sessionJson({ id: 'cs_plainhttp00001', customer_email: 'lea@example.com' });
      stub = stubFetch((request) =>
        request.url.pathname === '/payment-intents' ? json({ ...intentJson('REQUIRES_PAYMENT_METHOD', session), client_secret: 'pi_secret_x' }, 201) : json(session),
      );
      const el = await mount({ sessionId: session.id });
      await waitForState(el, 'ready');
      el.confirmPayment = async () => ({ status: 'failed' });
      const { random } = Math;
      // randomUUID exists only in secure contexts; Math.random can be predicted.
      Object.defineProperty(crypto, 'randomUUID', { value: undefined, configurable: true });
      Math.random = () => {
        throw new Error('Math.random made an Idempotency-Key');
      };
      try {
        const declined = oneEvent(el, 'kohort-error');
        clickPay(el);
        await declined;
      } finally {
        delete (crypto as { randomUUID?: unknown }).randomUUID;
        Math.random = random;
      }
      const keys = stub.requests.filter((request) => request.url.pathname === '/payment-intents').map((request) => request.headers.get('Idempotency-Key'));
      expect(keys).to.have.length(1);
      expect(keys[0]).to.match(/^kohort-checkout-\S{24,}$/);
    });
  });

  describe('two widgets of the same order on one page', () => {
    /** Two elements showing one new sandbox session, both ready. */
    async function twoReadyWidgetsOfOneOrder() {
      const session = await createSandboxSession();
      const widgets = [await mountOnSandbox(session.id), await mountOnSandbox(session.id)] as const;
      for (const el of widgets) await waitForState(el, 'ready');
      return widgets;
    }

    it('pay one payment intent between them, never two, when both are used', async () => {
      const [first, second] = await twoReadyWidgetsOfOneOrder();
      const handed: string[] = [];
      for (const el of [first, second]) {
        el.confirmPayment = async (intent) => {
          handed.push(intent.id);
          await confirmOnSandbox(intent);
          return { status: 'succeeded' };
        };
      }
      const successes = Promise.all([oneEvent(first, 'kohort-success'), oneEvent(second, 'kohort-success')]) as Promise<KohortSuccessEvent[]>;
      clickPay(first);
      clickPay(second);
      const [one, two] = await successes;
      expect(two!.detail.paymentIntentId).to.equal(one!.detail.paymentIntentId);
      // Each confirmation step was handed the one intent: a provider can charge it once.
      expect(handed).to.deep.equal([one!.detail.paymentIntentId, one!.detail.paymentIntentId]);
    });

    it('shows the order paid in the second, never declined, when its provider refuses to confirm the intent the first one paid', async () => {
      const [first, second] = await twoReadyWidgetsOfOneOrder();
      const charged = new Set<string>();
      // As Stripe does: an intent is charged once, and confirming it again is refused.
      for (const el of [first, second]) {
        el.confirmPayment = async (intent) => {
          if (charged.has(intent.id)) return { status: 'failed', message: 'This PaymentIntent has already succeeded.' };
          charged.add(intent.id);
          await confirmOnSandbox(intent);
          return { status: 'succeeded' };
        };
      }
      setTimeout(() => clickPay(first));
      const paid = (await oneEvent(first, 'kohort-success')) as KohortSuccessEvent;
      // The second still shows the form it loaded before: the customer pays there too.
      setTimeout(() => clickPay(second));
      const outcome = (await Promise.race([oneEvent(second, 'kohort-success'), oneEvent(second, 'kohort-error')])) as KohortSuccessEvent | KohortErrorEvent;
      expect(outcome.type).to.equal('kohort-success', `told ${JSON.stringify(outcome.detail)}`);
      expect((outcome as KohortSuccessEvent).detail.paymentIntentId).to.equal(paid.detail.paymentIntentId);
      await second.updateComplete;
      expect(second.state).to.equal('completed');
    });
  });

  describe('another session', () => {
    it('forgets the paid session’s payment when session-id changes', async () => {
      const paid = await createSandboxSession();
      const next = await createSandboxSession();
      const el = await mountOnSandbox(paid.id);
      await waitForState(el, 'ready');
      setTimeout(() => clickPay(el));
      await oneEvent(el, 'kohort-success');
      el.sessionId = next.id;
      await waitForState(el, 'ready');
      setTimeout(() => clickPay(el));
      const success = (await oneEvent(el, 'kohort-success')) as KohortSuccessEvent;
      expect(success.detail.sessionId).to.equal(next.id);
    });
  });

  describe('a payment the provider accepted that KohortPay has not heard of when the session ends', () => {
    settleQuickly([0, 10]);

    /** A widget on `session` whose provider says the payment succeeded once `accepted` resolves; the API never hears of it. */
    async function payAccepted(session: CheckoutSession, answerAfter: () => CheckoutSession, accepted: () => Promise<unknown> = async () => undefined) {
      let confirmed = false;
      stub = stubFetch((request) => {
        if (request.method === 'POST') return json({ ...intentJson('REQUIRES_PAYMENT_METHOD', session), client_secret: 'pi_0123456789abcd_secret_x' }, 201);
        return json(confirmed ? answerAfter() : session);
      });
      const el = await mount();
      await waitForState(el, 'ready');
      el.confirmPayment = async () => {
        await accepted();
        confirmed = true;
        return { status: 'succeeded' };
      };
      const seen: string[] = [];
      el.addEventListener('kohort-expired', () => seen.push('kohort-expired'));
      el.addEventListener('kohort-error', (event) => seen.push((event as KohortErrorEvent).detail.code));
      clickPay(el);
      await waitUntil(() => seen.length > 0, 'no outcome', { timeout: 4000 });
      await el.updateComplete;
      return { el, seen };
    }

    /** Still "being checked", with Check again: never "expired, start your order again", never Pay. */
    function expectBeingChecked(el: KohortCheckout) {
      expect(el.state).to.equal('ready');
      expect(text(el, '[part~="message"] h2')).to.equal('Paiement en cours de vérification');
      expect($(el, '[part~="check-again-button"]')).to.exist;
      expect(payButton(el)).to.not.exist;
      expect($<HTMLInputElement>(el, '#email')!.readOnly, 'the e-mail the payment was made with stays as it was').to.equal(true);
    }

    it('stays being checked when the API says the session EXPIRED, also when asked again', async () => {
      const session = sessionJson({ customer_email: 'lea@example.com' });
      const { el, seen } = await payAccepted(session, () => ({ ...session, status: 'EXPIRED', payment_intent: intentJson('REQUIRES_PAYMENT_METHOD', session) }));
      expect(seen).to.deep.equal(['payment_unknown']);
      expectBeingChecked(el);
      setTimeout(() => $<HTMLButtonElement>(el, '[part~="check-again-button"]')!.click());
      await oneEvent(el, 'kohort-error');
      await el.updateComplete;
      expect(seen).to.deep.equal(['payment_unknown', 'payment_unknown']);
      expectBeingChecked(el);
    });

    it('asks again when the page comes back from the back/forward cache (the bank’s app, then Back), and shows the order paid', async () => {
      const session = sessionJson({ customer_email: 'lea@example.com' });
      let heard = false;
      const { el, seen } = await payAccepted(session, () =>
        heard
          ? { ...session, status: 'COMPLETED', completed_at: new Date().toISOString(), payment_intent: intentJson('SUCCEEDED', session) }
          : { ...session, status: 'EXPIRED', payment_intent: intentJson('REQUIRES_PAYMENT_METHOD', session) },
      );
      expect(seen).to.deep.equal(['payment_unknown']);
      expectBeingChecked(el);
      // KohortPay has heard of the payment by the time the customer is back.
      heard = true;
      const success = oneEvent(el, 'kohort-success') as Promise<KohortSuccessEvent>;
      window.dispatchEvent(new PageTransitionEvent('pageshow', { persisted: true }));
      expect((await success).detail.paymentIntentId).to.equal('pi_0123456789abcd');
      await waitForState(el, 'completed');
      expect(seen).to.deep.equal(['payment_unknown']);
    });

    it('stays being checked when the session’s end passes on the page’s clock', async () => {
      const expiresAt = Date.now() + 1500;
      const session = sessionJson({ customer_email: 'lea@example.com', expires_at: new Date(expiresAt).toISOString() });
      // The provider answers once the session's end has passed; the API still says OPEN, with nothing under way.
      const { el, seen } = await payAccepted(session, () => session, () => waitUntil(() => Date.now() > expiresAt, '', { timeout: 4000 }));
      expect(seen).to.deep.equal(['payment_unknown']);
      // The expiry timer, held while paying, looks again a second later: past that, still being checked.
      await waitUntil(() => Date.now() > expiresAt + 2000, '', { timeout: 4000 });
      await el.updateComplete;
      expect(seen).to.deep.equal(['payment_unknown']);
      expectBeingChecked(el);
    });
  });

  describe('the page changes session-id while the customer pays', () => {
    it('reports the payment it stops following (kohort-error payment_unknown), then shows the new session', async () => {
      const session = await createSandboxSession({ customerEmail: 'sam+slow@kohort.test' });
      const next = await createSandboxSession();
      const el = await mountOnSandbox(session.id);
      await waitForState(el, 'ready');
      clickPay(el);
      await whileSettling(el);
      const events: string[] = [];
      el.addEventListener('kohort-error', (event) => {
        const { code, sessionId } = (event as KohortErrorEvent).detail;
        events.push(`${code} ${sessionId}`);
      });
      const ready = oneEvent(el, 'kohort-ready') as Promise<KohortReadyEvent>;
      el.sessionId = next.id;
      expect((await ready).detail.session.id).to.equal(next.id);
      // The card may have been charged for the first order: the page is told which, never left unaware.
      expect(events).to.deep.equal([`payment_unknown ${session.id}`]);
      await el.updateComplete;
      expect(text(el, '[part~="announcer"]')).to.equal('');
      expect(payButton(el)!.hasAttribute('aria-disabled')).to.equal(false);
    });
    it('follows the payment under way, never offering Pay over it, when the page changes publishable-key and the same session loads again', async () => {
      const session = sessionJson();
      let confirming = false;
      let paid = false;
      stub = stubFetch((request) => {
        if (request.url.pathname === '/payment-intents') return json({ ...intentJson('REQUIRES_PAYMENT_METHOD', session), client_secret: 'pi_secret_x' }, 201);
        if (paid) return json({ ...session, status: 'COMPLETED', payment_intent: intentJson('SUCCEEDED', session) });
        return json(confirming ? { ...session, payment_intent: intentJson('PROCESSING', session) } : session);
      });
      const el = await mount();
      await waitForState(el, 'ready');
      el.confirmPayment = () => {
        confirming = true;
        return new Promise<ConfirmPaymentResult>(() => undefined); // the provider's page, still open
      };
      clickPay(el);
      await waitUntil(() => confirming, 'never confirmed');
      const errors: string[] = [];
      el.addEventListener('kohort-error', (event) => errors.push((event as KohortErrorEvent).detail.code));
      const ready = oneEvent(el, 'kohort-ready');
      el.publishableKey = 'pk_test_widgettests0000000000000001';
      await ready;
      await el.updateComplete;
      expect(errors).to.deep.equal(['payment_unknown']);
      // The session read again has this payment under way: it is followed, as on a page loaded afresh.
      expect(payButton(el)!.getAttribute('aria-disabled'), 'Pay offered over the payment under way').to.equal('true');
      const success = oneEvent(el, 'kohort-success') as Promise<KohortSuccessEvent>;
      paid = true;
      expect((await success).detail.paymentIntentId).to.equal('pi_0123456789abcd');
      expect(stub.requests.filter((request) => request.url.pathname === '/payment-intents')).to.have.length(1);
    });

    it('goes on paying, reporting nothing, when the page sets publishable-key and api-base again to the same values with spaces around them', async () => {
      const session = sessionJson();
      let answer: ((result: ConfirmPaymentResult) => void) | undefined;
      stub = stubFetch((request) =>
        request.url.pathname === '/payment-intents'
          ? json({ ...intentJson('REQUIRES_PAYMENT_METHOD', session), client_secret: 'pi_secret_x' }, 201)
          : json(answer ? { ...session, status: 'COMPLETED', payment_intent: intentJson('SUCCEEDED', session) } : session),
      );
      const el = await mount();
      await waitForState(el, 'ready');
      el.confirmPayment = () => new Promise((resolve) => (answer = resolve));
      clickPay(el);
      await waitUntil(() => answer, 'never confirmed');
      const errors: string[] = [];
      el.addEventListener('kohort-error', (event) => errors.push((event as KohortErrorEvent).detail.code));
      const reads = stub.requests.length;
      // As a template that renders an environment variable's value, newline included.
      el.publishableKey = ` ${el.publishableKey}\n`;
      el.apiBase = `${el.apiBase ?? ''} `;
      await el.updateComplete;
      expect(stub.requests.length, 'the session was read again').to.equal(reads);
      const success = oneEvent(el, 'kohort-success') as Promise<KohortSuccessEvent>;
      answer!({ status: 'succeeded' });
      expect((await success).detail.sessionId).to.equal(session.id);
      expect(errors).to.deep.equal([]);
    });

    it('does not take the success its confirmPayment answers late, for the order it stopped following, as the next order’s', async () => {
      PAYMENT_TIMING.settleDelaysMs = [0, 50, 50];
      const first = sessionJson({ id: 'cs_aaaaaaaaaaaaaa', customer_email: 'lea@example.com' });
      const next = sessionJson({ id: 'cs_bbbbbbbbbbbbbb', customer_email: 'lea@example.com' });
      stub = stubFetch((request) =>
        request.url.pathname === '/payment-intents'
          ? json({ ...intentJson('REQUIRES_PAYMENT_METHOD', first), client_secret: 'pi_0123456789abcd_secret_x' }, 201)
          : json(request.url.pathname.endsWith(next.id) ? next : first),
      );
      const el = await mount({ sessionId: first.id });
      await waitForState(el, 'ready');
      let answerFirst: ((result: { status: 'succeeded' }) => void) | undefined;
      el.confirmPayment = (_intent, { sessionId }) => {
        if (sessionId === first.id) return new Promise((resolve) => (answerFirst = resolve));
        throw new Error('stripe.js failed to load');
      };
      clickPay(el);
      await waitUntil(() => answerFirst, 'the first order was never handed to confirmPayment');
      const ready = oneEvent(el, 'kohort-ready');
      el.sessionId = next.id;
      await ready;
      // The provider answers for the first order once the widget has moved on to the next one.
      answerFirst!({ status: 'succeeded' });
      await Promise.resolve();
      const seen: string[] = [];
      el.addEventListener('kohort-error', (event) => seen.push((event as KohortErrorEvent).detail.code));
      const originalError = console.error;
      console.error = () => undefined;
      try {
        clickPay(el);
        await waitUntil(() => seen.length === 1, 'the next order’s payment never ended');
        expect(seen).to.deep.equal(['payment_unknown']);
        // Asked again, the next order's session is open with nothing under way: it was not paid.
        $<HTMLButtonElement>(el, '[part~="check-again-button"]')!.click();
        await waitUntil(() => seen.length === 2, 'Check again never ended');
        expect(seen).to.deep.equal(['payment_unknown', 'payment_failed']);
        await el.updateComplete;
        expect(payButton(el)).to.exist;
      } finally {
        console.error = originalError;
      }
    });
  });

  describe('what the server refuses when paying', () => {
    it('pays with a new intent when the one it was retrying was canceled meanwhile', async () => {
      const session = sessionJson({ customer_email: 'lea@example.com' });
      const keys: string[] = [];
      let confirmations = 0;
      let paid: PaymentIntent | null = null;
      stub = stubFetch((request) => {
        const path = request.url.pathname;
        if (path === '/payment-intents') {
          const key = request.headers.get('Idempotency-Key')!;
          keys.push(key);
          // The same key replays the first answer, as an idempotent API does.
          const id = key === keys[0] ? 'pi_0000000000000a' : 'pi_0000000000000b';
          return json({ ...intentJson('REQUIRES_PAYMENT_METHOD', session), id, client_secret: `${id}_secret_x` }, 201);
        }
        if (path.endsWith('/confirm')) {
          confirmations += 1;
          if (path.includes('pi_0000000000000a')) {
            // Declined, then the merchant cancels that intent.
            return confirmations === 1 ? apiError(402, 'Payment Required', 'Your card was declined.') : apiError(400, 'WRONG_STATUS', 'This payment intent was canceled.');
          }
          paid = { ...intentJson('SUCCEEDED', session), id: 'pi_0000000000000b' };
          return json(paid);
        }
        return json(paid ? { ...session, status: 'COMPLETED', completed_at: new Date().toISOString(), payment_intent: paid } : session);
      });
      const el = await mount();
      await waitForState(el, 'ready');
      for (const expected of ['declined', 'refused']) {
        const failed = oneEvent(el, 'kohort-error');
        clickPay(el);
        expect(((await failed) as KohortErrorEvent).detail.code, expected).to.equal('payment_failed');
        await el.updateComplete;
      }
      const success = oneEvent(el, 'kohort-success');
      clickPay(el);
      expect(((await success) as KohortSuccessEvent).detail.paymentIntentId).to.equal('pi_0000000000000b');
      expect(keys).to.have.length(3);
      expect(keys[1]).to.equal(keys[0]);
      expect(keys[2]).to.not.equal(keys[0]);
    });

    it('says why a friend’s group refused the payment at the last moment, then pays without the code', async () => {
      // A group of the customer's friend: the friend paid, and shares the code.
      const friendSession = await createSandboxSession();
      const friend = await mountOnSandbox(friendSession.id);
      await waitForState(friend, 'ready');
      setTimeout(() => clickPay(friend));
      const { detail } = (await oneEvent(friend, 'kohort-success')) as KohortSuccessEvent;
      friend.remove();

      const session = await createSandboxSession();
      const el = await mountOnSandbox(session.id);
      await waitForState(el, 'ready');
      await applyFriendCode(el, detail.group!.share_id);
      await waitUntil(() => $(el, '[part~="code-accepted"]'), 'the code was never accepted');
      // Meanwhile the group fills up.
      await fetch(`${sandbox.url}/sandbox/payment-groups/${detail.group!.id}/participants`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${sandbox.publishableKey}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ count: 50 }),
      });

      setTimeout(() => clickPay(el));
      const error = (await oneEvent(el, 'kohort-error')) as KohortErrorEvent;
      expect(error.detail.retryable).to.equal(true);
      await el.updateComplete;
      // The words the customer reads, not the event's message (both come from one place): the group is full, not over.
      const full = 'Ce groupe est complet\u00a0: il a atteint son nombre maximum de participants.';
      expect(text(el, '#code-error')).to.equal(full);
      expect(error.detail.message).to.equal(full);
      expect($(el, '[part~="payment-error"]')).to.not.exist;
      await waitForFocus(el, '#code', 'the code');
      await expect(el).to.be.accessible();

      await typeInto(el, '#code', '');
      setTimeout(() => clickPay(el));
      const success = (await oneEvent(el, 'kohort-success')) as KohortSuccessEvent;
      expect(success.detail.group!.id).to.not.equal(detail.group!.id);
    });

    it('tells a blocked customer to contact the shop, and not to try again', async () => {
      const session = await createSandboxSession({ customerEmail: 'bob+blocked@kohort.test' });
      const el = await mountOnSandbox(session.id);
      await waitForState(el, 'ready');
      const before = await intentsCreated();
      setTimeout(() => clickPay(el));
      const error = (await oneEvent(el, 'kohort-error')) as KohortErrorEvent;
      expect(error.detail).to.include({ code: 'request_failed', status: 400, retryable: false, message: 'KohortPay ne peut pas accepter ce paiement. Contactez la boutique.' });
      await el.updateComplete;
      expect(text(el, '[part~="payment-error"]')).to.equal(error.detail.message);
      expect((await intentsCreated()) - before).to.be.at.most(1);
    });

    /** A blocked customer's order, after Pay was refused. */
    async function refusedAsBlocked() {
      const session = await createSandboxSession({ customerEmail: 'bob+blocked@kohort.test' });
      const el = await mountOnSandbox(session.id);
      await waitForState(el, 'ready');
      setTimeout(() => clickPay(el));
      await oneEvent(el, 'kohort-error');
      await el.updateComplete;
      return el;
    }

    it('offers no Pay to a blocked customer, until another e-mail is typed', async () => {
      const el = await refusedAsBlocked();
      expect(payButton(el)!.getAttribute('aria-disabled')).to.equal('true');
      clickPay(el); // a payment would start at once, its message giving way to "processing"
      await el.updateComplete;
      expect(payButton(el)!.getAttribute('aria-busy')).to.equal('false');
      expect($(el, '[part~="payment-error"]')).to.exist;
      await expect(el).to.be.accessible();

      await typeInto(el, '#email', 'bob@kohort.test');
      expect(payButton(el)!.hasAttribute('aria-disabled')).to.equal(false);
    });

    it('keeps a blocked customer\'s Pay locked, and the reason shown, while a friend\'s code is typed', async () => {
      const el = await refusedAsBlocked();
      $<HTMLButtonElement>(el, '[part~="code-toggle"]')!.click();
      await el.updateComplete;
      await typeInto(el, '#code', 'KHT-');
      expect(payButton(el)!.getAttribute('aria-disabled')).to.equal('true');
      expect($(el, '[part~="payment-error"]')).to.exist;
    });
  });

  describe('a retry that finds the order’s money already moving', () => {
    for (const status of ['REQUIRES_CAPTURE', 'CASHBACK_AVAILABLE'] as const) {
      it(`settles an intent answered ${status}, never hands it to confirmPayment again`, async () => {
        const session = sessionJson({ customer_email: 'lea@example.com' });
        const paid = intentJson(status, session);
        let created = false;
        stub = stubFetch((request) => {
          if (request.url.pathname === '/payment-intents') {
            created = true;
            return json({ ...paid, client_secret: 'pi_secret_x' }, 201);
          }
          return json(created ? { ...session, status: 'COMPLETED', completed_at: new Date().toISOString(), payment_intent: paid } : session);
        });
        const { el, handed } = await mountReadyToConfirm();
        const success = oneEvent(el, 'kohort-success');
        clickPay(el);
        expect(((await success) as KohortSuccessEvent).detail.paymentIntentId).to.equal(paid.id);
        expect(handed).to.deep.equal([]);
      });
    }
  });

  describe('an answer garbled on the way', () => {
    it('settles a confirmation whose answer is unreadable by reading the session, never confirming again', async () => {
      const session = sessionJson({ customer_email: 'lea@example.com' });
      let confirmations = 0;
      let paid: PaymentIntent | null = null;
      stub = stubFetch((request) => {
        const path = request.url.pathname;
        if (path === '/payment-intents') return json({ ...intentJson('REQUIRES_PAYMENT_METHOD', session), client_secret: 'pi_secret_x' }, 201);
        if (path.endsWith('/confirm')) {
          confirmations += 1;
          // The card is charged, but the answer arrives without its status (a proxy in the way).
          paid = intentJson('SUCCEEDED', session);
          return json({ id: paid.id });
        }
        return json(paid ? { ...session, status: 'COMPLETED', completed_at: new Date().toISOString(), payment_intent: paid } : session);
      });
      const el = await mount();
      await waitForState(el, 'ready');
      const errors: string[] = [];
      el.addEventListener('kohort-error', (event) => errors.push((event as KohortErrorEvent).detail.code));
      const success = oneEvent(el, 'kohort-success');
      clickPay(el);
      expect(((await success) as KohortSuccessEvent).detail.paymentIntentId).to.equal('pi_0123456789abcd');
      expect(confirmations).to.equal(1);
      expect(errors).to.deep.equal([]);
    });
  });

  describe('a payment intent that is not the order’s', () => {
    for (const [name, answer] of [
      ['without its currency', { currency: undefined }],
      ['in another currency', { currency: 'EUR' }],
      ['for another amount', { currency: 'USD', amount: 100 }],
      ['without its client secret', { currency: 'USD', client_secret: undefined }],
      ['with an empty client secret', { currency: 'USD', client_secret: '' }],
    ] as const) {
      it(`is never handed to confirmPayment when it comes ${name}: the answer is unreadable, nothing is charged`, async () => {
        const session = sessionJson({ currency: 'USD', customer_email: 'lea@example.com' });
        stub = stubFetch((request) =>
          request.url.pathname === '/payment-intents' ? json({ ...intentJson('REQUIRES_PAYMENT_METHOD', session), client_secret: 'pi_secret_x', ...answer }, 201) : json(session),
        );
        const { el, handed } = await mountReadyToConfirm();
        const failed = oneEvent(el, 'kohort-error') as Promise<KohortErrorEvent>;
        clickPay(el);
        const { detail } = await failed;
        expect(detail).to.include({ code: 'invalid_response', retryable: true });
        await el.updateComplete;
        // The words the customer reads (nothing was charged; try again), not the event's message, which comes from the same place.
        const unreadable = 'La réponse de KohortPay est incomplète ou illisible. Réessayez\u202f; si le problème persiste, contactez la boutique.';
        expect(text(el, '[part~="payment-error"]')).to.equal(unreadable);
        expect(detail.message).to.equal(unreadable);
        expect(handed).to.deep.equal([]);
      });
    }
  });

  describe('test keys against KohortPay’s own API', () => {
    it('send the customer to the hosted checkout, since the test provider exists only in the sandbox', async () => {
      const session = sessionJson();
      stub = stubFetch((request) =>
        request.url.pathname === '/payment-intents'
          ? json({ ...intentJson('REQUIRES_PAYMENT_METHOD', session), client_secret: 'pi_0123456789abcd_secret_x' }, 201)
          : json(session),
      );
      const el = await mount({ apiBase: 'https://api.kohortpay.com' });
      await waitForState(el, 'ready');
      expect($(el, '.test-hint')).to.not.exist;
      const visited = recordNavigation(el);
      clickPay(el);
      await waitUntil(() => visited.length === 1, 'never went to the hosted checkout');
      expect(visited).to.deep.equal([session.url]);
      expect(stub.requests.some((request) => request.url.pathname.startsWith('/sandbox/'))).to.equal(false);
    });
  });
});
