import { expect, oneEvent, waitUntil } from '@open-wc/testing';
import { allTasks, cleanTasks } from 'nanostores';
import type { KohortCheckout, KohortErrorEvent, KohortReadyEvent, KohortSuccessEvent } from '../../src/kohort-checkout.js';
import type { CheckoutSession } from '../../src/api/types.js';
import { PAYMENT_TIMING, type ConfirmPaymentResult, type PaymentIntentHandle } from '../../src/stores/payment.js';
import { NETWORK_POLICY } from '../../src/api/client.js';
import {
  apiError,
  confirmOnSandbox,
  createSandboxSession,
  eur,
  json,
  mount,
  mountOnSandbox,
  sandbox,
  sandboxRequests,
  sessionJson,
  settleQuickly,
  shadow,
  stubFetch,
  text,
  waitForState,
  typeInto,
  clickPay,
  deferred,
  recordNavigation,
  applyFriendCode,
  groupJson,
  holdWidgetClock,
  type RecordedRequest,
  expectSameNode,
  waitForFocus,
  recordConsole,
} from './helpers.js';

/** The file whose timer calls the session expired, as `holdWidgetClock()` names it. */
const SESSION_STORE = 'stores/session.ts';
/** The element's own file: its timer offers Pay again when the hosted checkout never came. */
const ELEMENT = 'kohort-checkout.component.ts';

const $ = <T extends Element = HTMLElement>(el: KohortCheckout, selector: string) => shadow(el).querySelector<T>(selector);

/** The session as the sandbox has it now, with its payment intent. */
async function sandboxSession(id: string): Promise<CheckoutSession> {
  const response = await fetch(`${sandbox.url}/checkout-sessions/${id}?expand[]=payment_intent`, { headers: { Authorization: `Bearer ${sandbox.publishableKey}` } });
  return (await response.json()) as CheckoutSession;
}

/** Pay is pressed and the provider's decline is shown: `payment_failed` with `message`, the same words on screen, and Pay offered again. */
async function expectDeclineOnPay(el: KohortCheckout, message: string): Promise<void> {
  setTimeout(() => clickPay(el));
  const error = (await oneEvent(el, 'kohort-error')) as KohortErrorEvent;
  expect(error.detail).to.include({ code: 'payment_failed', message, retryable: true });
  await el.updateComplete;
  expect(text(el, '[part~="payment-error"]')).to.equal(message);
  expect($(el, '[part~="pay-button"]')).to.exist;
}

/** A sandbox session opened from an invite link: `share-code` set as the element comes, the form shown. */
async function readyWithInvite(code: string, session: Record<string, unknown> = {}): Promise<KohortCheckout> {
  const el = await mountOnSandbox((await createSandboxSession(session)).id);
  el.shareCode = code;
  await waitForState(el, 'ready');
  return el;
}

/** A sandbox session's form with a friend's code typed by the customer, not yet checked. */
async function readyWithCodeTyped(code: string): Promise<KohortCheckout> {
  const el = await mountOnSandbox((await createSandboxSession()).id);
  await waitForState(el, 'ready');
  $<HTMLButtonElement>(el, '[part~="code-toggle"]')!.click();
  await el.updateComplete;
  await typeInto(el, '#code', code);
  return el;
}

/** Pays, and gives the code of the group the payment joined (`kohort-success`). */
async function payForGroupCode(el: KohortCheckout): Promise<string | undefined> {
  setTimeout(() => clickPay(el));
  const success = (await oneEvent(el, 'kohort-success')) as KohortSuccessEvent;
  return success.detail.group?.share_id;
}




describe('paying', () => {
  settleQuickly([0, 100, 200, 300, 400, 500, 600]);
  let stub: ReturnType<typeof stubFetch> | undefined;
  afterEach(() => {
    stub?.restore();
    stub = undefined;
  });

  describe('the form', () => {
    it('prefills the e-mail and shows the amount on the Pay button', async () => {
      stub = stubFetch(() => json(sessionJson()));
      const el = await mount();
      await waitForState(el, 'ready');
      expect($<HTMLInputElement>(el, '#email')!.value).to.equal('marie@example.com');
      expect(text(el, '[part~="pay-button"]')).to.equal(`Payer ${eur(7430)}`);
      expect(text(el, '[part~="code-toggle"]')).to.equal('Vous avez un code d’un ami\u202f?');
      await expect(el).to.be.accessible();
    });

    it('lets the browser fill in the e-mail and show its e-mail keyboard, and names each field by its label', async () => {
      stub = stubFetch(() => json(sessionJson({ customer_email: null })));
      const el = await mount();
      await waitForState(el, 'ready');
      const email = $<HTMLInputElement>(el, '#email')!;
      expect([email.type, email.autocomplete, email.inputMode]).to.deep.equal(['email', 'email', 'email']);
      expect([...email.labels!].map((label) => label.textContent!.trim())).to.deep.equal(['Adresse e-mail']);
      $(el, '[part~="code-toggle"]')!.click();
      await el.updateComplete;
      const code = $<HTMLInputElement>(el, '#code')!;
      expect(code.autocomplete, 'the browser offers e-mails or card numbers as a code').to.equal('off');
      expect([...code.labels!].map((label) => label.textContent!.trim())).to.deep.equal(['Code de votre ami']);
    });

    it('requires an e-mail before paying, with a message tied to the field', async () => {
      stub = stubFetch(() => json(sessionJson({ customer_email: null })));
      const el = await mount();
      await waitForState(el, 'ready');
      clickPay(el);
      await el.updateComplete;
      const input = $<HTMLInputElement>(el, '#email')!;
      expect(input.getAttribute('aria-invalid')).to.equal('true');
      expect(input.getAttribute('aria-describedby')).to.equal('email-error');
      expect(text(el, '#email-error')).to.equal('Saisissez votre adresse e-mail.');
      expectSameNode(shadow(el).activeElement, input);
      expect(stub.requests.filter((r) => r.method === 'POST')).to.have.length(0);
      await expect(el).to.be.accessible();
    });

    it('refuses an e-mail that is not an address', async () => {
      stub = stubFetch(() => json(sessionJson({ customer_email: null })));
      const el = await mount({ locale: 'en' });
      await waitForState(el, 'ready');
      for (const typed of ['marie@', 'marie@example.com.', 'marie@example..com', 'marie@.example.com']) {
        await typeInto(el, '#email', typed);
        clickPay(el);
        await el.updateComplete;
        expect(text(el, '#email-error'), typed).to.match(/^This email address is not valid/);
      }
      expect(stub.requests.filter((r) => r.method === 'POST')).to.have.length(0);
    });
  });

  describe('the friend’s-code field left empty', () => {
    it('checks nothing and says nothing when Apply is pressed with only spaces in it', async () => {
      stub = stubFetch(() => json(sessionJson()));
      const el = await mount();
      await waitForState(el, 'ready');
      await applyFriendCode(el, '   ');
      await allTasks();
      await el.updateComplete;
      expect(stub.requests.map((request) => request.url.pathname)).to.deep.equal(['/checkout-sessions/cs_0123456789abcd']);
      expect($(el, '#code-error')).to.not.exist;
      expect($(el, '#code')!.getAttribute('aria-invalid')).to.not.equal('true');
    });
  });

  describe('a friend’s code changed while it is being checked', () => {
    it('cancels the check as the customer types, and never shows its late answer', async () => {
      const { payment_group_settings: settings, ...group } = groupJson();
      const answer = deferred<Response>();
      stub = stubFetch((request) => (request.url.pathname.endsWith('/validate') ? answer.promise : json(sessionJson())));
      const el = await mount();
      await waitForState(el, 'ready');
      await applyFriendCode(el, group.share_id);
      const check = stub.requests.find((request) => request.url.pathname.endsWith('/validate'))!;
      expect(check.signal!.aborted).to.equal(false);
      await typeInto(el, '#code', `${group.share_id}X`);
      expect(check.signal!.aborted, 'the check is cancelled').to.equal(true);
      answer.resolve(json({ ...group, ...settings, current_discount_level: null }, 201));
      await allTasks();
      await el.updateComplete;
      expect($(el, '[part~="code-accepted"]')).to.not.exist;
      expect($<HTMLInputElement>(el, '#code')!.value).to.equal(`${group.share_id}X`);
    });

    it('pays only when Pay is pressed again, after the code Pay was waiting for is refused and another is accepted', async () => {
      const { payment_group_settings: settings, ...group } = groupJson();
      const refusal = deferred<Response>();
      let checks = 0;
      stub = stubFetch((request) => {
        if (request.url.pathname.endsWith('/validate')) return (checks += 1) === 1 ? refusal.promise : json({ ...group, ...settings, current_discount_level: null }, 201);
        return json(sessionJson());
      });
      const el = await mount();
      await waitForState(el, 'ready');
      await applyFriendCode(el, 'KHT-test-FFFFFFFF');
      // Pay pressed while the code is checked: it pays once the code is accepted, not if it is refused.
      clickPay(el);
      refusal.resolve(apiError(404, 'NOT_FOUND', 'Payment group not found.'));
      await waitUntil(() => $(el, '#code-error'), 'the code was never refused');
      // The customer corrects the code and applies it: accepted, and nothing is paid until they press Pay.
      await typeInto(el, '#code', group.share_id);
      $<HTMLButtonElement>(el, '[part~="apply-code-button"]')!.click();
      await waitUntil(() => $(el, '[part~="code-accepted"]'), 'the corrected code was never accepted');
      await allTasks();
      await el.updateComplete;
      expect(stub.requests.filter((request) => request.url.pathname === '/payment-intents'), 'payments created').to.have.length(0);
      expect($(el, '[part~="pay-button"]')!.getAttribute('aria-disabled')).to.equal(null);
    });
  });

  describe('a session without the customer’s e-mail', () => {
    it('sends the e-mail the customer typed in kohort-success when the paid session comes back without one, and promises no confirmation to an address it does not know', async () => {
      const intent = { id: 'pi_0123456789abcd', amount: 7430, currency: 'EUR', status: 'REQUIRES_PAYMENT_METHOD', client_secret: 'pi_0123456789abcd_secret_x', checkout_session_id: 'cs_0123456789abcd' };
      let created = false;
      stub = stubFetch((request) => {
        if (request.url.pathname === '/payment-intents') {
          created = true;
          return json(intent, 201);
        }
        const paid = { status: 'COMPLETED', completed_at: new Date().toISOString(), payment_intent: { ...intent, status: 'SUCCEEDED' } } as const;
        return json(sessionJson({ customer_email: null, ...(created ? paid : {}) }));
      });
      const el = await mount();
      await waitForState(el, 'ready');
      el.confirmPayment = async () => ({ status: 'succeeded' });
      await typeInto(el, '#email', ' lea@example.com ');
      setTimeout(() => clickPay(el));
      const success = (await oneEvent(el, 'kohort-success')) as KohortSuccessEvent;
      expect(success.detail).to.include({ paymentIntentId: intent.id, customerEmail: 'lea@example.com' });
      await waitForState(el, 'completed');
      expect(text(el, '[part~="message"]')).to.not.match(/Confirmation envoyée|null|undefined/);
    });
  });

  describe('against the sandbox API', () => {
    it('pays, fires kohort-success with the intent, and shows the customer’s own group', async () => {
      const session = await createSandboxSession();
      const el = await mountOnSandbox(session.id);
      await waitForState(el, 'ready');
      setTimeout(() => clickPay(el));
      const success = (await oneEvent(el, 'kohort-success')) as KohortSuccessEvent;
      expect(success.detail).to.deep.include({
        sessionId: session.id,
        amountTotal: 8990,
        currency: 'EUR',
        customerEmail: session.customer_email,
      });
      expect(success.detail.paymentIntentId).to.match(/^pi_/);
      // The API's PaymentGroup, as kohort-group-change and the API give it (snake_case).
      expect(success.detail.group).to.include({ status: 'OPEN', livemode: false });
      expect(success.detail.group!.share_id).to.match(/^KHT-test-/);
      expect(Date.parse(success.detail.group!.expires_at)).to.be.greaterThan(Date.now());
      await waitForState(el, 'completed');
      await waitUntil(() => $(el, '[part~="share-code"]'), 'the group never showed');
      expect(text(el, '#outcome-heading')).to.equal('Paiement réussi');
      expectSameNode(shadow(el).activeElement, $(el, '#outcome-heading'));
      expect(text(el, '[part~="share-code"]')).to.equal(success.detail.group!.share_id);
      expect(text(el, '[part~="participants"]')).to.equal('1 sur 15 participants');
      expect(text(el, '[part~="next-tier"]')).to.equal(`Encore 1 ami → ${new Intl.NumberFormat('fr-FR', { style: 'percent' }).format(0.05)}`);
      await expect(el).to.be.accessible();
    });

    it('creates exactly one payment intent when Pay is clicked twice fast', async () => {
      const session = await createSandboxSession();
      const el = await mountOnSandbox(session.id);
      await waitForState(el, 'ready');
      const before = (await sandboxRequests({ method: 'POST', path: '/payment-intents' })).length;
      const button = $<HTMLButtonElement>(el, '[part~="pay-button"]')!;
      const success = oneEvent(el, 'kohort-success');
      button.click();
      button.click();
      $<HTMLFormElement>(el, 'form')!.requestSubmit();
      await success;
      const after = await sandboxRequests({ method: 'POST', path: '/payment-intents' });
      expect(after.length - before).to.equal(1);
    });

    it('shows a decline inline, reports payment_failed, and lets the customer pay again on the same session', async () => {
      const session = await createSandboxSession({ customerEmail: 'lea+decline@kohort.test' });
      const el = await mountOnSandbox(session.id);
      await waitForState(el, 'ready');
      setTimeout(() => clickPay(el));
      const error = (await oneEvent(el, 'kohort-error')) as KohortErrorEvent;
      expect(error.detail).to.include({ code: 'payment_failed', retryable: true });
      await el.updateComplete;
      expect(el.state).to.equal('ready');
      expect(text(el, '[part~="payment-error"]')).to.equal('Votre paiement a été refusé. Vérifiez vos informations, puis réessayez.');
      await waitForFocus(el, '[part~="payment-error"]', 'the error');
      await expect(el).to.be.accessible();

      await typeInto(el, '#email', 'lea@kohort.test');
      expect($(el, '[part~="payment-error"]')).to.not.exist;
      setTimeout(() => clickPay(el));
      const success = (await oneEvent(el, 'kohort-success')) as KohortSuccessEvent;
      expect(success.detail.sessionId).to.equal(session.id);
      expect(success.detail.customerEmail).to.equal('lea@kohort.test');
    });

    it('keeps a decline’s message, and the focus on it, when the browser comes back online: the network was not why', async () => {
      const session = await createSandboxSession({ customerEmail: 'lea+decline@kohort.test' });
      const el = await mountOnSandbox(session.id);
      await waitForState(el, 'ready');
      setTimeout(() => clickPay(el));
      await oneEvent(el, 'kohort-error');
      await waitForFocus(el, '[part~="payment-error"]', 'the error');
      // The phone's connection comes and goes while the customer reads why.
      window.dispatchEvent(new Event('online'));
      await el.updateComplete;
      expect(text(el, '[part~="payment-error"]')).to.equal('Votre paiement a été refusé. Vérifiez vos informations, puis réessayez.');
      await waitForFocus(el, '[part~="payment-error"]', 'the error, still');
    });

    it('confirms the same intent again when the customer retries unchanged', async () => {
      const session = await createSandboxSession({ customerEmail: 'lea+decline@kohort.test' });
      const el = await mountOnSandbox(session.id);
      await waitForState(el, 'ready');
      for (let attempt = 0; attempt < 2; attempt++) {
        const failed = oneEvent(el, 'kohort-error');
        clickPay(el);
        await failed;
        await el.updateComplete;
      }
      const posts = await sandboxRequests({ method: 'POST', path: '/payment-intents' });
      const [last, previous] = posts.slice(-2).reverse();
      expect(last!.idempotency_key).to.equal(previous!.idempotency_key);
    });

    it('waits for a slow payment to be confirmed by the server', async () => {
      const session = await createSandboxSession({ customerEmail: 'sam+slow@kohort.test' });
      PAYMENT_TIMING.settleDelaysMs = [0, 500, 1000, 1000, 1000, 1000];
      const el = await mountOnSandbox(session.id);
      await waitForState(el, 'ready');
      clickPay(el);
      await waitUntil(() => text(el, '[part~="pay-button"]') === 'Confirmation du paiement…', 'never showed the settling step', { timeout: 3000 });
      expect($<HTMLButtonElement>(el, '[part~="pay-button"]')!.getAttribute('aria-disabled')).to.equal('true');
      await expect(el).to.be.accessible();
      await oneEvent(el, 'kohort-success');
    });

    it('says a slow payment declined after processing was declined as soon as the server shows it, and lets the customer pay again', async () => {
      const session = await createSandboxSession({ customerEmail: undefined });
      // Waited for 4.5 s: the sandbox declines it after 3 s, while the widget still waits for the session to complete.
      PAYMENT_TIMING.settleDelaysMs = [0, 500, 1000, 1000, 1000, 1000];
      const el = await mountOnSandbox(session.id);
      await waitForState(el, 'ready');
      const seen: string[] = [];
      el.addEventListener('kohort-error', (event) => seen.push((event as KohortErrorEvent).detail.code));
      await typeInto(el, '#email', 'sam+slowdecline@kohort.test');
      clickPay(el);
      await waitUntil(() => seen.length === 1, 'the declined payment was never said', { timeout: 8000 });
      // KohortPay showed it processing, then not: a decline, not "not known yet".
      expect(seen).to.deep.equal(['payment_failed']);
      await el.updateComplete;
      expect(text(el, '[part~="payment-error"]')).to.equal('Votre paiement a été refusé. Vérifiez vos informations, puis réessayez.');
      expect($(el, '[part~="check-again-button"]')).to.equal(null);

      await typeInto(el, '#email', 'sam@kohort.test');
      clickPay(el);
      const success = (await oneEvent(el, 'kohort-success')) as KohortSuccessEvent;
      const paid = await sandboxSession(session.id);
      expect(paid.status).to.equal('COMPLETED');
      expect(paid.payment_intent?.id).to.equal(success.detail.paymentIntentId);
      expect(paid.payment_intent).to.include({ status: 'SUCCEEDED', amount_captured: session.amount_total, customer_email: 'sam@kohort.test' });
    });

    it('says declined on Check again, not "not known yet" again, when a payment its provider called processing was declined after the wait', async () => {
      const session = await createSandboxSession({ customerEmail: 'sam+slowdecline@kohort.test' });
      // Given up on after 0.5 s, while the sandbox still says PROCESSING (it declines after 3 s).
      PAYMENT_TIMING.settleDelaysMs = [0, 500];
      const el = await mountOnSandbox(session.id);
      await waitForState(el, 'ready');
      // As Stripe answers for a payment the bank settles later (a SEPA debit).
      el.confirmPayment = async (intent) => (await confirmOnSandbox(intent), { paymentIntent: { id: 'pi_3Pstripe000000', status: 'processing' } });
      const seen: string[] = [];
      el.addEventListener('kohort-error', (event) => seen.push((event as KohortErrorEvent).detail.code));
      clickPay(el);
      await waitUntil(() => seen.length === 1, 'the slow payment was never given up on', { timeout: 4000 });
      expect(seen).to.deep.equal(['payment_unknown']);
      await waitUntil(
        async () => (await sandboxSession(session.id)).payment_intent?.status === 'REQUIRES_PAYMENT_METHOD',
        'the sandbox never declined it',
        { timeout: 6000, interval: 250 },
      );
      $<HTMLButtonElement>(el, '[part~="check-again-button"]')!.click();
      await waitUntil(() => seen.length === 2, 'Check again never ended');
      // Before, the provider's "processing" made every Check again wait 25 s and end "not known yet" again.
      expect(seen).to.deep.equal(['payment_unknown', 'payment_failed']);
      await el.updateComplete;
      expect(text(el, '[part~="payment-error"]')).to.equal('Votre paiement a été refusé. Vérifiez vos informations, puis réessayez.');
      expect(($<HTMLButtonElement>(el, '[part~="pay-button"]')!).getAttribute('aria-disabled')).to.equal(null);
    });

    it('wraps a long e-mail without hyphens in the paid view of a 320 px wide widget', async () => {
      const email = `jeanbaptistedelacroix${Date.now()}@hotmail.com`;
      const session = await createSandboxSession({ customerEmail: email });
      const el = await mountOnSandbox(session.id);
      el.style.width = '320px';
      await waitForState(el, 'ready');
      setTimeout(() => clickPay(el));
      await oneEvent(el, 'kohort-success');
      await waitForState(el, 'completed');
      const card = $(el, '[part~="container"]')!;
      expect(text(el, '[part~="message"]')).to.contain(email);
      expect(card.scrollWidth).to.be.at.most(card.clientWidth);
      expect(el.getBoundingClientRect().width).to.equal(320);
    });

    it('joins a friend’s group with a code typed in any case, and shows the group and the cashback', async () => {
      const session = await createSandboxSession();
      const el = await mountOnSandbox(session.id);
      await waitForState(el, 'ready');
      $<HTMLButtonElement>(el, '[part~="code-toggle"]')!.click();
      await el.updateComplete;
      expectSameNode(shadow(el).activeElement, $(el, '#code'));
      await typeInto(el, '#code', '  kht-test-5eed0001 ');
      $<HTMLButtonElement>(el, '[part~="apply-code-button"]')!.click();
      await waitUntil(() => $(el, '[part~="code-accepted"]'), 'the code was never accepted');
      expect(text(el, '[part~="code-accepted"]')).to.contain('KHT-test-5EED0001');
      // The validate answer carries no creator unless asked, and the widget does not ask (see validateGroupCode).
      expect(text(el, '[part~="code-accepted"]')).to.contain('Vous rejoignez ce groupe');
      expect(text(el, '[part~="code-accepted"]')).to.match(/Cette commande vous rapporte .+ de cashback/);
      await expect(el).to.be.accessible();
      setTimeout(() => clickPay(el));
      const success = (await oneEvent(el, 'kohort-success')) as KohortSuccessEvent;
      expect(success.detail.group).to.include({ id: 'pg_5eed0000000001', share_id: 'KHT-test-5EED0001' });
    });

    it('accepts a pasted invite link and the share-code attribute', async () => {
      const session = await createSandboxSession();
      const el = await mountOnSandbox(session.id);
      el.shareCode = 'https://shop.example.com/?kohort=kht-test-5eed0001';
      await waitForState(el, 'ready');
      await waitUntil(() => $(el, '[part~="code-accepted"]'), 'the share-code was never checked');
      expect(text(el, '[part~="code-accepted"]')).to.contain('KHT-test-5EED0001');
    });

    it('prefills the share-code the page sets over the session’s own payment_group_share_id: the invite the customer followed wins', async () => {
      const el = await readyWithInvite('KHT-test-5EED0001', { paymentGroupShareId: 'KHT-test-5EED0007' });
      await waitUntil(() => $(el, '[part~="code-accepted"]'), 'the share-code was never checked');
      expect(text(el, '[part~="code-accepted"]')).to.contain('KHT-test-5EED0001');
    });

    it('moves the focus on Remove to the code field, which says why, when the code is refused for the new e-mail', async () => {
      const el = await readyWithInvite('KHT-test-5EED0007', { customerEmail: 'nouveau@kohort.test' });
      await waitUntil(() => $(el, '[part~="code-accepted"]'), 'the code was never accepted');
      // The customer gives the e-mail already in that group, and tabs on to Remove: the code is checked again.
      await typeInto(el, '#email', 'ami@kohort.test');
      $<HTMLButtonElement>(el, '[part~="remove-code-button"]')!.focus();
      await waitUntil(() => $(el, '#code-error'), 'the refusal was never shown');
      await el.updateComplete;
      expect(shadow(el).activeElement?.id, 'the focus fell to the page').to.equal('code');
      expect($(el, '#code')!.getAttribute('aria-describedby')).to.contain('code-error');
      expect(text(el, '#code-error')).to.equal('Cette adresse e-mail fait déjà partie de ce groupe.');
    });

    it('checks a share-code only once the e-mail is known', async () => {
      const el = await readyWithInvite('KHT-test-5EED0001', { customerEmail: undefined });
      await el.updateComplete;
      expect($<HTMLInputElement>(el, '#code')!.value).to.equal('KHT-test-5EED0001');
      expect($(el, '[part~="code-accepted"]')).to.not.exist;
      // Nothing is wrong yet: no "e-mail first" under the code, and the page's focus is not taken to the e-mail.
      expect($(el, '#code-error')).to.not.exist;
      expectSameNode(shadow(el).activeElement, null);
      await typeInto(el, '#email', 'nouveau@kohort.test');
      await waitUntil(() => $(el, '[part~="code-accepted"]'), 'the code was not checked once the e-mail was typed');
    });

    it('forgets the last session’s field errors when session-id changes', async () => {
      stub = stubFetch((request) => json(sessionJson({ id: request.url.pathname.split('/').pop()!, customer_email: null })));
      const el = await mount();
      await waitForState(el, 'ready');
      await applyFriendCode(el, 'KHT-test-5EED0001');
      clickPay(el);
      await el.updateComplete;
      expect(text(el, '#email-error')).to.equal('Saisissez votre adresse e-mail.');
      expect(text(el, '#code-error')).to.contain('Saisissez d’abord votre adresse e-mail');

      el.sessionId = 'cs_00000000000b2b';
      await el.updateComplete;
      await waitForState(el, 'ready');
      expect($(el, '#email-error')).to.not.exist;
      expect($(el, '#email')!.getAttribute('aria-invalid')).to.not.equal('true');
      $<HTMLButtonElement>(el, '[part~="code-toggle"]')?.click();
      await el.updateComplete;
      expect($(el, '#code-error')).to.not.exist;
    });

    it('says a code needs the e-mail first', async () => {
      const session = await createSandboxSession({ customerEmail: undefined });
      const el = await mountOnSandbox(session.id);
      await waitForState(el, 'ready');
      await applyFriendCode(el, 'KHT-test-5EED0001');
      expect(text(el, '#code-error')).to.equal('Saisissez d’abord votre adresse e-mail\u00a0: le code est vérifié pour elle.');
      expect($(el, '#code')!.getAttribute('aria-describedby')).to.contain('code-error');
      await waitForFocus(el, '#email', 'the e-mail');
      await waitUntil(() => text(el, '[part~="announcer"]') === 'Saisissez d’abord votre adresse e-mail\u00a0: le code est vérifié pour elle.', 'not announced');
    });

    it('removes an accepted code', async () => {
      const el = await readyWithInvite('KHT-test-5EED0001');
      await waitUntil(() => $(el, '[part~="remove-code-button"]'));
      $<HTMLButtonElement>(el, '[part~="remove-code-button"]')!.click();
      await el.updateComplete;
      expect($(el, '[part~="code-accepted"]')).to.not.exist;
      expect($(el, '[part~="code-toggle"]')).to.exist;
    });
  });

  describe('a share-code set after the session is shown (a page that reads ?kohort= after its first render)', () => {
    it('prefills the code and checks it, as on the first render', async () => {
      const session = await createSandboxSession();
      const el = await mountOnSandbox(session.id);
      await waitForState(el, 'ready');
      expect($(el, '[part~="code-toggle"]')).to.exist;
      el.shareCode = 'KHT-test-5EED0001';
      await waitUntil(() => $(el, '[part~="code-accepted"]'), 'the late share-code was never checked');
      expect(text(el, '[part~="code-accepted"]')).to.contain('KHT-test-5EED0001');
    });

    it('replaces the code it prefilled, refused or not, with the new one', async () => {
      const el = await readyWithInvite('KHT-test-FFFFFFFF');
      await waitUntil(() => text(el, '#code-error'), 'the first code was never refused');
      el.shareCode = 'KHT-test-5EED0001';
      await waitUntil(() => $(el, '[part~="code-accepted"]'), 'the new share-code was never checked');
      expect($(el, '#code-error')).to.not.exist;
    });

    it('takes back the code it prefilled when share-code is emptied: Pay no longer joins that group', async () => {
      const el = await readyWithInvite('KHT-test-5EED0001');
      await waitUntil(() => $(el, '[part~="code-accepted"]'), 'the first code was never accepted');
      el.shareCode = '';
      await el.updateComplete;
      expect($(el, '[part~="code-accepted"]')).to.not.exist;
      expect($(el, '[part~="code-toggle"]')).to.exist;
      expect(await payForGroupCode(el)).to.not.equal('KHT-test-5EED0001');
    });

    it('leaves the code the customer typed: theirs wins', async () => {
      const el = await readyWithCodeTyped('KHT-test-FFFFFFFF');
      const before = (await sandboxRequests({ method: 'POST' })).length;
      el.shareCode = 'KHT-test-5EED0001';
      await el.updateComplete;
      expect($<HTMLInputElement>(el, '#code')!.value).to.equal('KHT-test-FFFFFFFF');
      expect((await sandboxRequests({ method: 'POST' })).length, 'no code checked').to.equal(before);
    });

    it('waits while a payment is under way, then replaces the code prefilled once the form can change again', async () => {
      const session = await createSandboxSession();
      const el = await mountOnSandbox(session.id);
      await waitForState(el, 'ready');
      const confirming = deferred<ConfirmPaymentResult>();
      el.confirmPayment = () => confirming.promise;
      clickPay(el);
      await waitUntil(() => text(el, '[part~="pay-button"]') === 'Paiement en cours…', 'never confirmed');
      const validations = async () => (await sandboxRequests({ method: 'POST' })).filter((request) => request.path.endsWith('/validate')).length;
      const before = await validations();
      el.shareCode = 'KHT-test-5EED0001';
      await el.updateComplete;
      expect($(el, '#code'), 'the form changed while paying').to.not.exist;
      expect(await validations(), 'a code checked while paying').to.equal(before);
      confirming.resolve({ status: 'failed', message: 'Votre carte a été refusée.' });
      await waitUntil(() => $(el, '[part~="code-accepted"]'), 'the share-code set while paying was dropped');
      expect(text(el, '[part~="code-accepted"]')).to.contain('KHT-test-5EED0001');
      expect(text(el, '[part~="payment-error"]')).to.equal('Votre carte a été refusée.');
      expect((await validations()) - before).to.equal(1);
      // The next Pay joins the group of the code the page set.
      el.confirmPayment = async (intent) => (await confirmOnSandbox(intent), { status: 'succeeded' });
      expect(await payForGroupCode(el)).to.equal('KHT-test-5EED0001');
    });
  });

  describe('each refusal of a friend’s code, in French and English', () => {
    const cases: { code: string; email: string; sessionAmount?: number; reason: string; fr: string; en: string }[] = [
      { code: 'KHT-test-FFFFFFFF', email: 'a@kohort.test', reason: 'NOT_FOUND', fr: 'Ce code n’existe pas. Vérifiez-le auprès de votre ami.', en: 'This code does not exist. Check it with your friend.' },
      { code: 'KHT-test-5EED0003', email: 'a@kohort.test', reason: 'COMPLETED_EXPIRED_CANCELED', fr: 'Ce groupe est terminé\u00a0: il n’accepte plus de nouveaux membres.', en: 'This group has ended: it no longer accepts new members.' },
      { code: 'KHT-test-5EED0002', email: 'a@kohort.test', reason: 'MAX_PARTICIPANTS_REACHED', fr: 'Ce groupe est complet\u00a0: il a atteint son nombre maximum de participants.', en: 'This group is full: it has reached its maximum number of participants.' },
      { code: 'KHT-test-5EED0007', email: 'ami@kohort.test', reason: 'EMAIL_ALREADY_USED', fr: 'Cette adresse e-mail fait déjà partie de ce groupe.', en: 'This email address is already in this group.' },
      { code: 'KHT-test-5EED0001', email: 'a@kohort.test', sessionAmount: 1500, reason: 'AMOUNT_TOO_LOW', fr: 'Votre commande n’atteint pas le montant minimum pour rejoindre ce groupe.', en: 'Your order is below the minimum amount to join this group.' },
    ];
    for (const language of ['fr', 'en'] as const) {
      for (const refusal of cases) {
        it(`shows ${refusal.reason} in ${language}`, async () => {
          const amount = refusal.sessionAmount ?? 8990;
          const session = await createSandboxSession({
            customerEmail: refusal.email,
            amountTotal: amount,
            lineItems: [{ name: 'Article', price: amount, quantity: 1, type: 'PRODUCT' }],
          });
          const el = await mountOnSandbox(session.id, { locale: language });
          el.shareCode = refusal.code;
          await waitForState(el, 'ready');
          await waitUntil(() => $(el, '#code-error'), `${refusal.reason} was never shown`);
          expect(text(el, '#code-error')).to.equal(refusal[language]);
          expect($(el, '#code')!.getAttribute('aria-invalid')).to.equal('true');
          await expect(el).to.be.accessible();
        });
      }
      it(`says the code could not be checked when the network fails, in ${language}`, async () => {
        stub = stubFetch((request) => {
          if (request.url.pathname.endsWith('/validate')) throw new TypeError('Failed to fetch');
          return json(sessionJson());
        });
        const el = await mount({ locale: language });
        el.shareCode = 'KHT-test-5EED0001';
        await waitForState(el, 'ready');
        await waitUntil(() => $(el, '#code-error'));
        expect(text(el, '#code-error')).to.equal(
          language === 'fr' ? 'Impossible de vérifier le code\u00a0: la connexion a échoué. Réessayez.' : 'The code could not be checked: the connection failed. Try again.',
        );
      });
    }

    it('says the code could not be checked when the API refuses it for a reason the widget does not know', async () => {
      stub = stubFetch((request) => (request.url.pathname.endsWith('/validate') ? apiError(400, 'BAD_REQUEST', 'email must be an email') : json(sessionJson())));
      const el = await mount();
      el.shareCode = 'KHT-test-5EED0001';
      await waitForState(el, 'ready');
      await waitUntil(() => $(el, '#code-error'), 'the refusal was never shown');
      expect(text(el, '#code-error')).to.equal('Ce code n’a pas pu être vérifié. Réessayez.');
      expect($(el, '#code')!.getAttribute('aria-invalid')).to.equal('true');
    });

    it('says the code does not exist when the API answers 404 without a code of its own', async () => {
      stub = stubFetch((request) => (request.url.pathname.endsWith('/validate') ? json({ error: { message: 'Payment group not found' } }, 404) : json(sessionJson())));
      const el = await mount();
      el.shareCode = 'KHT-test-5EED0001';
      await waitForState(el, 'ready');
      await waitUntil(() => $(el, '#code-error'), 'the refusal was never shown');
      expect(text(el, '#code-error')).to.equal('Ce code n’existe pas. Vérifiez-le auprès de votre ami.');
    });

    it('names whose group it is when the validate answer carries the creator, without asking for it', async () => {
      const { payment_group_settings: settings, ...group } = groupJson();
      stub = stubFetch((request) =>
        request.url.pathname.endsWith('/validate') ? json({ ...group, ...settings, current_discount_level: settings!.discount_levels![0] }, 201) : json(sessionJson()),
      );
      const el = await mount();
      await waitForState(el, 'ready');
      await applyFriendCode(el, 'KHT-test-5EED0001');
      await waitUntil(() => $(el, '[part~="code-accepted"]'), 'the code was never accepted');
      expect(text(el, '[part~="code-accepted"]')).to.contain('Vous rejoignez Marie D. dans son groupe.').and.not.contain('D..');
      // No query on validate: neither spec declares one, and an API that refused it would refuse every code.
      const validate = stub.requests.find((request) => request.url.pathname.endsWith('/validate'))!;
      expect(validate.url.search).to.equal('');
    });

    it('counts the customer in when the validate answer sends no current_discount_level: joining a creator alone reaches the first tier', async () => {
      const { payment_group_settings: settings, ...group } = groupJson({ participants: 1 });
      stub = stubFetch((request) => (request.url.pathname.endsWith('/validate') ? json({ ...group, ...settings }, 201) : json(sessionJson())));
      const el = await mount();
      await waitForState(el, 'ready');
      await applyFriendCode(el, 'KHT-test-5EED0001');
      await waitUntil(() => $(el, '[part~="code-accepted"]'), 'the code was never accepted');
      // The creator and this customer make two: the 5 % tier, on 74,30 €.
      expect(text(el, '#code-cashback')).to.equal(`Cette commande vous rapporte ${eur(372)} de cashback (5\u00a0%).`);
    });

    it('refuses text that is not a code without asking the API', async () => {
      stub = stubFetch(() => json(sessionJson()));
      const el = await mount();
      await waitForState(el, 'ready');
      await applyFriendCode(el, 'PROMO10');
      expect(text(el, '#code-error')).to.equal('Ce n’est pas un code KohortPay (KHT-…).');
      expect(stub.requests.filter((r) => r.method === 'POST')).to.have.length(0);
    });

    it('pays in one click with a code from an invite link, checked once the e-mail is typed', async () => {
      const el = await readyWithInvite('KHT-test-5EED0001', { customerEmail: undefined });
      await typeInto(el, '#email', `invite-${Math.random().toString(36).slice(2, 8)}@kohort.test`);
      // The code is still being checked when Pay is clicked: it pays once the code is accepted.
      expect($(el, '[part~="code-accepted"]')).to.not.exist;
      setTimeout(() => clickPay(el));
      const success = (await oneEvent(el, 'kohort-success')) as KohortSuccessEvent;
      expect(success.detail.group).to.include({ share_id: 'KHT-test-5EED0001' });
    });

    it('does not pay when the code checked on Pay is refused, and says why', async () => {
      const el = await readyWithCodeTyped('KHT-test-FFFFFFFF');
      const before = (await sandboxRequests({ method: 'POST', path: '/payment-intents' })).length;
      clickPay(el);
      await waitUntil(() => text(el, '#code-error'), 'the refusal was never shown');
      expect(text(el, '#code-error')).to.equal('Ce code n’existe pas. Vérifiez-le auprès de votre ami.');
      // A payment started on the refusal would lock Pay while under way, and leave the form or say why once over.
      await el.updateComplete;
      expect($(el, '[part~="pay-button"]')!.getAttribute('aria-disabled'), 'a payment under way').to.equal(null);
      expect(el.state).to.equal('ready');
      expect($(el, '[part~="payment-error"]'), 'a payment that failed').to.not.exist;
      expect((await sandboxRequests({ method: 'POST', path: '/payment-intents' })).length).to.equal(before);
    });

    it('offers to remove a refused code, and pays without it once removed (an invite to a full group)', async () => {
      const el = await readyWithInvite('KHT-test-FFFFFFFF');
      clickPay(el);
      await waitUntil(() => text(el, '#code-error'), 'the refusal was never shown');
      // Pay again: the focus goes back to the code field, which says why (its description), and Remove is right there.
      await el.updateComplete;
      clickPay(el);
      await waitForFocus(el, '#code', 'the code field');
      expect($(el, '#code')!.getAttribute('aria-describedby')).to.contain('code-error');
      const remove = $<HTMLButtonElement>(el, '[part~="code-field"] [part~="remove-code-button"]');
      expect(remove?.textContent?.trim()).to.equal('Retirer le code');
      remove!.click();
      await el.updateComplete;
      expect($(el, '#code')).to.not.exist;
      expect(await payForGroupCode(el)).to.not.equal('KHT-test-FFFFFFFF');
    });

    it('checks the code when Enter is pressed in the code field, and does not pay', async () => {
      const session = await createSandboxSession();
      const el = await mountOnSandbox(session.id);
      await waitForState(el, 'ready');
      await typeInto(el, '#email', 'gaston@example.com');
      $<HTMLButtonElement>(el, '[part~="code-toggle"]')!.click();
      await el.updateComplete;
      await typeInto(el, '#code', 'KHT-test-5EED0001');
      const intents = async () => (await sandboxRequests({ method: 'POST', path: '/payment-intents' })).length;
      const before = await intents();
      const enter = new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, composed: true, cancelable: true });
      $(el, '#code')!.dispatchEvent(enter);
      // The form's implicit submission (Pay) is stopped: Enter belongs to the code.
      expect(enter.defaultPrevented).to.equal(true);
      await waitUntil(() => $(el, '[part~="code-accepted"]'), 'Enter did not check the code');
      expect(el.state).to.equal('ready');
      expect(await intents()).to.equal(before);
    });

    it('keeps focus in the widget when the code field gives way to the accepted code', async () => {
      const session = await createSandboxSession();
      const el = await mountOnSandbox(session.id);
      await waitForState(el, 'ready');
      await applyFriendCode(el, 'KHT-test-5EED0001');
      expectSameNode(shadow(el).activeElement, $(el, '#code'));
      await waitUntil(() => $(el, '[part~="code-accepted"]'), 'the code was never accepted');
      await waitForFocus(el, '[part~="code-accepted"]', 'the accepted code');
      // Enter again (the customer pressed it twice) neither removes the code nor pays.
      shadow(el).activeElement!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, composed: true }));
      await el.updateComplete;
      expect($(el, '[part~="code-accepted"]')).to.exist;
      expect(el.state).to.equal('ready');
    });

    it('keeps focus in the widget when the code is removed', async () => {
      const session = await createSandboxSession();
      const el = await mountOnSandbox(session.id);
      await waitForState(el, 'ready');
      await applyFriendCode(el, 'KHT-test-5EED0001');
      await waitUntil(() => $(el, '[part~="code-accepted"]'), 'the code was never accepted');
      const remove = $<HTMLButtonElement>(el, '[part~="remove-code-button"]')!;
      remove.focus();
      remove.click();
      await waitForFocus(el, '[part~="code-toggle"]', 'the friend’s-code button');
    });

    it('will not pay while a typed code is neither applied nor removed', async () => {
      stub = stubFetch((request) => (request.url.pathname.endsWith('/validate') ? new Promise<Response>(() => {}) : json(sessionJson())));
      const el = await mount();
      await waitForState(el, 'ready');
      $<HTMLButtonElement>(el, '[part~="code-toggle"]')!.click();
      await el.updateComplete;
      await typeInto(el, '#code', 'KHT-test-5EED0001');
      clickPay(el);
      await el.updateComplete;
      expect(stub.requests.filter((r) => r.url.pathname === '/payment-intents')).to.have.length(0);
    });
  });

  describe('the confirmation step', () => {
    /** A stubbed session (in `locale`, else its own French) whose `POST /payment-intents` gets `answer`; Pay pressed: the kohort-error, and how often the provider was asked. */
    async function payMeets(answer: (request: RecordedRequest) => Response | Promise<Response>, locale?: string) {
      stub = stubFetch((request) => (request.url.pathname === '/payment-intents' ? answer(request) : json(sessionJson())));
      const el = await mount({ locale });
      await waitForState(el, 'ready');
      let confirmed = 0;
      el.confirmPayment = async () => ((confirmed += 1), { status: 'succeeded' });
      setTimeout(() => clickPay(el));
      const error = (await oneEvent(el, 'kohort-error')) as KohortErrorEvent;
      await el.updateComplete;
      return { el, error, confirmed: () => confirmed };
    }

    it('hands the intent and its client secret to confirmPayment, then trusts the server', async () => {
      const session = await createSandboxSession();
      const el = await mountOnSandbox(session.id);
      const calls: unknown[] = [];
      el.confirmPayment = async (intent, context) => {
        calls.push({ intent, context: { ...context, signal: undefined } });
        await confirmOnSandbox(intent);
        return { status: 'succeeded' };
      };
      await waitForState(el, 'ready');
      setTimeout(() => clickPay(el));
      await oneEvent(el, 'kohort-success');
      const [call] = calls as { intent: { id: string; clientSecret: string; amount: number; currency: string }; context: Record<string, unknown> }[];
      expect(call!.intent.id).to.match(/^pi_/);
      expect(call!.intent.clientSecret).to.match(/_secret_/);
      expect(call!.intent).to.include({ amount: 8990, currency: 'EUR' });
      expect(call!.context).to.include({ sessionId: session.id, customerEmail: session.customer_email, livemode: false, paymentGroupId: null });
      expect($(el, '.test-hint')).to.not.exist;
    });

    it('shows the provider’s own decline message', async () => {
      const session = await createSandboxSession();
      const el = await mountOnSandbox(session.id);
      el.confirmPayment = async () => ({ status: 'failed', message: 'Carte expirée.' });
      await waitForState(el, 'ready');
      setTimeout(() => clickPay(el));
      const error = (await oneEvent(el, 'kohort-error')) as KohortErrorEvent;
      expect(error.detail).to.include({ code: 'payment_failed', message: 'Carte expirée.' });
      await el.updateComplete;
      expect(text(el, '[part~="payment-error"]')).to.equal('Carte expirée.');
    });

    describe('a decline while KohortPay cannot be reached', () => {
      settleQuickly([0, 0]);

      it('shows the provider’s decline, not an unknown outcome, when the session cannot be read after it', async () => {
        const session = sessionJson();
        const intent = { id: 'pi_0123456789abcd', amount: session.amount_total, currency: 'EUR', checkout_session_id: session.id, status: 'REQUIRES_PAYMENT_METHOD', client_secret: 'pi_0123456789abcd_secret_x', livemode: false };
        let reads = 0;
        stub = stubFetch((request) => {
          if (request.url.pathname === '/payment-intents') return json(intent, 201);
          // Read once to show the form; after the provider's answer the API is out of reach.
          if ((reads += 1) > 1) throw new TypeError('Failed to fetch');
          return json(session);
        });
        const el = await mount();
        await waitForState(el, 'ready');
        el.confirmPayment = async () => ({ status: 'failed', message: 'Carte refusée.' });
        await expectDeclineOnPay(el, 'Carte refusée.');
        expect(reads).to.be.greaterThan(1);
      });
    });

    it('says the outcome is unknown while the server has not learnt of a payment the provider confirmed, and never offers to pay it again', async () => {
      const session = await createSandboxSession();
      const el = await mountOnSandbox(session.id);
      let charged: PaymentIntentHandle | null = null;
      // The provider charged the card; KohortPay hears of it late (a webhook delayed, say).
      el.confirmPayment = async (intent) => {
        charged = intent;
        return { status: 'succeeded' };
      };
      await waitForState(el, 'ready');
      const before = (await sandboxRequests({ method: 'POST', path: '/payment-intents' })).length;
      setTimeout(() => clickPay(el));
      const error = (await oneEvent(el, 'kohort-error')) as KohortErrorEvent;
      expect(error.detail.code).to.equal('payment_unknown');
      await el.updateComplete;
      expect(el.state).to.equal('ready');
      expect(text(el, '[part~="message"] h2')).to.equal('Paiement en cours de vérification');
      expect($(el, '[part~="pay-button"]')).to.not.exist;
      await expect(el).to.be.accessible();
      // Asked again, the session is still open with nothing under way: still being checked, never "not paid".
      setTimeout(() => $<HTMLButtonElement>(el, '[part~="check-again-button"]')!.click());
      const again = (await oneEvent(el, 'kohort-error')) as KohortErrorEvent;
      expect(again.detail.code).to.equal('payment_unknown');
      await el.updateComplete;
      expect(text(el, '[part~="message"] h2')).to.equal('Paiement en cours de vérification');
      expect($(el, '[part~="payment-error"]')).to.not.exist;
      expect($(el, '[part~="pay-button"]')).to.not.exist;
      // KohortPay learns of the charge: asked again, the order is paid.
      await confirmOnSandbox(charged!);
      setTimeout(() => $<HTMLButtonElement>(el, '[part~="check-again-button"]')!.click());
      const success = (await oneEvent(el, 'kohort-success')) as KohortSuccessEvent;
      expect(success.detail.paymentIntentId).to.equal(charged!.id);
      const after = (await sandboxRequests({ method: 'POST', path: '/payment-intents' })).length;
      expect(after - before).to.equal(1);
    });

    describe('a confirmPayment that returns Stripe’s result as is, or another answer', () => {
      const logged = recordConsole('error');
      /** A sandbox session's form whose confirmPayment answers `answer`: the widget and the intent it was handed. */
      async function answering(answer: unknown) {
        const el = await mountOnSandbox((await createSandboxSession()).id);
        const handed: PaymentIntentHandle[] = [];
        // What a page in plain JavaScript may write; the type allows only ours or Stripe's result.
        el.confirmPayment = async (intent) => (handed.push(intent), answer as ConfirmPaymentResult);
        await waitForState(el, 'ready');
        return { el, handed };
      }

      it('shows the decline in Stripe’s {error} as the provider’s reason, at once, and offers Pay again', async () => {
        const { el } = await answering({
          error: { type: 'card_error', code: 'card_declined', decline_code: 'generic_decline', message: 'Votre carte a été refusée.' },
        });
        await expectDeclineOnPay(el, 'Votre carte a été refusée.');
        expect(logged).to.deep.equal([]);
      });

      it('says the payment was declined, in its own words, for Stripe’s {error} without a message (elements.submit() returned as is)', async () => {
        const { el } = await answering({ error: { type: 'validation_error', code: 'incomplete_number' } });
        setTimeout(() => clickPay(el));
        const error = (await oneEvent(el, 'kohort-error')) as KohortErrorEvent;
        expect(error.detail).to.include({ code: 'payment_failed', message: 'Votre paiement a été refusé. Vérifiez vos informations, puis réessayez.' });
        expect(logged).to.deep.equal([]);
      });

      it('takes Stripe’s {paymentIntent} whose QR code the customer closed (PayNow) for a decline, at once, and confirms the same intent on Pay again', async () => {
        const closedQrCode = {
          paymentIntent: {
            id: 'pi_3Pstripe000000',
            object: 'payment_intent',
            status: 'requires_action',
            next_action: { type: 'paynow_display_qr_code', paynow_display_qr_code: { data: '00020101021226490009SG.PAYNOW', image_url_png: 'https://qr.stripe.com/test.png' } },
          },
        };
        const { el, handed } = await answering(closedQrCode);
        await expectDeclineOnPay(el, 'Votre paiement a été refusé. Vérifiez vos informations, puis réessayez.');
        expect(logged).to.deep.equal([]);
        // Pay again shows a new QR code for the same intent: the one Stripe can take only once.
        setTimeout(() => clickPay(el));
        await oneEvent(el, 'kohort-error');
        expect(handed.map((intent) => intent.id)).to.deep.equal([handed[0]!.id, handed[0]!.id]);
      });

      it('takes Stripe’s {paymentIntent} that succeeded for succeeded: never “not paid” while KohortPay has not heard of it, paid once it has', async () => {
        const { el, handed } = await answering({ paymentIntent: { id: 'pi_3Pstripe000000', object: 'payment_intent', status: 'succeeded' } });
        setTimeout(() => clickPay(el));
        expect(((await oneEvent(el, 'kohort-error')) as KohortErrorEvent).detail.code).to.equal('payment_unknown');
        // Asked again, the session is still open with nothing under way: still being checked, Pay never offered over it.
        setTimeout(() => $<HTMLButtonElement>(el, '[part~="check-again-button"]')!.click());
        expect(((await oneEvent(el, 'kohort-error')) as KohortErrorEvent).detail.code).to.equal('payment_unknown');
        await el.updateComplete;
        expect($(el, '[part~="pay-button"]')).to.not.exist;
        await confirmOnSandbox(handed[0]!);
        setTimeout(() => $<HTMLButtonElement>(el, '[part~="check-again-button"]')!.click());
        const success = (await oneEvent(el, 'kohort-success')) as KohortSuccessEvent;
        expect(success.detail.paymentIntentId).to.equal(handed[0]!.id);
        expect(logged).to.deep.equal([]);
      });

      it('never calls declined Stripe’s {error} on an intent that already succeeded (a retry after a lost answer): paid once KohortPay hears of it', async () => {
        const { el, handed } = await answering({
          error: {
            type: 'invalid_request_error',
            code: 'payment_intent_unexpected_state',
            message: 'You cannot confirm this PaymentIntent because it has already succeeded after being previously confirmed.',
            payment_intent: { id: 'pi_3Pstripe000000', object: 'payment_intent', status: 'succeeded' },
          },
        });
        setTimeout(() => clickPay(el));
        // KohortPay has not heard of it yet: being checked, never "declined" with Pay offered again.
        expect(((await oneEvent(el, 'kohort-error')) as KohortErrorEvent).detail.code).to.equal('payment_unknown');
        await el.updateComplete;
        expect($(el, '[part~="pay-button"]')).to.not.exist;
        await confirmOnSandbox(handed[0]!);
        setTimeout(() => $<HTMLButtonElement>(el, '[part~="check-again-button"]')!.click());
        await oneEvent(el, 'kohort-success');
        expect(logged).to.deep.equal([]);
      });

      it('takes the documented {status} first, whatever else the answer carries (Stripe’s paymentIntent kept beside it)', async () => {
        const declined = await answering({
          status: 'failed',
          message: 'Carte refusée par votre banque.',
          paymentIntent: { id: 'pi_3Pstripe000000', object: 'payment_intent', status: 'requires_payment_method' },
        });
        setTimeout(() => clickPay(declined.el));
        const error = (await oneEvent(declined.el, 'kohort-error')) as KohortErrorEvent;
        expect(error.detail).to.include({ code: 'payment_failed', message: 'Carte refusée par votre banque.' });
        expect(logged).to.deep.equal([]);
      });

      describe('Stripe’s answer for a payment still going through', () => {
        settleQuickly([0, 50]);

        for (const [name, answer] of [
          ['{paymentIntent} processing (a SEPA debit)', { paymentIntent: { id: 'pi_3Pstripe000000', object: 'payment_intent', status: 'processing' } }],
          ['{paymentIntent} requiring capture (manual capture)', { paymentIntent: { id: 'pi_3Pstripe000000', object: 'payment_intent', status: 'requires_capture' } }],
          [
            '{paymentIntent} requiring action (an OXXO voucher shown, to be paid in a shop later)',
            {
              paymentIntent: {
                id: 'pi_3Pstripe000000',
                object: 'payment_intent',
                status: 'requires_action',
                next_action: { type: 'oxxo_display_details', oxxo_display_details: { expires_after: 1767312000, hosted_voucher_url: 'https://payments.stripe.com/oxxo/voucher/test_123', number: '12345678901234657890123456789012' } },
              },
            },
          ],
          [
            '{error} on an intent still processing (confirmed again too soon)',
            { error: { type: 'invalid_request_error', code: 'payment_intent_unexpected_state', payment_intent: { id: 'pi_3Pstripe000000', status: 'processing' } } },
          ],
        ] as const) {
          it(`logs nothing for ${name}, and never calls it unpaid while KohortPay has not heard of it: paid once it has`, async () => {
            const { el, handed } = await answering(answer);
            setTimeout(() => clickPay(el));
            expect(((await oneEvent(el, 'kohort-error')) as KohortErrorEvent).detail.code).to.equal('payment_unknown');
            expect(logged, 'a sound Stripe answer was called a mistake of the page').to.deep.equal([]);
            // Asked again, the session is open with nothing under way: still being checked, never Pay over a debit on its way.
            setTimeout(() => $<HTMLButtonElement>(el, '[part~="check-again-button"]')!.click());
            expect(((await oneEvent(el, 'kohort-error')) as KohortErrorEvent).detail.code).to.equal('payment_unknown');
            await el.updateComplete;
            expect($(el, '[part~="pay-button"]'), 'Pay offered while the provider said the payment is going through').to.not.exist;
            await confirmOnSandbox(handed[0]!);
            setTimeout(() => $<HTMLButtonElement>(el, '[part~="check-again-button"]')!.click());
            await oneEvent(el, 'kohort-success');
            expect(logged).to.deep.equal([]);
          });
        }
      });

      describe('an answer of no known shape', () => {
        settleQuickly([0, 50]);

        for (const [name, answer] of [
          ['undefined (no return)', undefined],
          ['a {paymentIntent} whose status Stripe does not have', { paymentIntent: { id: 'pi_3Pstripe000000', status: 'done' } }],
          ['the string "succeeded"', 'succeeded'],
        ] as const) {
          it(`says on the console what confirmPayment should answer, for ${name}, and asks KohortPay how the payment ended`, async () => {
            const { el, handed } = await answering(answer);
            setTimeout(() => clickPay(el));
            const error = (await oneEvent(el, 'kohort-error')) as KohortErrorEvent;
            expect(error.detail.code).to.equal('payment_unknown');
            expect(handed).to.have.length(1);
            expect(logged).to.have.length(1);
            expect(logged[0]).to.contain('[kohort-checkout] confirmPayment should answer {status:"succeeded"} or {status:"failed",message?} or Stripe’s result, not');
            // Paid meanwhile after all: asked again, the order is paid.
            await confirmOnSandbox(handed[0]!);
            setTimeout(() => $<HTMLButtonElement>(el, '[part~="check-again-button"]')!.click());
            await oneEvent(el, 'kohort-success');
          });
        }
      });
    });

    it('logs a confirmPayment that throws, and fires one error: the outcome is unknown; asked again, an open session was not paid', async () => {
      // Earlier tests leave payments waiting on a confirmPayment that never answers: count only this test's tasks.
      cleanTasks();
      const session = await createSandboxSession();
      const el = await mountOnSandbox(session.id);
      const failure = new Error('stripe.js failed to load');
      el.confirmPayment = async () => {
        throw failure;
      };
      const logged: unknown[][] = [];
      const originalError = console.error;
      console.error = (...args: unknown[]) => logged.push(args);
      try {
        await waitForState(el, 'ready');
        const errors: KohortErrorEvent[] = [];
        el.addEventListener('kohort-error', (event) => errors.push(event));
        clickPay(el);
        await waitUntil(() => errors.length > 0, 'no kohort-error', { timeout: 5000 });
        // The payment has ended (it asked the server how it went), and what it left is rendered: one error.
        await allTasks();
        await el.updateComplete;
        expect(errors.map((event) => event.detail.code)).to.deep.equal(['payment_unknown']);
        expect(logged).to.deep.equal([['[kohort-checkout] confirmPayment threw:', failure]]);
        // Asked again, the session is still open with nothing under way: the payment did not go through.
        setTimeout(() => $<HTMLButtonElement>(el, '[part~="check-again-button"]')!.click());
        const again = (await oneEvent(el, 'kohort-error')) as KohortErrorEvent;
        expect(again.detail).to.include({ code: 'payment_failed', retryable: true });
        await el.updateComplete;
        expect(text(el, '[part~="payment-error"]')).to.equal('Le paiement n’a pas pu aboutir. Réessayez dans un instant.');
        expect($(el, '[part~="pay-button"]')).to.exist;
      } finally {
        console.error = originalError;
      }
    });

    describe('a decline that comes after the page moved on to another session', () => {
      settleQuickly([0, 50]);
      const logged = recordConsole('error');

      it('is never shown for the next session’s payment: "Check again" there says it in the widget’s own words', async () => {
        const [first, second] = [await createSandboxSession(), await createSandboxSession()];
        const el = await mountOnSandbox(first.id);
        const firstAnswer = deferred<ConfirmPaymentResult>();
        let confirming = false;
        // The provider's window for the first order stays open (3-D Secure, say) while the page moves on.
        el.confirmPayment = () => ((confirming = true), firstAnswer.promise);
        await waitForState(el, 'ready');
        clickPay(el);
        await waitUntil(() => confirming, 'the first payment was never handed to the provider');
        const errors: KohortErrorEvent[] = [];
        el.addEventListener('kohort-error', (event) => errors.push(event));
        el.sessionId = second.id;
        await el.updateComplete;
        await waitForState(el, 'ready');
        el.confirmPayment = async () => {
          throw new Error('stripe.js failed to load');
        };
        clickPay(el);
        await waitUntil(() => errors.length === 2, 'the second payment never became unknown', { timeout: 4000 });
        // The first order's provider declines at last, long after the page left that order.
        firstAnswer.resolve({ status: 'failed', message: 'Declined: the first order.' });
        await new Promise((resolve) => setTimeout(resolve, 100));
        setTimeout(() => $<HTMLButtonElement>(el, '[part~="check-again-button"]')!.click());
        const again = (await oneEvent(el, 'kohort-error')) as KohortErrorEvent;
        expect(errors.map((event) => [event.detail.code, event.detail.sessionId])).to.deep.equal([
          ['payment_unknown', first.id],
          ['payment_unknown', second.id],
          ['payment_failed', second.id],
        ]);
        expect(again.detail.message).to.equal('Le paiement n’a pas pu aboutir. Réessayez dans un instant.');
        await el.updateComplete;
        expect(text(el, '[part~="payment-error"]')).to.equal('Le paiement n’a pas pu aboutir. Réessayez dans un instant.');
        expect(logged).to.have.length(1);
      });
    });

    it('sends the customer to the hosted checkout in live mode without a provider', async () => {
      stub = stubFetch((request) =>
        request.url.pathname === '/payment-intents'
          ? json({ id: 'pi_live000000001', amount: 7430, currency: 'EUR', status: 'REQUIRES_PAYMENT_METHOD', client_secret: 'pi_live000000001_secret_x', checkout_session_id: 'cs_0123456789abcd' }, 201)
          : json(sessionJson({ livemode: true, url: 'https://checkout.kohortpay.com/c/cs_live_abc' })),
      );
      const el = await mount({ publishableKey: 'pk_live_widgettests000000000000' });
      await waitForState(el, 'ready');
      const visited = recordNavigation(el);
      expect($(el, '.test-hint')).to.not.exist;
      clickPay(el);
      await waitUntil(() => visited.length === 1, 'never went to the hosted checkout');
      expect(visited).to.deep.equal(['https://checkout.kohortpay.com/c/cs_live_abc']);
      const post = stub.requests.find((r) => r.url.pathname === '/payment-intents')!;
      expect(post.headers.get('Idempotency-Key')).to.match(/^kohort-checkout-/);
    });

    /** A live session without a provider, Pay pressed: the customer is being sent to its hosted checkout, `url`. */
    const url = 'https://checkout.kohortpay.com/c/cs_live_abc';
    async function sentToHostedCheckout() {
      stub = stubFetch((request) =>
        request.url.pathname === '/payment-intents'
          ? json({ id: 'pi_live000000001', amount: 7430, currency: 'EUR', status: 'REQUIRES_PAYMENT_METHOD', client_secret: 'pi_live000000001_secret_x', checkout_session_id: 'cs_0123456789abcd' }, 201)
          : json(sessionJson({ livemode: true, url })),
      );
      const el = await mount({ publishableKey: 'pk_live_widgettests000000000000' });
      await waitForState(el, 'ready');
      const visited = recordNavigation(el);
      const locked = () => $(el, '[part~="pay-button"]')?.getAttribute('aria-disabled') === 'true';
      clickPay(el);
      await waitUntil(() => visited.length === 1, 'never went to the hosted checkout');
      return { el, visited, locked };
    }

    it('offers Pay again, to the same hosted checkout and for the same payment intent, when its page never came (Stop, “Stay” on leaving)', async () => {
      const clock = holdWidgetClock();
      try {
        const { el, visited, locked } = await sentToHostedCheckout();
        // A slow hosted page still loading: the form waits for it.
        await clock.advance(9999);
        await el.updateComplete;
        expect(locked(), 'Pay came back before the hosted page had time to load').to.equal(true);
        await clock.advance(1);
        await el.updateComplete;
        expect(locked(), 'Pay stayed locked').to.equal(false);
        clickPay(el);
        await waitUntil(() => visited.length === 2, 'never went to the hosted checkout again');
        expect(visited).to.deep.equal([url, url]);
        const keys = stub!.requests.filter((r) => r.url.pathname === '/payment-intents').map((r) => r.headers.get('Idempotency-Key'));
        expect(keys).to.have.length(2);
        expect(keys[1], 'a second payment intent').to.equal(keys[0]);
        // Back from the hosted checkout (the back/forward cache): the wait is over.
        expect(clock.pending(ELEMENT)).to.have.length(1);
        window.dispatchEvent(new PageTransitionEvent('pageshow', { persisted: true }));
        expect(clock.pending(ELEMENT), 'timers left once back').to.deep.equal([]);
        await waitUntil(() => !locked(), 'Pay stayed locked once back');
        clickPay(el);
        await waitUntil(() => visited.length === 3, 'never went to the hosted checkout a third time');
        // Gone from the page while waiting for the hosted page: the wait ends there without rendering the removed element.
        expect(clock.pending(ELEMENT)).to.have.length(1);
        el.remove();
        await clock.advance(1e4);
        expect(clock.pending(ELEMENT)).to.deep.equal([]);
        expect(locked(), 'the removed element was rendered').to.equal(true);
      } finally {
        clock.restore();
      }
    });

    it('offers Pay again once put back on the page, when the hosted checkout never came: what is left of the 10 s, or at once; the live region no longer says it is taking the customer there', async () => {
      const clock = holdWidgetClock();
      try {
        const { el, visited, locked } = await sentToHostedCheckout();
        const parent = el.parentElement!;
        expect(text(el, '[part~="announcer"]')).to.equal('Redirection vers la page de paiement sécurisée…');
        // Taken off the page 4 s in and put back: the 6 s left, not a form locked for good.
        await clock.advance(4000);
        el.remove();
        parent.append(el);
        await clock.advance(5999);
        await el.updateComplete;
        expect(locked(), 'Pay came back before the 10 s').to.equal(true);
        await clock.advance(1);
        await el.updateComplete;
        expect(locked(), 'Pay stayed locked once put back').to.equal(false);
        expect(text(el, '[part~="announcer"]'), 'still said to be going to the payment page').to.equal('');
        // Away past the 10 s: Pay is offered as soon as it is back.
        clickPay(el);
        await waitUntil(() => visited.length === 2, 'never went to the hosted checkout again');
        el.remove();
        await clock.advance(60_000);
        parent.append(el);
        await clock.advance(0);
        await el.updateComplete;
        expect(locked(), 'Pay stayed locked once put back after the 10 s').to.equal(false);
        expect(visited).to.deep.equal([url, url]);
      } finally {
        clock.restore();
      }
    });

    describe('when the page comes back from the back/forward cache', () => {
      const pageShow = (persisted: boolean) => window.dispatchEvent(new PageTransitionEvent('pageshow', { persisted }));
      const liveIntent = { id: 'pi_live000000001', amount: 7430, currency: 'EUR', status: 'REQUIRES_PAYMENT_METHOD', client_secret: 'pi_live000000001_secret_x', checkout_session_id: 'cs_0123456789abcd' };
      const live = { livemode: true, url: 'https://checkout.kohortpay.com/c/cs_live_abc' };

      it('shows the order as paid to a customer who paid on the hosted checkout, then pressed Back', async () => {
        let paid = false;
        stub = stubFetch((request) =>
          request.url.pathname === '/payment-intents'
            ? json(liveIntent, 201)
            : json(sessionJson(paid ? { ...live, status: 'COMPLETED', payment_intent: { ...liveIntent, status: 'SUCCEEDED' } as never } : live)),
        );
        const el = await mount({ publishableKey: 'pk_live_widgettests000000000000' });
        await waitForState(el, 'ready');
        const visited = recordNavigation(el);
        clickPay(el);
        await waitUntil(() => visited.length === 1, 'never went to the hosted checkout');
        paid = true;
        $(el, '[part~="pay-button"]')!.focus();
        const ready = oneEvent(el, 'kohort-ready') as Promise<KohortReadyEvent>;
        pageShow(true);
        await waitForState(el, 'completed');
        expect((await ready).detail.session.status).to.equal('COMPLETED');
        expect($(el, '[part~="pay-button"]')).to.not.exist;
        // The form the customer was in is gone: the focus stays in the widget, on the heading, which
        // says why (once: the live region does not repeat it).
        await waitForFocus(el, '#outcome-heading', 'the outcome’s heading');
        expect(text(el, '#outcome-heading')).to.equal('Paiement reçu');
        expect(text(el, '[part~="announcer"]')).to.equal('');
      });

      it('offers Pay again, for the same payment intent, to a customer back from the hosted checkout without paying', async () => {
        stub = stubFetch((request) => (request.url.pathname === '/payment-intents' ? json(liveIntent, 201) : json(sessionJson(live))));
        const el = await mount({ publishableKey: 'pk_live_widgettests000000000000' });
        await waitForState(el, 'ready');
        const visited = recordNavigation(el);
        clickPay(el);
        await waitUntil(() => visited.length === 1, 'never went to the hosted checkout');
        pageShow(true);
        await waitUntil(() => $(el, '[part~="pay-button"]')?.getAttribute('aria-disabled') !== 'true', 'Pay stayed locked');
        expect(text(el, '[part~="announcer"]')).to.equal('');
        clickPay(el);
        await waitUntil(() => visited.length === 2, 'never went to the hosted checkout again');
        const keys = stub.requests.filter((r) => r.url.pathname === '/payment-intents').map((r) => r.headers.get('Idempotency-Key'));
        expect(keys).to.have.length(2);
        expect(keys[1]).to.equal(keys[0]);
      });

      it('asks how a payment ended that was being confirmed when the customer left (a bank’s page)', async () => {
        let confirmed = false;
        stub = stubFetch((request) => {
          if (request.url.pathname === '/payment-intents') return json({ ...liveIntent, id: 'pi_0123456789abcd' }, 201);
          return json(sessionJson(confirmed ? { status: 'COMPLETED', payment_intent: { ...liveIntent, id: 'pi_0123456789abcd', status: 'SUCCEEDED' } as never } : {}));
        });
        const el = await mount();
        await waitForState(el, 'ready');
        // The provider navigated to the bank: its promise never settles on this page.
        el.confirmPayment = () => new Promise(() => undefined);
        clickPay(el);
        await waitUntil(() => $(el, '[part~="pay-button"]')?.getAttribute('aria-disabled') === 'true', 'never paid');
        confirmed = true;
        const success = oneEvent(el, 'kohort-success') as Promise<KohortSuccessEvent>;
        pageShow(true);
        expect((await success).detail.paymentIntentId).to.equal('pi_0123456789abcd');
        await waitForState(el, 'completed');
      });

      it('offers Pay again to a customer back from the bank’s page without paying, though confirmPayment never answered', async () => {
        stub = stubFetch((request) => (request.url.pathname === '/payment-intents' ? json({ ...liveIntent, id: 'pi_0123456789abcd' }, 201) : json(sessionJson())));
        const el = await mount();
        await waitForState(el, 'ready');
        // The provider navigated to the bank: its promise never settles on this page.
        el.confirmPayment = () => new Promise(() => undefined);
        clickPay(el);
        await waitUntil(() => $(el, '[part~="pay-button"]')?.getAttribute('aria-disabled') === 'true', 'never paid');
        const failed = oneEvent(el, 'kohort-error') as Promise<KohortErrorEvent>;
        pageShow(true);
        // The session is open with nothing under way: nothing was paid, whatever the step that left the page would have said.
        expect((await failed).detail.code).to.equal('payment_failed');
        await waitUntil(() => $(el, '[part~="pay-button"]')?.getAttribute('aria-disabled') !== 'true', 'Pay stayed locked');
      });

      it('waits for a payment of the order still going through elsewhere (hosted checkout, another tab) instead of offering Pay again', async () => {
        let elsewhere: 'none' | 'PROCESSING' | 'SUCCEEDED' = 'none';
        stub = stubFetch((request) => {
          if (request.url.pathname === '/payment-intents') return json(liveIntent, 201);
          const intent = { ...liveIntent, id: 'pi_0123456789abcd', status: elsewhere } as never;
          if (elsewhere === 'none') return json(sessionJson());
          return json(sessionJson(elsewhere === 'SUCCEEDED' ? { status: 'COMPLETED', payment_intent: intent } : { payment_intent: intent }));
        });
        const el = await mount();
        await waitForState(el, 'ready');
        elsewhere = 'PROCESSING';
        pageShow(true);
        await waitUntil(() => $(el, '[part~="pay-button"]')?.getAttribute('aria-disabled') === 'true', 'Pay was offered again');
        clickPay(el);
        elsewhere = 'SUCCEEDED';
        await waitForState(el, 'completed');
        // A payment Pay started would have been created before the wait ended (or stopped it).
        expect(stub.requests.filter((request) => request.url.pathname === '/payment-intents')).to.have.length(0);
      });

      it('does not call the session expired while the customer pays, when a re-read taken before Pay answers after expires_at', async () => {
        const clock = holdWidgetClock();
        try {
          const expiresAt = new Date(Date.now() + 1500).toISOString();
          const reread = deferred<Response>();
          let reads = 0;
          stub = stubFetch((request) => {
            if (request.url.pathname === '/payment-intents') return json({ ...liveIntent, id: 'pi_0123456789abcd' }, 201);
            reads += 1;
            // The re-read behind the view was taken before Pay: it knows nothing of the payment.
            return reads === 2 ? reread.promise : json(sessionJson({ expires_at: expiresAt }));
          });
          const el = await mount();
          await waitForState(el, 'ready');
          const expired: Event[] = [];
          el.addEventListener('kohort-expired', (event) => expired.push(event));
          // The provider is still confirming.
          el.confirmPayment = () => new Promise(() => undefined);
          pageShow(true);
          clickPay(el);
          await waitUntil(() => $(el, '[part~="pay-button"]')?.getAttribute('aria-disabled') === 'true', 'never paid');
          await clock.advance(1600);
          const timersSet = clock.delays(SESSION_STORE).length;
          reread.resolve(json(sessionJson({ expires_at: expiresAt })));
          // Taken in, the answer sets the session's clock again (or shows the session as expired).
          await waitUntil(() => clock.delays(SESSION_STORE).length > timersSet || el.state !== 'ready', 'the re-read was never taken in');
          expect(el.state, 'on the re-read').to.equal('ready');
          // That clock runs out while the payment is still under way.
          expect(clock.pending(SESSION_STORE)).to.have.length(1);
          await clock.advance(clock.pending(SESSION_STORE)[0]!.delay);
          expect(el.state, 'when the session’s clock ran out').to.equal('ready');
          expect(expired).to.have.length(0);
        } finally {
          clock.restore();
        }
      });

      it('keeps the order shown as paid here, and sends no event, when that read answers after the customer has paid', async () => {
        const session = sessionJson();
        const intent = { ...liveIntent, id: 'pi_0123456789abcd' };
        const paid = () => sessionJson({ status: 'COMPLETED', completed_at: new Date().toISOString(), payment_intent: { ...intent, status: 'SUCCEEDED' } as never });
        const slowRead = deferred<Response>();
        let reads = 0;
        let confirmed = false;
        stub = stubFetch((request) => {
          if (request.url.pathname === '/payment-intents') return json(intent, 201);
          reads += 1;
          if (reads === 2) return slowRead.promise;
          return json(confirmed ? paid() : session);
        });
        cleanTasks();
        const el = await mount();
        await waitForState(el, 'ready');
        el.confirmPayment = async () => ((confirmed = true), { status: 'succeeded' });
        pageShow(true);
        await waitUntil(() => reads === 2, 'the session was not read again');
        // The customer pays while that read is on its way, on a slow network.
        const success = oneEvent(el, 'kohort-success');
        clickPay(el);
        await success;
        await waitForState(el, 'completed');
        const events: string[] = [];
        for (const type of ['kohort-ready', 'kohort-success', 'kohort-error']) el.addEventListener(type, () => events.push(type));
        slowRead.resolve(json(paid()));
        await allTasks();
        await el.updateComplete;
        expect(events).to.deep.equal([]);
        expect(text(el, '#outcome-heading')).to.equal('Paiement réussi');
      });

      it('keeps the form as the customer left it, and says nothing, when that read fails (still offline after the back/forward cache)', async () => {
        let reads = 0;
        stub = stubFetch(() => {
          if ((reads += 1) > 1) throw new TypeError('Failed to fetch');
          return json(sessionJson());
        });
        // Earlier tests leave payments that never end (a confirmPayment that never answers): allTasks() waits for this test's only.
        cleanTasks();
        const el = await mount();
        await waitForState(el, 'ready');
        await typeInto(el, '#email', 'gaston@example.com');
        const errors: Event[] = [];
        el.addEventListener('kohort-error', (event) => errors.push(event));
        pageShow(true);
        await waitUntil(() => reads > 1, 'the session was not read again');
        // Its retries given up, whatever that would set off.
        await allTasks();
        await el.updateComplete;
        expect(el.state).to.equal('ready');
        expect(errors).to.deep.equal([]);
        expect($<HTMLInputElement>(el, '#email')!.value).to.equal('gaston@example.com');
      });

      it('reads an open session once, behind the form, which stays as the customer left it', async () => {
        stub = stubFetch(() => json(sessionJson()));
        cleanTasks();
        const el = await mount();
        await waitForState(el, 'ready');
        await typeInto(el, '#email', 'gaston@example.com');
        const reads = stub.requests.length;
        const events: string[] = [];
        for (const type of ['kohort-ready', 'kohort-error']) el.addEventListener(type, () => events.push(type));
        pageShow(false); // a new page load: nothing to ask
        pageShow(true);
        await waitUntil(() => stub!.requests.length === reads + 1, 'the session was not read again');
        // That read taken in and rendered, whatever it would set off.
        await allTasks();
        await el.updateComplete;
        expect(stub.requests.length).to.equal(reads + 1);
        expect(el.state).to.equal('ready');
        expect($<HTMLInputElement>(el, '#email')!.value).to.equal('gaston@example.com');
        expect(events).to.deep.equal([]);
      });
    });

    it('shows the expired view when the session expired while paying', async () => {
      let reads = 0;
      stub = stubFetch((request) => {
        if (request.url.pathname === '/payment-intents') return apiError(400, 'WRONG_STATUS', 'Checkout session is not open.');
        reads += 1;
        return json(sessionJson(reads === 1 ? {} : { status: 'EXPIRED' }));
      });
      const el = await mount();
      await waitForState(el, 'ready');
      el.confirmPayment = async () => ({ status: 'succeeded' });
      setTimeout(() => clickPay(el));
      await oneEvent(el, 'kohort-expired');
      await waitForState(el, 'expired');
    });

    it('reports a network failure while creating the payment, with nothing charged', async () => {
      const { el, error } = await payMeets(() => {
        throw new TypeError('Failed to fetch');
      });
      expect(error.detail).to.include({ code: 'network_error', retryable: true });
      expect(text(el, '[part~="payment-error"]')).to.equal('Impossible de joindre KohortPay. Vérifiez votre connexion à Internet, puis réessayez.');
      expect(error.detail.message).to.equal(text(el, '[part~="payment-error"]'));
      await waitForFocus(el, '[part~="payment-error"]', 'the message');

      // Back online, as the offline notice promised: the message goes, and Pay is ready again, with the focus.
      window.dispatchEvent(new Event('online'));
      await el.updateComplete;
      expect($(el, '[part~="payment-error"]')).to.not.exist;
      expect($(el, '[part~="pay-button"]')!.getAttribute('aria-disabled')).to.equal(null);
      await waitForFocus(el, '[part~="pay-button"]', 'the Pay button');
    });

    it('says under Pay that the payment failed when the API answers NOT_FOUND to a payment made without a friend’s code', async () => {
      const { el, error, confirmed } = await payMeets(() => apiError(404, 'NOT_FOUND', 'Payment group not found.'));
      // While paying, `retryable` says whether paying again may work (README): only a refused customer or key may not.
      expect(error.detail).to.include({ code: 'not_found', status: 404, retryable: true });
      expect(text(el, '[part~="payment-error"]')).to.equal('Le paiement n’a pas pu aboutir. Réessayez dans un instant.');
      expect(error.detail.message).to.equal(text(el, '[part~="payment-error"]'));
      await waitForFocus(el, '[part~="payment-error"]', 'the message');
      expect(confirmed()).to.equal(0);
      expect(el.state).to.equal('ready');
    });

    it('tells the page paying again will not help (retryable: false) when the API refuses the key while paying, and the customer to contact the shop', async () => {
      const { el, error } = await payMeets(() => apiError(401, 'UNAUTHORIZED', 'API key is not valid'), 'en');
      expect(error.detail).to.include({ code: 'unauthorized', status: 401, retryable: false });
      const words = 'KohortPay cannot accept this payment. Please contact the shop.';
      expect(text(el, '[part~="payment-error"]')).to.equal(words);
      expect(error.detail.message).to.equal(words);
      expect(el.state).to.equal('ready');
    });

    it('asks the customer to wait when creating the payment is still refused as too many requests', async () => {
      const { el, error } = await payMeets(() => apiError(429, 'TOO_MANY_REQUESTS', 'Rate limit exceeded.'));
      expect(error.detail).to.include({ code: 'rate_limited', status: 429, retryable: true });
      expect(text(el, '[part~="payment-error"]')).to.equal('Patientez une minute, puis réessayez.');
    });

    it('says the API took too long when creating the payment never answers in time, and charges nothing', async () => {
      NETWORK_POLICY.timeoutMs = 100;
      // Never answers: only the widget's own timeout ends the wait.
      const { el, error, confirmed } = await payMeets(
        (request) => new Promise<Response>((_, reject) => request.signal?.addEventListener('abort', () => reject(new DOMException('Aborted', 'AbortError')))),
      );
      expect(error.detail).to.include({ code: 'timeout', retryable: true });
      expect(text(el, '[part~="payment-error"]')).to.equal('KohortPay met trop de temps à répondre. Réessayez dans un instant.');
      expect(confirmed()).to.equal(0);
      expect(el.state).to.equal('ready');
    });

    it('says the service is unavailable when creating the payment meets a server error', async () => {
      const { el, error } = await payMeets(() => apiError(503, 'INTERNAL_SERVER_ERROR', 'Upstream unavailable.'));
      expect(error.detail).to.include({ code: 'server_error', status: 503, retryable: true });
      expect(text(el, '[part~="payment-error"]')).to.equal('KohortPay rencontre un problème temporaire. Réessayez dans un instant.');
    });
  });
});
