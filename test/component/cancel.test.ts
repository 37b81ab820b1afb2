import { expect, oneEvent, waitUntil } from '@open-wc/testing';
import type { KohortCheckout } from '../../src/kohort-checkout.js';
import type { CheckoutSession } from '../../src/api/types.js';
import {
  apiError,
  json,
  mount,
  API,
  PK,
  sessionJson,
  shadow,
  stubFetch,
  text,
  waitForState,
  recordNavigation,
} from './helpers.js';


/** Calls preventDefault() on kohort-cancel, as a page that routes itself does; returns the session ids it heard. */
function refuseCancel(el: KohortCheckout): string[] {
  const heard: string[] = [];
  el.addEventListener('kohort-cancel', (event) => {
    event.preventDefault();
    heard.push(event.detail.sessionId);
  });
  return heard;
}

describe('back to the shop', () => {
  let stub: ReturnType<typeof stubFetch> | undefined;
  const originalWarn = console.warn;
  afterEach(() => {
    stub?.restore();
    console.warn = originalWarn;
  });

  /** Shows `session`, presses "Back to the shop", checks the cancelable kohort-cancel, and returns where the widget went. */
  async function pressBack(session: CheckoutSession, state: KohortCheckout['state']): Promise<string[]> {
    stub = stubFetch(() => json(session));
    const el = await mount();
    await waitForState(el, state);
    const visited = recordNavigation(el);
    expect(text(el, '[part~="cancel-button"]')).to.equal('Retour à la boutique');
    setTimeout(() => shadow(el).querySelector<HTMLButtonElement>('[part~="cancel-button"]')!.click());
    const event = await oneEvent(el, 'kohort-cancel');
    expect(event.detail).to.deep.equal({ sessionId: 'cs_0123456789abcd' });
    expect(event.cancelable).to.equal(true);
    return visited;
  }

  it('fires a cancelable kohort-cancel, then goes to cancel_url', async () => {
    expect(await pressBack(sessionJson(), 'ready')).to.deep.equal(['https://shop.example.com/cart']);
  });

  it('stays on the page when a listener calls preventDefault()', async () => {
    stub = stubFetch(() => json(sessionJson()));
    const el = await mount();
    await waitForState(el, 'ready');
    const visited = recordNavigation(el);
    const heard = refuseCancel(el);
    shadow(el).querySelector<HTMLButtonElement>('[part~="cancel-button"]')!.click();
    expect(heard).to.deep.equal(['cs_0123456789abcd']);
    expect(visited).to.deep.equal([]);
  });

  for (const [state, answer] of [
    ['expired', () => json(sessionJson({ status: 'EXPIRED' }))],
    ['error', () => apiError(404, 'NOT_FOUND', 'Checkout session not found.')],
  ] as const) {
    it(`stays on the page when a listener calls preventDefault() in the ${state} view`, async () => {
      stub = stubFetch(answer);
      const el = await mount();
      await waitForState(el, state);
      const visited = recordNavigation(el);
      const heard = refuseCancel(el);
      shadow(el).querySelector<HTMLButtonElement>('[part~="cancel-button"]')!.click();
      expect(heard).to.deep.equal(['cs_0123456789abcd']);
      expect(visited).to.deep.equal([]);
    });
  }

  it('does not leave, nor fire kohort-cancel, while a payment is under way', async () => {
    const session = sessionJson();
    const intent = { id: 'pi_0123456789abcd', amount: session.amount_total, currency: 'EUR', checkout_session_id: session.id, status: 'REQUIRES_PAYMENT_METHOD', client_secret: 'pi_0123456789abcd_secret_x', livemode: false };
    stub = stubFetch((request) => (request.url.pathname === '/payment-intents' ? json(intent, 201) : json(session)));
    const el = await mount();
    el.confirmPayment = () => new Promise(() => {}); // the provider is still working
    await waitForState(el, 'ready');
    const visited = recordNavigation(el);
    const cancels: Event[] = [];
    el.addEventListener('kohort-cancel', (event) => cancels.push(event));
    shadow(el).querySelector<HTMLButtonElement>('[part~="pay-button"]')!.click();
    await waitUntil(() => text(el, '[part~="pay-button"]') === 'Paiement en cours…', 'the payment never started');
    const back = shadow(el).querySelector<HTMLButtonElement>('[part~="cancel-button"]')!;
    expect(back.getAttribute('aria-disabled')).to.equal('true');
    back.click();
    shadow(el).querySelector<HTMLButtonElement>('[part~="code-toggle"]')!.click();
    await el.updateComplete;
    expect(cancels).to.have.length(0);
    expect(visited).to.deep.equal([]);
    expect(shadow(el).querySelector('#code')).to.not.exist;
  });

  it('has no back control without cancel_url', async () => {
    stub = stubFetch(() => json(sessionJson({ cancel_url: null })));
    const el = await mount();
    await waitForState(el, 'ready');
    expect(shadow(el).querySelector('[part~="cancel-button"]')).to.not.exist;
  });

  it('offers the way back from an expired session without cancel_url: kohort-cancel, then the site’s home page, even on a page whose <base href> is elsewhere', async () => {
    const base = Object.assign(document.createElement('base'), { href: 'https://cdn.shop-assets.example/theme/' });
    document.head.prepend(base);
    try {
      const expired = sessionJson({ status: 'EXPIRED', expires_at: new Date(Date.now() - 60_000).toISOString(), cancel_url: null });
      // Where the browser goes: resolved as location.assign does, against the page's base URL.
      expect((await pressBack(expired, 'expired')).map((url) => new URL(url, document.baseURI).href)).to.deep.equal([`${location.origin}/`]);
    } finally {
      base.remove();
    }
  });

  it('goes to the site’s home page, not to "null", from a document written into an iframe (an embed block’s srcdoc)', async () => {
    // A page builder's embed block: the widget's own copy runs in a srcdoc document, whose location.origin is "null".
    const frame = document.createElement('iframe');
    frame.srcdoc = `<!doctype html><script>window.process = { env: { NODE_ENV: 'development' } };</script><script type="module">import '/src/kohort-checkout.ts';</script>`;
    document.body.append(frame);
    try {
      const embed = frame.contentWindow as Window & typeof globalThis;
      await waitUntil(() => embed.customElements?.get('kohort-checkout'), 'the widget never loaded in the srcdoc iframe', { timeout: 5000 });
      expect(embed.location.origin).to.equal('null');
      const expired = sessionJson({ status: 'EXPIRED', expires_at: new Date(Date.now() - 60_000).toISOString(), cancel_url: null });
      embed.fetch = async () => new embed.Response(JSON.stringify(expired), { headers: { 'Content-Type': 'application/json' } });
      const el = embed.document.createElement('kohort-checkout') as KohortCheckout;
      el.setAttribute('session-id', 'cs_0123456789abcd');
      el.setAttribute('publishable-key', PK);
      el.setAttribute('api-base', API);
      embed.document.body.append(el);
      await waitForState(el, 'expired');
      const visited = recordNavigation(el);
      shadow(el).querySelector<HTMLButtonElement>('[part~="cancel-button"]')!.click();
      expect(visited).to.deep.equal([location.origin]);
    } finally {
      frame.remove();
    }
  });

  it('goes back to cancel_url from an expired session that has one', async () => {
    const expired = sessionJson({ status: 'EXPIRED', expires_at: new Date(Date.now() - 60_000).toISOString() });
    expect(await pressBack(expired, 'expired')).to.deep.equal(['https://shop.example.com/cart']);
  });

  it('refuses a cancel_url that is not http(s), and says so', async () => {
    const warnings: string[] = [];
    console.warn = (message: string) => warnings.push(message);
    for (const cancel_url of ['javascript:alert(1)', 'data:text/html,hi', 'vbscript:msgbox(1)']) {
      stub?.restore();
      stub = stubFetch(() => json(sessionJson({ cancel_url })));
      const el = await mount();
      await waitForState(el, 'ready');
      expect(shadow(el).querySelector('[part~="cancel-button"]')).to.not.exist;
    }
    expect(warnings.filter((w) => w.includes('cancel_url'))).to.have.length(3);
  });
});
