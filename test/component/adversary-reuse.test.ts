/**
 * One element, many sessions, a long-lived page: a single-page shop keeps one `<kohort-checkout>`
 * for hours, changes its `session-id` (a new cart, a second order), and moves it around the DOM.
 * Nothing of the previous session may show in, or be used for, the next.
 */
import { expect, oneEvent, waitUntil } from '@open-wc/testing';
import type { KohortCheckout, KohortReadyEvent } from '../../src/kohort-checkout.js';
import {
  API,
  PK,
  clickPay,
  createSandboxSession,
  groupJson,
  json,
  mount,
  mountOnSandbox,
  paidSessionJson,
  sandboxRequests,
  sessionJson,
  shadow,
  stubFetch,
  text,
  waitForState,
} from './helpers.js';

const $ = <T extends Element = HTMLElement>(el: KohortCheckout, selector: string) => shadow(el).querySelector<T>(selector);

describe('one element, many sessions', () => {
  let stub: ReturnType<typeof stubFetch> | undefined;
  afterEach(() => {
    stub?.restore();
    stub = undefined;
    Reflect.deleteProperty(navigator, 'clipboard');
  });

  it('does not say "Code copied" under the next paid order’s code when the first order’s code was copied', async () => {
    const firstGroup = groupJson();
    const nextGroup = { ...groupJson(), id: 'pg_bbbbbbbbbbbbbb', share_id: 'KHT-test-BBBBBBBB' };
    const first = paidSessionJson(firstGroup);
    const next = paidSessionJson(nextGroup, { id: 'cs_bbbbbbbbbbbbbb' });
    stub = stubFetch((request) => {
      const path = request.url.pathname;
      if (path.startsWith('/payment-groups/')) return json(path.endsWith(nextGroup.id) ? nextGroup : firstGroup);
      return json(path.endsWith(next.id) ? next : first);
    });
    Object.defineProperty(navigator, 'clipboard', { configurable: true, value: { writeText: async () => undefined } });
    const el = await mount({ sessionId: first.id });
    await waitUntil(() => $(el, '[part~="copy-button"]'), 'the first group never showed', { timeout: 3000 });
    $(el, '[part~="copy-button"]')!.click();
    await waitUntil(() => text(el, '.copy-status') === 'Code copié', 'the first code was never copied');
    // The page shows the customer's second order, paid too, within the 4 s "Code copied" lasts.
    el.sessionId = next.id;
    await waitUntil(() => text(el, '[part~="share-code"]') === nextGroup.share_id, 'the next group never showed', { timeout: 3000 });
    await el.updateComplete;
    expect(text(el, '.copy-status'), 'the next code was never copied').to.equal('');
  });

  it('follows the first order’s payment, never offering Pay over it, when the page goes back to it from another session while it settles', async () => {
    const firstOrder = await createSandboxSession({ customerEmail: 'sam+slow@kohort.test' });
    const nextOrder = await createSandboxSession();
    const el = await mountOnSandbox(firstOrder.id);
    await waitForState(el, 'ready');
    clickPay(el);
    // The sandbox's slow debit: PROCESSING for 3 s.
    await waitUntil(() => text(el, '[part~="pay-button"]') === 'Confirmation du paiement…', 'never settling', { timeout: 4000 });
    const events: string[] = [];
    for (const type of ['kohort-ready', 'kohort-error', 'kohort-success']) {
      el.addEventListener(type, (event) => {
        const detail = (event as CustomEvent).detail as { session?: { id: string }; sessionId?: string; code?: string };
        events.push(`${type} ${detail.session?.id ?? detail.sessionId}${detail.code ? ` ${detail.code}` : ''}`);
      });
    }
    const nextShown = oneEvent(el, 'kohort-ready') as Promise<KohortReadyEvent>;
    el.sessionId = nextOrder.id;
    expect((await nextShown).detail.session.id).to.equal(nextOrder.id);
    const firstShownAgain = oneEvent(el, 'kohort-ready') as Promise<KohortReadyEvent>;
    el.sessionId = firstOrder.id;
    expect((await firstShownAgain).detail.session.id).to.equal(firstOrder.id);
    await el.updateComplete;
    expect($(el, '[part~="pay-button"]')!.getAttribute('aria-disabled'), 'Pay offered over the payment under way').to.equal('true');
    await waitForState(el, 'completed');
    expect(events).to.deep.equal([
      `kohort-error ${firstOrder.id} payment_unknown`,
      `kohort-ready ${nextOrder.id}`,
      `kohort-ready ${firstOrder.id}`,
      `kohort-success ${firstOrder.id}`,
    ]);
    expect(await sandboxRequests({ method: 'POST', path: '/payment-intents' }), 'payment intents created').to.have.length(1);
  });
});

describe('moved into another document (a same-origin iframe)', () => {
  let stub: ReturnType<typeof stubFetch> | undefined;
  let frame: HTMLIFrameElement | undefined;
  afterEach(() => {
    stub?.restore();
    frame?.remove();
    stub = frame = undefined;
  });

  /** A same-origin iframe on the page, as a drawer or modal built on one is. */
  function iframeDocument(): Document {
    frame = document.createElement('iframe');
    document.body.append(frame);
    return frame.contentDocument!;
  }

  // Skipped: the fix costs well over the ~30 B a fix may add. Lit adopts constructed stylesheets, which a
  // browser only lets a shadow root adopt in the document that constructed them: first connected in an
  // iframe, Lit's createRenderRoot throws NotAllowedError (Chromium and Firefox) and the widget stays blank,
  // sending nothing. The fix: construct the sheets (Lit's, the brand sheet, the group view's) in the element's
  // document, `new (this.ownerDocument.defaultView.CSSStyleSheet)()` with each sheet's cssText, in
  // createRenderRoot and again in adoptedCallback.
  it.skip('shows the session when created on the page and first connected in an iframe', async () => {
    stub = stubFetch(() => json(sessionJson()));
    const doc = iframeDocument();
    const el = document.createElement('kohort-checkout') as KohortCheckout;
    Object.assign(el, { sessionId: 'cs_0123456789abcd', publishableKey: PK, apiBase: API });
    doc.body.append(el);
    await waitForState(el, 'ready');
    expect(doc.defaultView!.getComputedStyle($(el, '.container')!).borderTopLeftRadius).to.not.equal('0px');
  });

  // Skipped for the same reason: adopted into another document, a shadow root's adopted sheets are dropped
  // (Chromium and Firefox), and they do not come back with the element: the widget is unstyled in the iframe
  // and once back on the page.
  it.skip('keeps its styles when moved into an iframe, and once back on the page', async () => {
    stub = stubFetch(() => json(sessionJson()));
    const el = await mount();
    await waitForState(el, 'ready');
    const radius = () => el.ownerDocument.defaultView!.getComputedStyle($(el, '.container')!).borderTopLeftRadius;
    const onThePage = radius();
    expect(onThePage).to.not.equal('0px');
    const doc = iframeDocument();
    doc.body.append(el);
    await el.updateComplete;
    expect(radius(), 'in the iframe').to.equal(onThePage);
    document.body.append(el);
    await el.updateComplete;
    expect(radius(), 'back on the page').to.equal(onThePage);
    el.remove();
  });
});
