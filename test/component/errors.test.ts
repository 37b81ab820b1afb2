import { expect, oneEvent } from '@open-wc/testing';
import type { KohortCancelEvent, KohortErrorEvent } from '../../src/kohort-checkout.js';
import { SESSION_TIMING } from '../../src/stores/session.js';
import { FAST_NETWORK, PK, apiError, eur, holdWidgetClock, json, recordConsole, mount, recordNavigation, sandbox, sessionJson, shadow, stubFetch, text, waitForState } from './helpers.js';

/** The file whose timer waits for a missing attribute, as `holdWidgetClock()` names it. */
const SESSION_STORE = 'stores/session.ts';

describe('the error view', () => {
  let stub: ReturnType<typeof stubFetch> | undefined;
  afterEach(() => stub?.restore());

  async function failWith(answer: () => Response | Promise<Response>, attributes: Parameters<typeof mount>[0] = {}) {
    stub = stubFetch(answer);
    // Errors found before any request fire during the first render: listen first.
    const fired = oneEvent(document, 'kohort-error') as Promise<KohortErrorEvent>;
    const el = await mount(attributes);
    const event = await fired;
    await waitForState(el, 'error');
    return { el, event };
  }

  it('tells the merchant which attribute is missing, without sending a request', async () => {
    const { el, event } = await failWith(() => json(sessionJson()), { sessionId: '' });
    expect(event.detail).to.include({ code: 'missing_attribute', retryable: false });
    expect(event.detail.message).to.contain('session-id');
    expect(text(el, '[part~="message"]')).to.contain('session-id');
    expect(stub!.requests).to.have.length(0);
    expect(shadow(el).querySelector('[part~="retry-button"]')).to.not.exist;
    await expect(el).to.be.accessible();
  });

  describe('for the page’s developer', () => {
    const errors = recordConsole('error');

    it('says in the console what failed, with the session and the API it used, whether the page listens or not', async () => {
      await failWith(() => apiError(404, 'Checkout session not found'), { sessionId: 'cs_nothere0000000' });
      expect(errors).to.have.length(1);
      expect(errors[0]).to.match(/^\[kohort-checkout\] session_not_found \(HTTP 404\): .*Session "cs_nothere0000000", api-base https:\/\/api\.test\.kohortpay\.example\.$/);
    });

    it('never prints the user name and password of an api-base refused for carrying them', async () => {
      await failWith(() => json(sessionJson()), { apiBase: 'https://merchant:s3cret-pass@api.test.kohortpay.example' });
      expect(errors).to.have.length(1);
      expect(errors[0]).to.match(/^\[kohort-checkout\] invalid_api_base: .*api-base https:\/\/\*\*\*@api\.test\.kohortpay\.example\.$/);
    });

    describe('in a development build, a setup KohortPay would answer with a bare 404', () => {
      const warnings = recordConsole('warn');
      const shareId = (mode: string) => `cs_${mode}_${'5eed'.repeat(14)}aa`;

      it('warns of a test-mode share id with a live key, and of a live one with a test key', async () => {
        const live = 'pk_live_widgettests0000000000000000';
        await failWith(() => apiError(404, 'Checkout session not found'), { sessionId: shareId('test'), publishableKey: live });
        stub!.restore();
        await failWith(() => apiError(404, 'Checkout session not found'), { sessionId: shareId('live') });
        expect(warnings).to.deep.equal([
          `[kohort-checkout] session-id "${shareId('test')}" is a test-mode session and publishable-key a live key: KohortPay finds a session only with a key of its own mode (pk_test_…).`,
          `[kohort-checkout] session-id "${shareId('live')}" is a live-mode session and publishable-key a test key: KohortPay finds a session only with a key of its own mode (pk_live_…).`,
        ]);
      });

      it('warns of a path after KohortPay’s own API origin, once, where the widget adds its own', async () => {
        const { el } = await failWith(() => apiError(404, 'Not Found'), { apiBase: 'https://api.kohortpay.com/v1' });
        el.sessionId = 'cs_0123456789abce';
        await waitForState(el, 'error');
        expect(stub!.requests.at(-1)!.url.href).to.match(/^https:\/\/api\.kohortpay\.com\/v1\/checkout-sessions\//);
        expect(warnings).to.deep.equal([
          `[kohort-checkout] api-base "https://api.kohortpay.com/v1" has a path: KohortPay's API is at https://api.kohortpay.com itself, and the widget adds /checkout-sessions/… to api-base.`,
        ]);
      });

      it('says nothing of a plain session id (it has no mode), a share id of the key’s mode, or a proxy with a path', async () => {
        stub = stubFetch(() => json(sessionJson()));
        const live = 'pk_live_widgettests0000000000000000';
        for (const attributes of [
          { publishableKey: live },
          { sessionId: shareId('test') },
          { sessionId: shareId('live'), publishableKey: live },
          { apiBase: 'https://shop.example/kohort-proxy/' },
          { apiBase: 'https://api.kohortpay.com/' },
        ]) {
          const el = await mount(attributes);
          await waitForState(el, 'ready');
          el.remove();
        }
        expect(warnings).to.deep.equal([]);
      });
    });

    it('takes a key and an api-base with stray spaces or newlines as they were meant', async () => {
      stub = stubFetch(() => json(sessionJson()));
      const el = await mount({ publishableKey: ` ${PK}\n`, apiBase: ' https://api.test.kohortpay.example/\n' });
      await waitForState(el, 'ready');
      expect(stub.requests[0]!.url.href).to.match(/^https:\/\/api\.test\.kohortpay\.example\/checkout-sessions\//);
      expect(stub.requests[0]!.headers.get('authorization')).to.equal(`Bearer ${PK}`);
    });

    it('treats a key set to undefined from JavaScript as missing: skeleton, then the message, never an exception', async () => {
      stub = stubFetch(() => json(sessionJson()));
      const thrown: unknown[] = [];
      const onError = (event: ErrorEvent) => thrown.push(event.error ?? event.message);
      window.addEventListener('error', onError);
      try {
        const el = document.createElement('kohort-checkout');
        el.sessionId = 'cs_0123456789abcd';
        (el as unknown as { publishableKey: unknown }).publishableKey = undefined;
        el.apiBase = 'https://api.test.kohortpay.example';
        const fired = oneEvent(el, 'kohort-error') as Promise<KohortErrorEvent>;
        document.body.append(el);
        await el.updateComplete;
        expect(el.shadowRoot!.querySelector('[part~="skeleton"]'), 'the skeleton meanwhile').to.exist;
        expect((await fired).detail).to.include({ code: 'missing_attribute' });
        expect(text(el, '[part~="message"]')).to.contain('publishable-key');
        el.remove();
      } finally {
        window.removeEventListener('error', onError);
      }
      expect(thrown).to.deep.equal([]);
    });
  });

  describe('set a moment after the element (the page creates the session first)', () => {
    /** The clock of the wait, moved by each test; no test waits for it. */
    let clock: ReturnType<typeof holdWidgetClock>;
    beforeEach(() => {
      SESSION_TIMING.attributeGraceMs = 1500;
      clock = holdWidgetClock();
    });
    afterEach(() => clock.restore());

    /** The `kohort-error` codes fired on the page while `test` runs. */
    async function errorCodesDuring(test: (codes: string[]) => Promise<void>) {
      const codes: string[] = [];
      const onError = (event: Event) => codes.push((event as KohortErrorEvent).detail.code);
      document.addEventListener('kohort-error', onError);
      try {
        await test(codes);
      } finally {
        document.removeEventListener('kohort-error', onError);
      }
    }

    it('shows the skeleton meanwhile, then the session, with no error', async () => {
      stub = stubFetch(() => json(sessionJson()));
      await errorCodesDuring(async (errors) => {
        const el = await mount({ sessionId: '' });
        await clock.advance(SESSION_TIMING.attributeGraceMs - 1);
        expect(el.state).to.equal('loading');
        expect(shadow(el).querySelector('[part~="skeleton"]')).to.exist;
        expect(stub!.requests).to.have.length(0);
        el.sessionId = 'cs_0123456789abcd';
        await waitForState(el, 'ready');
        // Past the end of the wait, the attribute set in time is not called missing.
        await clock.advance(SESSION_TIMING.attributeGraceMs);
        expect(errors).to.deep.equal([]);
        expect(el.state).to.equal('ready');
      });
    });

    it('says nothing once the element has left the page during the wait, and waits again when it comes back', async () => {
      stub = stubFetch(() => json(sessionJson()));
      await errorCodesDuring(async (errors) => {
        const el = await mount({ sessionId: '' });
        expect(clock.pending(SESSION_STORE), 'the wait').to.have.length(1);
        const parent = el.parentNode!;
        el.remove();
        // Gone, it waits for nothing: no timer of the widget is left to call the attribute missing.
        expect(clock.pending(), 'timers left once removed').to.deep.equal([]);
        await clock.advance(SESSION_TIMING.attributeGraceMs);
        parent.append(el);
        await el.updateComplete;
        expect(el.state).to.equal('loading');
        // Back, it waits the whole wait again.
        await clock.advance(SESSION_TIMING.attributeGraceMs - 1);
        expect(el.state).to.equal('loading');
        expect(errors).to.deep.equal([]);
        await clock.advance(1);
        await waitForState(el, 'error');
        expect(errors).to.deep.equal(['missing_attribute']);
      });
    });

    it('shows the skeleton meanwhile with an api-base that is not a URL (a test key), then refuses that api-base once session-id comes', async () => {
      stub = stubFetch(() => json(sessionJson()));
      await errorCodesDuring(async (errors) => {
        const el = await mount({ sessionId: '', apiBase: 'api.test.kohortpay.com' });
        expect(el.state).to.equal('loading');
        expect(shadow(el).querySelector('[part~="skeleton"]')).to.exist;
        el.sessionId = 'cs_0123456789abcd';
        await waitForState(el, 'error');
        expect(errors).to.deep.equal(['invalid_api_base']);
        expect(stub!.requests).to.have.length(0);
      });
    });

    it('says it is missing if it is still missing after the wait', async () => {
      stub = stubFetch(() => json(sessionJson()));
      await errorCodesDuring(async (errors) => {
        const el = await mount({ sessionId: '' });
        await clock.advance(SESSION_TIMING.attributeGraceMs - 1);
        expect(el.state).to.equal('loading');
        expect(errors).to.deep.equal([]);
        const fired = oneEvent(document, 'kohort-error') as Promise<KohortErrorEvent>;
        await clock.advance(1);
        await waitForState(el, 'error');
        expect((await fired).detail).to.include({ code: 'missing_attribute', retryable: false });
        expect(text(el, '[part~="message"]')).to.contain('session-id');
        expect(errors).to.deep.equal(['missing_attribute']);
      });
    });
  });

  it('asks for the publishable key when it is missing', async () => {
    const { event } = await failWith(() => json(sessionJson()), { publishableKey: '' });
    expect(event.detail.code).to.equal('missing_attribute');
    expect(event.detail.message).to.contain('publishable-key');
    expect(stub!.requests).to.have.length(0);
  });

  it('refuses a secret key before any request, and never shows it in full', async () => {
    const secret = 'sk_test_51SuperSecretValue9876';
    const { el, event } = await failWith(() => json(sessionJson()), { publishableKey: secret });
    expect(stub!.requests).to.have.length(0);
    expect(event.detail.code).to.equal('secret_key');
    expect(event.detail.message).to.contain('sk_test_…9876');
    expect(JSON.stringify(event.detail)).to.not.contain(secret);
    expect(shadow(el).textContent).to.not.contain(secret);
    expect(text(el, '[part~="message"]')).to.contain('clé publique');
    await expect(el).to.be.accessible();
  });

  it('refuses a malformed key before any request', async () => {
    const { event } = await failWith(() => json(sessionJson()), { publishableKey: 'hello' });
    expect(event.detail.code).to.equal('invalid_key');
    expect(stub!.requests).to.have.length(0);
  });

  for (const key of ['pk_test_clé0000000000', 'pk_live_\u200b0000000000', 'pk_test_abc\u00a0def']) {
    it(`refuses a key with a character no key has (pasted with it) as malformed, before any request: ${JSON.stringify(key)}`, async () => {
      const { event } = await failWith(() => json(sessionJson()), { publishableKey: key });
      expect(event.detail).to.include({ code: 'invalid_key', retryable: false });
      expect(stub!.requests).to.have.length(0);
    });
  }

  it('refuses an api-base with a user name or password in it (fetch will not send one) as such, not as a network error', async () => {
    const withCredentials = new URL(sandbox.url);
    withCredentials.username = 'merchant';
    withCredentials.password = 'secret';
    const fired = oneEvent(document, 'kohort-error') as Promise<KohortErrorEvent>;
    const el = await mount({ apiBase: withCredentials.href, publishableKey: sandbox.publishableKey });
    expect((await fired).detail).to.include({ code: 'invalid_api_base', retryable: false });
    await waitForState(el, 'error');
  });

  it('refuses an api-base that is not http(s)', async () => {
    const { event } = await failWith(() => json(sessionJson()), { apiBase: 'javascript:alert(1)' });
    expect(event.detail.code).to.equal('invalid_api_base');
    expect(stub!.requests).to.have.length(0);
  });

  it('refuses an api-base that is not a URL at all (a host written without https://), without sending a request', async () => {
    const { el, event } = await failWith(() => json(sessionJson()), { apiBase: 'api.test.kohortpay.com' });
    expect(event.detail).to.include({ code: 'invalid_api_base', retryable: false });
    expect(text(el, '[part~="message"]')).to.contain('https');
    expect(stub!.requests).to.have.length(0);
  });

  it('never sends a live key over plain http to another computer', async () => {
    const { el, event } = await failWith(() => json(sessionJson()), { apiBase: 'http://api.kohortpay.com', publishableKey: 'pk_live_widgettests000000000000000' });
    expect(event.detail).to.include({ code: 'invalid_api_base', retryable: false });
    expect(text(el, '[part~="message"]')).to.contain('https');
    expect(stub!.requests).to.have.length(0);
  });

  for (const apiBase of ['http://localhost:4010', 'http://shop.localhost:4010', 'http://127.0.0.1:4010', 'http://[::1]:4010']) {
    it(`lets a live key reach a server on this computer over http: ${apiBase}`, async () => {
      stub = stubFetch(() => json(sessionJson({ livemode: true })));
      const el = await mount({ apiBase, publishableKey: 'pk_live_widgettests000000000000000' });
      await waitForState(el, 'ready');
      expect(stub.requests[0]!.url.origin).to.equal(new URL(apiBase).origin);
    });
  }

  for (const apiBase of ['http://localhost.example.com', 'http://mylocalhost:4010', 'http://127.0.0.1.example.com']) {
    it(`never sends a live key over plain http to a host only named like this computer: ${apiBase}`, async () => {
      const { event } = await failWith(() => json(sessionJson()), { apiBase, publishableKey: 'pk_live_widgettests000000000000000' });
      expect(event.detail.code).to.equal('invalid_api_base');
      expect(stub!.requests).to.have.length(0);
    });
  }

  it('lets a test key reach a test server on the network over http', async () => {
    stub = stubFetch(() => json(sessionJson()));
    const el = await mount({ apiBase: 'http://192.168.1.20:4010' });
    await waitForState(el, 'ready');
    expect(stub.requests).to.have.length(1);
  });

  it('warns when a function or an object arrives as an attribute (Vue’s kebab-case binding), naming the property to set', async () => {
    const warnings: string[] = [];
    const originalWarn = console.warn;
    console.warn = (message: string) => warnings.push(message);
    try {
      stub = stubFetch(() => json(sessionJson()));
      const el = document.createElement('kohort-checkout');
      el.setAttribute('confirm-payment', 'async () => ({ status: "succeeded" })');
      el.setAttribute('messages', '[object Object]');
      Object.assign(el, { sessionId: 'cs_0123456789abcd', publishableKey: 'pk_test_widgettests0000000000000000', apiBase: 'https://api.test.kohortpay.example' });
      document.body.append(el);
      await waitForState(el, 'ready');
      expect(el.confirmPayment).to.equal(undefined);
      expect(warnings.find((warning) => warning.includes('confirm-payment'))).to.contain(':confirmPayment=').and.contain(':confirm-payment.camel=');
      expect(warnings.find((warning) => warning.includes('messages attribute'))).to.contain('messages property');
      el.remove();
    } finally {
      console.warn = originalWarn;
    }
  });

  it('says the session does not exist on 404', async () => {
    const { el, event } = await failWith(() => apiError(404, 'Not Found', 'Checkout session not found.'));
    expect(event.detail).to.include({ code: 'session_not_found', status: 404, retryable: false, sessionId: 'cs_0123456789abcd' });
    expect(text(el, '[part~="message"] h2')).to.equal('Paiement introuvable');
    // What the customer reads out to the shop's support: the code and the HTTP status.
    expect(text(el, '.reference')).to.equal('Référence\u00a0: session_not_found (404)');
    expect(shadow(el).querySelector('[part~="retry-button"]')).to.not.exist;
    await expect(el).to.be.accessible();
  });

  for (const sessionId of ['.', '..', ' .. ']) {
    it(`says no session has the id ${JSON.stringify(sessionId)}, without sending a request (it would go to /checkout-sessions/ or /)`, async () => {
      const { el, event } = await failWith(() => apiError(404, 'Not Found', 'Cannot GET /'), { sessionId });
      expect(stub!.requests).to.have.length(0);
      expect(event.detail).to.deep.include({ code: 'session_not_found', retryable: false, sessionId: sessionId.trim() });
      expect(event.detail.status).to.equal(undefined);
      expect(text(el, '[part~="message"] h2')).to.equal('Paiement introuvable');
      expect(text(el, '.reference')).to.equal('Référence\u00a0: session_not_found');
    });
  }

  it('offers the way back to the shop when the session does not exist, to the site’s home page', async () => {
    const { el } = await failWith(() => apiError(404, 'Not Found', 'Checkout session not found.'), { sessionId: 'cs_nothere0000000' });
    const visited = recordNavigation(el);
    const back = shadow(el).querySelector<HTMLButtonElement>('[part~="cancel-button"]')!;
    expect(back.textContent!.trim()).to.equal('Retour à la boutique');
    setTimeout(() => back.click());
    const event = (await oneEvent(el, 'kohort-cancel')) as KohortCancelEvent;
    expect(event.detail).to.deep.equal({ sessionId: 'cs_nothere0000000' });
    expect(visited).to.deep.equal([location.origin]);
  });

  it('says the key is not recognised on 401', async () => {
    const { el, event } = await failWith(() => apiError(401, 'Unauthorized', 'API key is not valid'));
    expect(event.detail).to.include({ code: 'unauthorized', status: 401, retryable: false });
    expect(text(el, '[part~="message"] h2')).to.equal('Clé non reconnue');
  });

  it('says the key is not recognised on 403 too', async () => {
    const { event } = await failWith(() => apiError(403, 'FORBIDDEN', 'This key may not read this session.'));
    expect(event.detail).to.include({ code: 'unauthorized', status: 403, retryable: false });
  });

  it('refuses an api-base that answers with a redirect, never following it', async () => {
    // What fetch gives for a redirect with `redirect: 'manual'`.
    const redirect = () => Object.defineProperties(new Response(null), { type: { value: 'opaqueredirect' }, status: { value: 0 }, ok: { value: false } });
    const { el, event } = await failWith(redirect);
    expect(event.detail).to.include({ code: 'invalid_api_base', retryable: false });
    expect(stub!.requests).to.have.length(1);
    expect(shadow(el).querySelector('[part~="retry-button"]')).to.not.exist;
  });

  it('offers Retry after a network failure outlasts the automatic retries, and Retry loads the session', async () => {
    let calls = 0;
    const { el, event } = await failWith(() => {
      calls += 1;
      if (calls <= 1 + FAST_NETWORK.retries) throw new TypeError('Failed to fetch');
      return json(sessionJson());
    });
    expect(event.detail).to.include({ code: 'network_error', retryable: true });
    expect(event.detail.status).to.equal(undefined);
    expect(text(el, '[part~="message"] h2')).to.equal('Connexion impossible');
    await expect(el).to.be.accessible();
    shadow(el).querySelector<HTMLButtonElement>('[part~="retry-button"]')!.click();
    await waitForState(el, 'ready');
    expect(calls).to.equal(2 + FAST_NETWORK.retries);
  });

  it('offers Retry after a server error', async () => {
    const { el, event } = await failWith(() => apiError(503, 'Service Unavailable'));
    expect(event.detail).to.include({ code: 'server_error', status: 503, retryable: true });
    expect(shadow(el).querySelector('[part~="retry-button"]')).to.exist;
  });

  it('asks the customer to wait when the API still answers 429 after the automatic retries, and offers Retry', async () => {
    let calls = 0;
    const { el, event } = await failWith(() => {
      calls += 1;
      return apiError(429, 'Too Many Requests', 'Rate limit exceeded.');
    });
    expect(event.detail).to.include({ code: 'rate_limited', status: 429, retryable: true });
    expect(calls).to.equal(1 + FAST_NETWORK.retries);
    expect(text(el, '[part~="message"] h2')).to.equal('Trop de demandes');
    expect(text(el, '[part~="message"] p')).to.equal('Patientez une minute, puis réessayez.');
    expect(shadow(el).querySelector('[part~="retry-button"]')).to.exist;
  });

  it('says the request was refused on another 4xx, with the API’s own code and no Retry', async () => {
    const { el, event } = await failWith(() => apiError(400, 'BAD_REQUEST', 'Invalid checkout session id.'));
    expect(event.detail).to.include({ code: 'request_failed', status: 400, retryable: false });
    expect(text(el, '[part~="message"] h2')).to.equal('Demande refusée');
    expect(shadow(el).querySelector('[part~="retry-button"]')).to.not.exist;
  });

  it('treats an answer that is not JSON as unreadable', async () => {
    const { el, event } = await failWith(() => new Response('{"id": "cs_', { status: 200, headers: { 'Content-Type': 'application/json' } }));
    expect(event.detail.code).to.equal('invalid_response');
    expect(text(el, '[part~="message"] h2')).to.equal('Réponse illisible');
    await expect(el).to.be.accessible();
  });

  it('treats missing fields or wrong types as unreadable, never showing NaN or undefined', async () => {
    for (const broken of [
      { ...sessionJson(), amount_total: '74.30' },
      { ...sessionJson(), currency: undefined },
      { ...sessionJson(), line_items: [{ name: 'x', price: 'free', quantity: 1, type: 'PRODUCT' }] },
      { ...sessionJson(), expires_at: 'tomorrow' },
      // A total to pay below zero: never "Pay −74,30 €".
      { ...sessionJson(), amount_total: -7430 },
      // Money is integer minor units: half a cent is no amount.
      { ...sessionJson(), amount_total: 7430.5 },
      // An empty string is no id, and no name for a line.
      { ...sessionJson(), id: '' },
      { ...sessionJson(), line_items: [{ name: '', price: 7430, quantity: 1, type: 'PRODUCT' }] },
      // No article is no line: a quantity of 0 is not "0 × 74,30 €".
      { ...sessionJson(), line_items: [{ name: 'x', price: 7430, quantity: 0, amount_total: 0, type: 'PRODUCT' }] },
      // Only null or absent is "no intent": even an empty string may stand for a payment under way, never offered again.
      { ...sessionJson(), payment_intent: '' },
      // Computed as price × quantity, a line beyond what an integer can hold exactly.
      { ...sessionJson(), line_items: [{ name: 'x', price: 1e12, quantity: 1e7, type: 'PRODUCT' }] },
      [],
    ]) {
      stub?.restore();
      const { el, event } = await failWith(() => json(broken));
      expect(event.detail.code).to.equal('invalid_response');
      expect(shadow(el).textContent).to.not.match(/NaN|undefined/);
    }
  });

  it('offers Retry for an unreadable answer, as its message says, and shows the session once the API answers well', async () => {
    let answer: unknown = { ...sessionJson(), currency: undefined };
    const { el, event } = await failWith(() => json(answer));
    expect(event.detail).to.include({ code: 'invalid_response', retryable: true });
    answer = sessionJson();
    shadow(el).querySelector<HTMLButtonElement>('[part~="retry-button"]')!.click();
    await waitForState(el, 'ready');
  });

  it('refuses a session status it does not know rather than guessing a view', async () => {
    const { event } = await failWith(() => json({ ...sessionJson(), status: 'PENDING_REVIEW' }));
    expect(event.detail.code).to.equal('invalid_response');
  });

  it('reads null as “not given” where the contract has a default: no line items, quantity 1, price × quantity', async () => {
    stub = stubFetch(() => json({ ...sessionJson(), line_items: null }));
    const empty = await mount({ publishableKey: PK });
    await waitForState(empty, 'ready');
    expect(shadow(empty).querySelectorAll('[part~="line-item"]')).to.have.length(0);
    stub.restore();

    const item = { name: 'Carafe', price: 2400, quantity: null, amount_total: null, type: 'PRODUCT' };
    stub = stubFetch(() => json({ ...sessionJson(), amount_total: 2400, line_items: [item] }));
    const el = await mount({ publishableKey: PK });
    await waitForState(el, 'ready');
    expect(text(el, '[part~="line-item"] .amount')).to.equal(eur(2400));
  });

  it('shows a line’s amount_total as the API gives it, so that the lines add up to what is charged, even where it is not price × quantity', async () => {
    // Three for the price of two and a half: what the merchant's server decided, not the widget.
    const item = { name: 'Carafe', price: 2000, quantity: 3, amount_total: 5000, type: 'PRODUCT' };
    stub = stubFetch(() => json({ ...sessionJson(), amount_total: 5000, line_items: [item] }));
    const el = await mount({ publishableKey: PK });
    await waitForState(el, 'ready');
    expect(text(el, '[part~="line-item"] .amount')).to.equal(eur(5000));
  });

  it('ignores unknown extra fields', async () => {
    stub = stubFetch(() => json({ ...sessionJson(), brand_new_field: { nested: true } }));
    const el = await mount({ publishableKey: PK });
    await waitForState(el, 'ready');
  });
});
