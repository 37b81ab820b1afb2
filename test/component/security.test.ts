/**
 * Security: every string from the API is shown as text and never becomes markup; URLs
 * and colours from data are checked; a secret key is refused before any request; the
 * widget talks to `api-base` only and keeps nothing personal in the browser.
 */
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { allTasks, cleanTasks } from 'nanostores';
import type { KohortCheckout, KohortErrorEvent, KohortReadyEvent } from '../../src/kohort-checkout.js';
import type { CheckoutSession, DiscountLevel, PaymentGroup, PaymentIntent, ValidatedPaymentGroup } from '../../src/api/types.js';
import { GROUP_POLL } from '../../src/stores/group.js';
import { safeNavigationUrl, secureUrl } from '../../src/internal/safe-values.js';
import { inviteLink } from '../../src/referral/invite-link.js';
import { PAYMENT_TIMING } from '../../src/stores/payment.js';
import {
  API,
  PK,
  apiError,
  createSandboxSession,
  deferred,
  json,
  lineItem,
  mount,
  mountOnSandbox,
  sandbox,
  sessionJson,
  shadow,
  stubFetch,
  text,
  texts,
  waitForState,
  type RecordedRequest,
  sleep,
  clickPay,
  recordNavigation,
  applyFriendCode,
  recordConsole,
  holdWidgetClock,
} from './helpers.js';

/** Classic injection strings: each would run `window.__xss=1` if it ever became markup or a link. */
const PAYLOADS = [
  '<img src=x onerror=window.__xss=1>',
  '<script>window.__xss=1</script>',
  '"><svg onload=window.__xss=1>',
  'javascript:window.__xss=1',
];

const SESSION_ID = 'cs_0123456789abcd';
const INTENT_ID = 'pi_0123456789abcd';
const GROUP_ID = 'pg_0123456789abcd';
const CODE = 'KHT-test-0A1B2C3D';
const LEVELS: DiscountLevel[] = [
  { level: 1, value: 5, participants_to_unlock: 2 },
  { level: 2, value: 10, participants_to_unlock: 5 },
];

const xss = () => (window as { __xss?: unknown }).__xss;
const $ = <T extends Element = HTMLElement>(el: KohortCheckout, selector: string) => shadow(el).querySelector<T>(selector);
const inOneDay = () => new Date(Date.now() + 86_400_000).toISOString();




/**
 * Waits until the widget has done all it would do by itself but expire the session: no request or
 * payment under way (its tasks ended), rendered, and no timer of its own left but the session's expiry.
 */
async function nothingLeftButExpiry(el: KohortCheckout, clock: ReturnType<typeof holdWidgetClock>) {
  await allTasks();
  await el.updateComplete;
  expect(clock.pending().map((timer) => timer.source), 'the widget’s timers left').to.deep.equal(['stores/session.ts']);
}

/**
 * Runs `test` with the widget's timers held on a clock the test moves, and forgets the tasks
 * earlier tests' widgets left waiting for answers that never come: allTasks() is this widget's.
 */
async function onHeldClock(test: (clock: ReturnType<typeof holdWidgetClock>) => Promise<void>) {
  cleanTasks();
  const clock = holdWidgetClock();
  try {
    await test(clock);
  } finally {
    clock.restore();
  }
}

/** A session carrying `payload` in every string field the widget may show or follow. */
function hostileSession(payload: string, overrides: Partial<CheckoutSession> = {}): CheckoutSession {
  return sessionJson({
    url: payload,
    success_url: payload,
    cancel_url: payload,
    customer_email: payload,
    customer_first_name: payload,
    customer_last_name: payload,
    line_items: [
      lineItem({ name: payload, description: payload, image_url: payload, price: 2990 }),
      lineItem({ name: payload, description: payload, image_url: payload, price: 490, type: 'SHIPPING' }),
    ],
    organization: {
      name: payload,
      website_url: payload,
      image_url: payload,
      brand_settings: [{ livemode: false, color: payload, logo_url: payload }],
    },
    ...overrides,
  });
}

function participant(index: number, name: string): PaymentIntent {
  return {
    id: index === 0 ? INTENT_ID : `pi_00000000000${index}00`,
    amount: 2990,
    currency: 'EUR',
    customer_email: `participant${index}@example.com`,
    checkout_session_id: `cs_00000000000${index}00`,
    payment_group_id: GROUP_ID,
    status: 'SUCCEEDED',
    customer: { first_name: name, last_name: name },
  };
}

/** `GET /payment-groups/{id}` as the API sends it, with `payload` in the code and every name. */
function hostileGroup(payload: string): PaymentGroup {
  return {
    id: GROUP_ID,
    share_id: payload,
    livemode: false,
    customer_id: 'cus_0123456789abcd',
    creator_email: 'marie@example.com',
    status: 'OPEN',
    expires_at: inOneDay(),
    created_at: new Date().toISOString(),
    metadata: {},
    customer: { first_name: payload, last_name: payload },
    payment_group_settings: { discount_type: 'PERCENTAGE', max_participants: 15, minutes_duration: 1440, min_purchase_value: 0, discount_levels: LEVELS },
    payment_intents: [participant(0, payload), participant(1, payload)],
  };
}

/** `POST /payment-groups/{code}/validate`: the group with its settings merged in. */
function hostileValidation(payload: string): ValidatedPaymentGroup {
  const { payment_group_settings: settings, ...group } = hostileGroup(payload);
  return { ...group, ...settings, current_discount_level: LEVELS[0]! };
}

function paidSession(payload: string, overrides: Partial<CheckoutSession> = {}): CheckoutSession {
  const group = hostileGroup(payload);
  return hostileSession(payload, {
    status: 'COMPLETED',
    completed_at: new Date().toISOString(),
    payment_intent: {
      ...participant(0, payload),
      // The creator's own intent is this session's (the other participants' are theirs).
      checkout_session_id: SESSION_ID,
      payment_group: { id: GROUP_ID, share_id: payload, status: 'OPEN', livemode: false, expires_at: group.expires_at, created_at: group.created_at },
    },
    ...overrides,
  });
}

function intentJson(amount: number) {
  return { id: INTENT_ID, amount, currency: 'EUR', status: 'REQUIRES_PAYMENT_METHOD', client_secret: `${INTENT_ID}_secret_x`, checkout_session_id: SESSION_ID, livemode: false };
}

/** Answers every call the widget makes with `answers`, by route. */
function stubApi(answers: { session: () => CheckoutSession; group?: () => PaymentGroup; validation?: () => ValidatedPaymentGroup }) {
  return stubFetch((request: RecordedRequest) => {
    const path = request.url.pathname;
    if (path.endsWith('/validate') && answers.validation) return json(answers.validation(), 201);
    if (path.startsWith('/payment-groups/') && answers.group) return json(answers.group());
    if (path === '/payment-intents') return json(intentJson(answers.session().amount_total), 201);
    if (path.startsWith('/checkout-sessions/')) return json(answers.session());
    return apiError(404, 'Not Found');
  });
}

/**
 * Nothing in the shadow root came from data as markup: no script, svg or frame, no inline
 * handler, no `<img src=x>`, no style attribute; images only over https (or from the API's
 * own origin), links only http(s); and no injected script ran.
 */
async function expectNothingFromData(el: KohortCheckout, apiOrigin = new URL(API).origin) {
  // An `<img src=x onerror>` would fire once its load fails: give it the time to.
  await sleep(50);
  const root = shadow(el);
  expect(root.querySelectorAll('script, svg, math, iframe, frame, object, embed, style, link, base, meta, template'), 'elements from data').to.have.length(0);
  expect(root.querySelectorAll('img[src="x"]'), '<img src=x>').to.have.length(0);
  for (const element of root.querySelectorAll('*')) {
    const handlers = [...element.attributes].map((attribute) => attribute.name).filter((name) => name.startsWith('on'));
    expect(handlers, `inline handlers on <${element.localName}>`).to.deep.equal([]);
  }
  for (const image of root.querySelectorAll('img[src]')) {
    const src = new URL(image.getAttribute('src')!);
    expect(src.protocol === 'https:' || src.origin === apiOrigin, `image ${src.href}`).to.equal(true);
  }
  for (const link of root.querySelectorAll('[href]')) {
    expect(['https:', 'http:'], `link ${link.getAttribute('href')}`).to.include(new URL(link.getAttribute('href')!).protocol);
  }
  expect(root.querySelectorAll('[style]'), 'style attributes').to.have.length(0);
  expect(xss(), 'window.__xss').to.equal(undefined);
}

describe('security', () => {
  const originalDelays = PAYMENT_TIMING.settleDelaysMs;
  const originalPoll = { ...GROUP_POLL };
  const originalWarn = console.warn;
  let warnings: string[] = [];
  let stub: ReturnType<typeof stubFetch> | undefined;

  beforeEach(() => {
    warnings = [];
    // Refused URLs are reported with console.warn: record them instead of cluttering the output.
    console.warn = (...args: unknown[]) => warnings.push(args.map(String).join(' '));
    PAYMENT_TIMING.settleDelaysMs = [0, 100, 200, 300];
    Reflect.deleteProperty(window, '__xss');
  });
  afterEach(() => {
    stub?.restore();
    stub = undefined;
    console.warn = originalWarn;
    PAYMENT_TIMING.settleDelaysMs = originalDelays;
    Object.assign(GROUP_POLL, originalPoll);
  });

  describe('every string from the API is rendered as text', () => {
    for (const payload of PAYLOADS) {
      describe(payload, () => {
        it('shows it as text in the ready view: items, merchant, e-mail', async () => {
          stub = stubApi({ session: () => hostileSession(payload) });
          const el = await mount();
          await waitForState(el, 'ready');
          expect(texts(el, '.item-name')).to.deep.equal([payload]);
          expect(text(el, '.item-description')).to.equal(payload);
          expect(text(el, '.adjustment dt')).to.equal(`Livraison · ${payload}`);
          // The logo URL is refused, so the merchant's name is shown instead.
          expect(text(el, '.merchant')).to.equal(payload);
          expect($<HTMLInputElement>(el, '#email')!.value).to.equal(payload);
          expect($(el, 'img')).to.not.exist;
          expect($(el, '[part~="cancel-button"]')).to.not.exist;
          await expectNothingFromData(el);
        });

        /** The payload as first and last name: "Marie D." (no initial when the last name starts with no letter, as "<script>" does). */
        const shown = (name: string) => (/\p{L}/u.test(name[0]!) ? `${name} ${name[0]!.toUpperCase()}.` : name);

        it('shows it as text once a friend’s code is accepted: the code and the owner’s name', async () => {
          stub = stubApi({ session: () => hostileSession(payload, { customer_email: 'marie@example.com' }), validation: () => hostileValidation(payload) });
          const el = await mount();
          el.shareCode = CODE;
          await waitForState(el, 'ready');
          await waitUntil(() => $(el, '[part~="code-accepted"]'), 'the code was never accepted');
          expect(text(el, '.code-owner strong')).to.equal(payload);
          expect(text(el, '[part~="code-accepted"]')).to.contain(`Vous rejoignez ${shown(payload)} dans son groupe.`);
          await expectNothingFromData(el);
        });

        it('shows it as text in the completed view with a group: e-mail, code, participants, invite link', async () => {
          const website = 'https://shop.example.com/';
          const session = paidSession(payload, {
            organization: { name: payload, website_url: website, image_url: payload, brand_settings: [{ livemode: false, color: payload, logo_url: payload }] },
          });
          stub = stubApi({ session: () => session, group: () => hostileGroup(payload) });
          const el = await mount();
          await waitForState(el, 'completed');
          await waitUntil(() => $(el, '[part~="share-code"]'), 'the group never showed');
          expect(text(el, '[part~="message"]')).to.contain(`Confirmation envoyée à ${payload}`);
          expect(text(el, '[part~="share-code"]')).to.equal(payload);
          expect(texts(el, '.names li')).to.deep.equal([0, 1].map(() => shown(payload)));
          const invite = $<HTMLAnchorElement>(el, '[part~="invite-link"]')!;
          const href = new URL(invite.getAttribute('href')!);
          expect(href.origin).to.equal('https://shop.example.com');
          expect(href.searchParams.get('kohort')).to.equal(payload);
          expect(invite.textContent).to.equal(href.href);
          // success_url is refused: no way to "continue" to it.
          expect($(el, '[part~="continue-button"]')).to.not.exist;
          await expectNothingFromData(el);
        });

        it('shows the payment provider’s decline message as text', async () => {
          stub = stubApi({ session: () => hostileSession(payload, { customer_email: 'marie@example.com' }) });
          const el = await mount();
          el.confirmPayment = async () => ({ status: 'failed', message: payload });
          await waitForState(el, 'ready');
          setTimeout(() => clickPay(el));
          const error = (await oneEvent(el, 'kohort-error')) as KohortErrorEvent;
          expect(error.detail).to.include({ code: 'payment_failed', message: payload });
          await el.updateComplete;
          expect(text(el, '[part~="payment-error"]')).to.equal(payload);
          await expectNothingFromData(el);
        });
      });
    }
  });

  it('promises no cashback from a current tier the group cannot reach, whatever the validate answer says', async () => {
    const answer = { ...hostileValidation('Marie'), max_participants: 4, current_discount_level: { level: 9, value: 1_000_000, participants_to_unlock: 10 } };
    stub = stubApi({ session: () => sessionJson({ customer_email: 'lea@example.com' }), validation: () => answer });
    const el = await mount();
    el.shareCode = CODE;
    await waitForState(el, 'ready');
    await waitUntil(() => $(el, '[part~="code-accepted"]'), 'the code was never accepted');
    // Two participants and this customer reach the 5 % tier; the 10-participant tier is out of a group of 4.
    expect(text(el, '[part~="code-accepted"]')).to.contain('(5\u00a0%)');
    expect(text(el, '[part~="code-accepted"]')).to.not.contain('000');
  });

  describe('URLs from data', () => {
    it('reads a scheme in any case, padded or split by white space, as the browser does: only http(s) is followed', () => {
      const refused = [' javascript:window.__xss=1', 'JaVaScRiPt:window.__xss=1', 'java\nscript:window.__xss=1', '\tjavascript:x', 'blob:https://shop.example/x', 'VBScript:x', 'DATA:text/html,x', '//evil.example/', '\\\\evil.example\\x', 'shop.example/merci'];
      for (const url of refused) {
        expect([safeNavigationUrl(url), secureUrl(url, 'http://127.0.0.1:4010'), inviteLink(url, CODE)], JSON.stringify(url)).to.deep.equal([null, null, null]);
      }
      // What the browser would follow anyway: the same address, written out.
      expect(safeNavigationUrl(' HTTPS://Shop.Example/merci ')).to.equal('https://shop.example/merci');
      expect(safeNavigationUrl('https:shop.example')).to.equal('https://shop.example/');
      expect(secureUrl('http://checkout.kohortpay.com/c/x', 'http://127.0.0.1:4010')).to.equal(null);
    });

    it('sends a customer to a hosted checkout only over https, while the shop’s own pages may be http', () =>
      onHeldClock(async (clock) => {
        const readySession = sessionJson({ livemode: true, url: 'http://checkout.evil.example/pay', success_url: 'http://shop.example/merci' });
        stub = stubApi({ session: () => readySession });
        const el = await mount({ publishableKey: 'pk_live_widgettests000000000000' });
        const visited = recordNavigation(el);
        const ready = (await oneEvent(el, 'kohort-ready')) as KohortReadyEvent;
        expect(ready.detail.session).to.include({ url: '', success_url: 'http://shop.example/merci' });
        expect(warnings.some((warning) => warning.includes('Ignored url from the API: not an https URL'))).to.equal(true);
        setTimeout(() => clickPay(el));
        const error = (await oneEvent(el, 'kohort-error')) as KohortErrorEvent;
        expect(error.detail.code).to.equal('missing_attribute');
        await nothingLeftButExpiry(el, clock);
        expect(visited).to.deep.equal([]);
      }));

    const schemes = ['javascript:window.__xss=1', 'data:text/html,<script>window.__xss=1</script>', 'vbscript:msgbox(1)'];
    for (const bad of schemes) {
      const scheme = bad.slice(0, bad.indexOf(':') + 1);
      it(`refuses ${scheme} in success_url, cancel_url and url, says which, and never navigates`, () =>
        onHeldClock(async (clock) => {
          const readySession = sessionJson({ livemode: true, url: bad, success_url: bad, cancel_url: bad });
          stub = stubApi({ session: () => readySession });
          const el = await mount({ publishableKey: 'pk_live_widgettests000000000000' });
          const visited = recordNavigation(el);
          const ready = (await oneEvent(el, 'kohort-ready')) as KohortReadyEvent;
          await el.updateComplete;
          for (const field of ['success_url', 'cancel_url', 'url']) {
            expect(warnings.filter((warning) => warning.includes(field)), `a warning naming ${field}`).to.have.length.greaterThan(0);
          }
          expect(ready.detail.session).to.include({ success_url: null, cancel_url: null, url: '' });
          expect($(el, '[part~="cancel-button"]')).to.not.exist;
          // Live mode without a provider would send the customer to `url`: refused, it is an error instead.
          setTimeout(() => clickPay(el));
          const error = (await oneEvent(el, 'kohort-error')) as KohortErrorEvent;
          expect(error.detail.code).to.equal('missing_attribute');
          await nothingLeftButExpiry(el, clock);
          expect(visited).to.deep.equal([]);
          expect(xss()).to.equal(undefined);
        }));

      it(`offers no Continue to a ${scheme} success_url once paid`, async () => {
        stub = stubApi({ session: () => paidSession('Marie', { success_url: bad, cancel_url: bad }), group: () => hostileGroup('KHT-test-0A1B2C3D') });
        const el = await mount();
        const visited = recordNavigation(el);
        await waitForState(el, 'completed');
        expect(warnings.some((warning) => warning.includes('success_url'))).to.equal(true);
        expect($(el, '[part~="continue-button"]')).to.not.exist;
        expect(visited).to.deep.equal([]);
        await expectNothingFromData(el);
      });
    }

    it('shows images only over https or from the API’s own origin', async () => {
      const apiOrigin = new URL(sandbox.url).origin;
      // Only this flow's requests: earlier tests in this page loaded pictures of their own.
      performance.clearResourceTimings();
      const images: [string, boolean][] = [
        ['https://images.example.com/tote.jpg', true],
        [`${apiOrigin}/sandbox/assets/logo.svg`, true],
        ['http://images.example.com/plain-http.jpg', false],
        ['http://127.0.0.1:9/another-port.jpg', false],
        ['//images.example.com/protocol-relative.jpg', false],
        ['data:image/svg+xml,<svg xmlns="http://www.w3.org/2000/svg" onload="window.__xss=1"/>', false],
        ['javascript:window.__xss=1', false],
        ['/relative.jpg', false],
        [' \u00a0\n', false],
      ];
      const items = images.map(([url], index) => lineItem({ name: `Article ${index}`, image_url: url }));
      stub = stubApi({
        session: () =>
          sessionJson({
            line_items: items,
            organization: { name: 'Maison Kohort', website_url: null, image_url: null, brand_settings: [{ livemode: false, color: 'C62344', logo_url: 'http://evil.example/logo.svg' }] },
          }),
      });
      const el = await mount({ apiBase: sandbox.url });
      await waitForState(el, 'ready');
      const shown = [...shadow(el).querySelectorAll('[part~="line-item"]')].map((item) => !!item.querySelector('img'));
      expect(shown).to.deep.equal(images.map(([, accepted]) => accepted));
      expect($(el, '[part~="logo"]')).to.not.exist;
      expect(text(el, '.merchant')).to.equal('Maison Kohort');
      expect(xss()).to.equal(undefined);
    });

    it('never makes an invite link out of a javascript: website_url or code', async () => {
      stub = stubApi({
        session: () => paidSession('Marie', { organization: { name: 'Maison Kohort', website_url: 'javascript:window.__xss=1//{code}', brand_settings: [] } }),
        group: () => hostileGroup('KHT-test-0A1B2C3D'),
      });
      const el = await mount();
      await waitForState(el, 'completed');
      await waitUntil(() => $(el, '[part~="share-code"]'), 'the group never showed');
      expect($(el, '[part~="invite-link"]')).to.not.exist;
      stub.restore();

      // The page's invite-url is only `{code}`: a code that reads as a javascript: URL must not become the link.
      stub = stubApi({ session: () => paidSession('Marie'), group: () => hostileGroup('javascript:window.__xss=1') });
      const templated = await fixture<KohortCheckout>(
        html`<kohort-checkout session-id=${SESSION_ID} publishable-key=${PK} api-base=${API} invite-url="{code}"></kohort-checkout>`,
      );
      await waitForState(templated, 'completed');
      await waitUntil(() => $(templated, '[part~="share-code"]'), 'the group never showed');
      expect(text(templated, '[part~="share-code"]')).to.equal('javascript:window.__xss=1');
      expect($(templated, '[part~="invite-link"]')).to.not.exist;
      await expectNothingFromData(templated);
    });
  });

  describe('the brand colour', () => {
    const colours: [string, string][] = [
      ['red; background:url(https://evil.example/x)', ''],
      ['#12345', ''],
      ['expression(alert(1))', ''],
      ['C62344', '#c62344'],
    ];
    for (const [colour, applied] of colours) {
      it(`${applied ? 'applies' : 'ignores'} "${colour}"${applied ? ' as --_brand' : ''}`, async () => {
        stub = stubApi({
          session: () =>
            sessionJson({ organization: { name: 'Maison Kohort', website_url: null, image_url: null, brand_settings: [{ livemode: false, color: colour, logo_url: null }] } }),
        });
        const el = await mount();
        await waitForState(el, 'ready');
        const container = $(el, '[part~="container"]')!;
        expect(getComputedStyle(container).getPropertyValue('--_brand').trim()).to.equal(applied);
        for (const element of [container, $(el, '[part~="pay-button"]')!]) {
          expect(getComputedStyle(element).backgroundImage).to.equal('none');
        }
        expect(performance.getEntriesByType('resource').filter((entry) => entry.name.includes('evil.example'))).to.have.length(0);
        expect(shadow(el).querySelectorAll('[style]')).to.have.length(0);
      });
    }

    it('puts no style attribute on any element, in every state', async () => {
      const noStyle = (el: KohortCheckout, state: string) =>
        expect([...shadow(el).querySelectorAll('[style]')].map((node) => `${node.localName}[style="${node.getAttribute('style')}"]`), state).to.deep.equal([]);

      const held = deferred<Response>();
      let first = true;
      stub = stubFetch((request) => {
        if (request.url.pathname.endsWith('/validate')) return json(hostileValidation(CODE), 201);
        if (request.url.pathname === '/payment-intents') return json(intentJson(7430), 201);
        if (first) {
          first = false;
          return held.promise;
        }
        return json(sessionJson());
      });
      const el = await mount();
      el.confirmPayment = async () => ({ status: 'failed', message: 'Carte refusée.' });
      noStyle(el, 'loading');
      held.resolve(json(sessionJson()));
      await waitForState(el, 'ready');
      noStyle(el, 'ready');
      await applyFriendCode(el, CODE);
      await waitUntil(() => $(el, '[part~="code-accepted"]'), 'the code was never accepted');
      noStyle(el, 'code accepted');
      clickPay(el);
      await waitUntil(() => $(el, '[part~="payment-error"]'), 'the decline was never shown');
      noStyle(el, 'payment failed');
      stub.restore();

      stub = stubApi({ session: () => paidSession('Marie'), group: () => hostileGroup(CODE) });
      const paid = await mount();
      await waitForState(paid, 'completed');
      await waitUntil(() => $(paid, '[part~="share-code"]'), 'the group never showed');
      noStyle(paid, 'completed with a group');
      stub.restore();

      stub = stubApi({ session: () => sessionJson({ status: 'EXPIRED' }) });
      const expired = await mount();
      await waitForState(expired, 'expired');
      noStyle(expired, 'expired');
      stub.restore();

      stub = stubFetch(() => apiError(404, 'Not Found'));
      const missing = await mount();
      await waitForState(missing, 'error');
      noStyle(missing, 'error');
    });
  });

  describe('a secret key', () => {
    for (const secret of ['sk_test_51SuperSecretValue9876', 'sk_live_51SuperSecretValue9876']) {
      it(`refuses ${secret.slice(0, 8)}… before any request and never shows it in full (DOM, event, console)`, async () => {
        const logged: string[] = [];
        // Every console method a widget could print the key with, recorded while the test runs.
        const sink = console as unknown as Record<string, (...args: unknown[]) => void>;
        const methods = ['log', 'info', 'debug', 'warn', 'error'];
        const originals = methods.map((method) => sink[method]!);
        for (const method of methods) sink[method] = (...args: unknown[]) => logged.push(args.map(String).join(' '));
        try {
          stub = stubFetch(() => json(sessionJson()));
          const fired = oneEvent(document, 'kohort-error') as Promise<KohortErrorEvent>;
          const el = await mount({ publishableKey: secret });
          const event = await fired;
          await waitForState(el, 'error');
          expect(stub.requests).to.have.length(0);
          expect(event.detail.code).to.equal('secret_key');
          expect(event.detail.message).to.contain(`${secret.slice(0, 8)}…9876`);
          const hidden = secret.slice(8, -4);
          for (const [where, value] of [
            ['event detail', JSON.stringify(event.detail)],
            ['shadow DOM', shadow(el).innerHTML],
            ['console', logged.join('\n')],
          ] as const) {
            expect(value, where).to.not.contain(hidden);
          }
        } finally {
          methods.forEach((method, index) => (sink[method] = originals[index]!));
        }
      });
    }

    for (const [secret, shown, hidden] of [
      ['sk_51SuperSecretValue9876', 'sk_…9876', '51SuperSecretValue'],
      ['sk_test_4f2a9c', 'sk_test_…', '2a9c'],
    ] as const) {
      it(`masks a secret key ${secret.startsWith('sk_test_') ? 'too short to show its end' : 'without test_ or live_'} as ${shown}`, async () => {
        stub = stubFetch(() => json(sessionJson()));
        const fired = oneEvent(document, 'kohort-error') as Promise<KohortErrorEvent>;
        const el = await mount({ publishableKey: secret });
        const event = await fired;
        await waitForState(el, 'error');
        expect(event.detail.code).to.equal('secret_key');
        expect(event.detail.message).to.contain(shown);
        for (const [where, value] of [['event detail', JSON.stringify(event.detail)], ['shadow DOM', shadow(el).innerHTML]] as const) {
          expect(value, where).to.not.contain(hidden);
        }
      });
    }

    describe('a secret key given as session-id', () => {
      const secret = 'sk_live_51SuperSecretValue9876';
      const logged = recordConsole('error');

      it('is refused before any request, and never shown in full', async () => {
        stub = stubFetch(() => json(sessionJson()));
        const fired = oneEvent(document, 'kohort-error') as Promise<KohortErrorEvent>;
        const el = await mount({ sessionId: secret });
        const event = await fired;
        await waitForState(el, 'error');
        expect(stub.requests.map((request) => request.url.href)).to.deep.equal([]);
        expect(event.detail.code).to.equal('secret_key');
        expect(event.detail.message).to.contain('sk_live_…9876');
        expect(event.detail.sessionId).to.equal('sk_live_…9876');
        for (const [where, value] of [['event detail', JSON.stringify(event.detail)], ['shadow DOM', shadow(el).innerHTML], ['console', logged.join('\n')]] as const) {
          expect(value, where).to.not.contain('SuperSecretValue');
        }
      });

      for (const [how, pasted] of [
        ['after an invisible character', `\u200b${secret}`],
        ['in quotes', `"${secret}"`],
      ] as const) {
        it(`is refused before any request, and never shown in full, when pasted ${how}`, async () => {
          stub = stubFetch(() => json(sessionJson()));
          const errors: KohortErrorEvent[] = [];
          document.addEventListener('kohort-error', (event) => errors.push(event), { once: true });
          const el = await mount({ sessionId: pasted });
          await waitUntil(() => el.state !== 'loading', 'still loading');
          expect(stub.requests.map((request) => request.url.href)).to.deep.equal([]);
          const [event] = errors;
          expect(event?.detail.code).to.equal('secret_key');
          for (const [where, value] of [['event detail', JSON.stringify(event?.detail)], ['shadow DOM', shadow(el).innerHTML], ['console', logged.join('\n')]] as const) {
            expect(value, where).to.not.contain('SuperSecretValue');
          }
        });
      }

      it('is masked in kohort-cancel when the customer goes back to the shop', async () => {
        stub = stubFetch(() => json(sessionJson()));
        const el = await mount({ sessionId: ` ${secret}\n` });
        await waitForState(el, 'error');
        el.addEventListener('kohort-cancel', (event) => event.preventDefault());
        setTimeout(() => shadow(el).querySelector<HTMLButtonElement>('[part~="cancel-button"]')!.click());
        const event = (await oneEvent(el, 'kohort-cancel')) as CustomEvent<{ sessionId: string }>;
        expect(event.detail.sessionId).to.equal('sk_live_…9876');
      });

      it('is never printed in full, even when publishable-key is missing', async () => {
        stub = stubFetch(() => json(sessionJson()));
        const fired = oneEvent(document, 'kohort-error') as Promise<KohortErrorEvent>;
        const el = await mount({ sessionId: secret, publishableKey: '' });
        await fired;
        await waitForState(el, 'error');
        expect(stub.requests).to.have.length(0);
        expect(logged.join('\n')).to.contain('sk_live_…9876');
        expect(logged.join('\n')).to.not.contain('SuperSecretValue');
      });
    });

    describe('a secret key written into api-base', () => {
      const logged = recordConsole('error');
      for (const [where, apiBase] of [
        ['in its query', `${API}/?key=sk_live_51SuperSecretValue9876`],
        ['in its path', `${API}/sk_live_51SuperSecretValue9876/`],
      ] as const) {
        it(`is refused before any request, and never shown in full, ${where}`, async () => {
          stub = stubFetch(() => json(sessionJson()));
          const fired = oneEvent(document, 'kohort-error') as Promise<KohortErrorEvent>;
          const el = await mount({ apiBase });
          const event = await fired;
          await waitForState(el, 'error');
          // In the path it went out with every request; in the query it was printed in full with any error.
          expect(stub.requests.map((request) => request.url.href)).to.deep.equal([]);
          expect(event.detail.code).to.equal('secret_key');
          expect(event.detail.message).to.contain('sk_live_…9876');
          expect(logged.join('\n')).to.contain('sk_live_…9876');
          for (const [shown, value] of [['event detail', JSON.stringify(event.detail)], ['shadow DOM', shadow(el).innerHTML], ['console', logged.join('\n')]] as const) {
            expect(value, shown).to.not.contain('SuperSecretValue');
          }
        });
      }

      it('refuses a key pasted as the whole api-base as a secret key, read apart from the session id before it', async () => {
        stub = stubFetch(() => json(sessionJson()));
        const fired = oneEvent(document, 'kohort-error') as Promise<KohortErrorEvent>;
        const el = await mount({ apiBase: 'sk_live_51SuperSecretValue9876' });
        const event = await fired;
        await waitForState(el, 'error');
        expect(stub.requests).to.deep.equal([]);
        expect(event.detail.code).to.equal('secret_key');
        expect(event.detail.message).to.contain('sk_live_…9876');
      });

      it('takes an api-base whose path only has sk_ inside a word (/kiosk_api/) as it is', async () => {
        stub = stubFetch(() => json(sessionJson()));
        const el = await mount({ apiBase: `${API}/kiosk_api/` });
        await waitForState(el, 'ready');
        expect(stub.requests.map((request) => request.url.pathname)).to.deep.equal(['/kiosk_api/checkout-sessions/cs_0123456789abcd']);
      });

      it('takes an api-base with a segment that starts with sk_ but is no key (a Slovak store, /sk_sk/) as it is', async () => {
        stub = stubFetch(() => json(sessionJson()));
        const el = await mount({ apiBase: `${API}/sk_sk/kohortpay/` });
        await waitForState(el, 'ready');
        expect(stub.requests.map((request) => request.url.pathname)).to.deep.equal(['/sk_sk/kohortpay/checkout-sessions/cs_0123456789abcd']);
      });
    });

    it('refuses a secret key set after a session was shown, without a request', async () => {
      stub = stubFetch(() => json(sessionJson()));
      const el = await mount();
      await waitForState(el, 'ready');
      const before = stub.requests.length;
      setTimeout(() => (el.publishableKey = 'sk_test_51SuperSecretValue9876'));
      const event = (await oneEvent(el, 'kohort-error')) as KohortErrorEvent;
      await waitForState(el, 'error');
      expect(event.detail.code).to.equal('secret_key');
      expect(stub.requests.length).to.equal(before);
      expect(shadow(el).innerHTML).to.not.contain('SuperSecretValue');
    });
  });

  describe('an API answer redirected to another origin', () => {
    it('is refused as invalid_api_base, never followed', async () => {
      const session = await createSandboxSession();
      const fired = oneEvent(document, 'kohort-error') as Promise<KohortErrorEvent>;
      // This test server answers every request under /__moved__/ with a redirect to the sandbox.
      const el = await mount({ sessionId: session.id, publishableKey: sandbox.publishableKey, apiBase: `${location.origin}/__moved__` });
      expect((await fired).detail).to.include({ code: 'invalid_api_base', retryable: false });
      await waitForState(el, 'error');
    });
  });

  describe('against the sandbox API, through the whole flow', () => {
    it('sends nothing anywhere but api-base, and keeps nothing personal in the browser', async () => {
      const session = await createSandboxSession();
      const apiOrigin = new URL(sandbox.url).origin;
      GROUP_POLL.initialMs = 150;
      const databases = async () => (await indexedDB.databases()).map((database) => database.name).sort();
      const storedBefore = { local: localStorage.length, session: sessionStorage.length, databases: await databases() };
      expect(document.cookie).to.equal('');

      const fetched: string[] = [];
      const sent: { method: string; type: string | undefined; body: unknown }[] = [];
      const loaded: string[] = [];
      const originalFetch = window.fetch;
      window.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
        fetched.push(new URL(input instanceof Request ? input.url : String(input), location.href).href);
        sent.push({ method: init?.method ?? 'GET', type: (init?.headers as Record<string, string> | undefined)?.['Content-Type'], body: init?.body });
        return originalFetch.call(window, input, init);
      };
      // Earlier tests filled the resource timing buffer (250 entries): start this one empty.
      performance.clearResourceTimings();
      const start = performance.now();
      // Only what started during this flow: an earlier test's picture (images.example.com) may still be failing to load.
      const observer = new PerformanceObserver((list) =>
        loaded.push(...list.getEntries().filter((entry) => entry.startTime >= start).map((entry) => entry.name)),
      );
      observer.observe({ type: 'resource' });
      try {
        const el = await mountOnSandbox(session.id);
        await waitForState(el, 'ready');
        await applyFriendCode(el, 'KHT-test-5EED0001');
        await waitUntil(() => $(el, '[part~="code-accepted"]'), 'the code was never accepted');
        setTimeout(() => clickPay(el));
        await oneEvent(el, 'kohort-success');
        await waitForState(el, 'completed');
        await waitUntil(() => $(el, '[part~="share-code"]'), 'the group never showed');
        await waitUntil(() => fetched.filter((url) => new URL(url).pathname.startsWith('/payment-groups/pg_')).length >= 2, 'the group was never polled', {
          timeout: 3000,
        });
      } finally {
        window.fetch = originalFetch;
        observer.disconnect();
      }
      const resources = performance
        .getEntriesByType('resource')
        .filter((entry) => entry.startTime >= start)
        .map((entry) => entry.name);
      const paths = fetched.map((url) => new URL(url).pathname);
      expect(paths.some((path) => path.endsWith('/validate'))).to.equal(true);
      expect(paths).to.include('/payment-intents');
      expect(paths.some((path) => path.startsWith('/sandbox/payment-intents/'))).to.equal(true);
      // A read sends no body and says no Content-Type; a write sends its JSON and says so.
      for (const { method, type, body } of sent) {
        if (method === 'GET') expect([type, body ?? 'none']).to.deep.equal([undefined, 'none']);
        else expect([method, type, typeof body === 'string' && typeof JSON.parse(body)]).to.deep.equal(['POST', 'application/json', 'object']);
      }
      // Resource timing saw the API calls and the sandbox's pictures too, so its list is not empty by accident.
      expect(resources.some((url) => new URL(url).pathname.startsWith('/checkout-sessions/'))).to.equal(true);
      const elsewhere = [...fetched, ...loaded, ...resources].filter((url) => new URL(url).origin !== apiOrigin);
      expect(elsewhere).to.deep.equal([]);

      expect(document.cookie).to.equal('');
      expect({ local: localStorage.length, session: sessionStorage.length, databases: await databases() }).to.deep.equal(storedBefore);
      const stored = [...Array(localStorage.length).keys()].map((index) => localStorage.getItem(localStorage.key(index)!) ?? '').join('\n');
      expect(stored).to.not.contain(session.customer_email!);
    });
  });
});
