import { expect, oneEvent, waitUntil } from '@open-wc/testing';
import type { KohortCheckout, KohortErrorEvent } from '../../src/kohort-checkout.js';
import { clickPay, json, mount, recordConsole, recordNavigation, sessionJson, shadow, stubFetch, text, waitForState } from './helpers.js';

const $ = (el: KohortCheckout, selector: string) => shadow(el).querySelector<HTMLElement>(selector);

describe('paying on a page that has no way to pay', () => {
  const errors = recordConsole('error');
  let stub: ReturnType<typeof stubFetch> | undefined;
  afterEach(() => {
    stub?.restore();
    stub = undefined;
  });

  it('tells the page it is a setup error that paying again cannot help (no confirmPayment, no hosted checkout URL), and the customer to contact the shop, without creating a payment intent', async () => {
    const intent = { id: 'pi_live000000001', amount: 7430, currency: 'EUR', status: 'REQUIRES_PAYMENT_METHOD', client_secret: 'pi_live000000001_secret_x', checkout_session_id: 'cs_0123456789abcd' };
    stub = stubFetch((request) => (request.url.pathname === '/payment-intents' ? json(intent, 201) : json(sessionJson({ livemode: true, url: '' }))));
    const el = await mount({ publishableKey: 'pk_live_widgettests000000000000' });
    await waitForState(el, 'ready');
    const visited = recordNavigation(el);
    setTimeout(() => clickPay(el));
    const error = (await oneEvent(el, 'kohort-error')) as KohortErrorEvent;
    // The page's setup lacks confirmPayment: a missing property of the element, as a missing attribute is.
    expect(error.detail).to.include({ code: 'missing_attribute', retryable: false });
    await el.updateComplete;
    expect(text(el, '[part~="payment-error"]')).to.equal('KohortPay ne peut pas accepter ce paiement. Contactez la boutique.');
    expect(error.detail.message).to.equal(text(el, '[part~="payment-error"]'));
    // The page's developer is told what to set, whether the page listens for kohort-error or not.
    expect(errors).to.deep.equal(['[kohort-checkout] missing_attribute: No way to pay: set the confirmPayment property, or give the session a hosted checkout url.']);
    expect(visited).to.deep.equal([]);
    // Nothing was asked of the API: no payment intent is left behind on the merchant's account.
    expect(stub.requests.map((request) => request.url.pathname)).to.not.include('/payment-intents');
    expect(el.state).to.equal('ready');
    expect($(el, '[part~="pay-button"]')).to.exist;
    await expect(el).to.be.accessible();
  });

  it('pays through confirmPayment once the page sets it, after a Pay that had no way to pay: the way is looked for at each Pay', async () => {
    const intent = { id: 'pi_live000000001', amount: 7430, currency: 'EUR', status: 'REQUIRES_PAYMENT_METHOD', client_secret: 'pi_live000000001_secret_x', checkout_session_id: 'cs_0123456789abcd' };
    stub = stubFetch((request) => (request.url.pathname === '/payment-intents' ? json(intent, 201) : json(sessionJson({ livemode: true, url: '' }))));
    const el = await mount({ publishableKey: 'pk_live_widgettests000000000000' });
    await waitForState(el, 'ready');
    setTimeout(() => clickPay(el));
    expect(((await oneEvent(el, 'kohort-error')) as KohortErrorEvent).detail.code).to.equal('missing_attribute');
    const handed: string[] = [];
    el.confirmPayment = async (handle) => (handed.push(handle.id), { status: 'succeeded' });
    clickPay(el);
    await waitUntil(() => handed.length > 0, 'confirmPayment was never asked');
    expect(handed).to.deep.equal(['pi_live000000001']);
    expect(stub.requests.filter((request) => request.url.pathname === '/payment-intents')).to.have.length(1);
  });
});
