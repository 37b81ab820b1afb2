import { expect, fixture, html } from '@open-wc/testing';
import type { KohortCheckout } from '../../src/kohort-checkout.js';
import { formatMoney } from '../../src/money/format.js';
import { normalizeLocale, resolveLocale } from '../../src/i18n/locale.js';
import { fr } from '../../src/i18n/fr.js';
import { en } from '../../src/i18n/en.js';
import { API, PK, applyFriendCode, clickPay, json, lineItem, mount, sessionJson, stubFetch, text, waitForState } from './helpers.js';

describe('money and language', () => {
  let stub: ReturnType<typeof stubFetch> | undefined;
  afterEach(() => stub?.restore());

  it('formats integer minor units with Intl for the locale', () => {
    expect(formatMoney(123456, 'EUR', 'fr-FR')).to.equal('1\u202f234,56\u00a0€');
    expect(formatMoney(123456, 'EUR', 'en-US')).to.equal('€1,234.56');
    expect(formatMoney(-890, 'EUR', 'en-GB')).to.equal('-€8.90');
    expect(formatMoney(1500, 'JPY', 'en-US')).to.equal('¥1,500');
    expect(formatMoney(1234567, 'KWD', 'en-US')).to.equal('KWD\u00a01,234.567');
  });

  it('counts in the currency’s ISO minor units, even where Intl shows fewer decimals (HUF, IDR, IQD)', () => {
    // Chromium shows these with no decimals; Firefox with two (three for IQD). Both must agree on the amount.
    const shown = (major: number, currency: string, decimals?: number) =>
      new Intl.NumberFormat('en-US', { style: 'currency', currency, minimumFractionDigits: decimals, maximumFractionDigits: decimals }).format(major);
    expect(formatMoney(1234500, 'HUF', 'en-US')).to.equal(shown(12345, 'HUF'));
    expect(formatMoney(1234550, 'HUF', 'en-US')).to.equal(shown(12345.5, 'HUF', 2));
    expect(formatMoney(1234550, 'HUF', 'en-US')).to.contain('12,345.50');
    expect(formatMoney(1234500, 'IDR', 'en-US')).to.equal(shown(12345, 'IDR'));
    expect(formatMoney(1234500, 'COP', 'en-US')).to.equal(shown(12345, 'COP'));
    expect(formatMoney(1234500, 'IQD', 'en-US')).to.contain('1,234.500');
    expect(formatMoney(12345, 'XOF', 'fr-FR')).to.contain('12\u202f345');
  });

  it('accepts fr, fr-FR, fr_FR, en, en-US and en_GB', () => {
    expect(normalizeLocale('fr_FR')).to.equal('fr-FR');
    expect(normalizeLocale(' en_gb ')).to.equal('en-GB');
    expect(normalizeLocale('not a locale!')).to.equal(null);
    expect(normalizeLocale('  ')).to.equal(null);
    expect(resolveLocale(['en_GB'])).to.deep.equal({ tag: 'en-GB', language: 'en' });
    expect(resolveLocale(['fr'])).to.deep.equal({ tag: 'fr', language: 'fr' });
    expect(resolveLocale([undefined, null, ''])).to.deep.equal({ tag: 'fr-FR', language: 'fr' });
    expect(resolveLocale(['ja', 'en_US'])).to.deep.equal({ tag: 'en-US', language: 'en' });
  });

  it('has every French string in English and the reverse', () => {
    const keys = (object: object, prefix = ''): string[] =>
      Object.entries(object).flatMap(([key, value]) =>
        typeof value === 'object' ? keys(value as object, `${prefix}${key}.`) : [`${prefix}${key}`],
      );
    expect(keys(en).sort()).to.deep.equal(keys(fr).sort());
  });

  it('uses the session’s locale when no attribute is set', async () => {
    stub = stubFetch(() => json(sessionJson({ locale: 'en_US' })));
    const el = await mount();
    await waitForState(el, 'ready');
    expect(text(el, '.subtotal dt')).to.equal('Subtotal (3 items)');
    expect(text(el, '[part~="total"] dd')).to.equal('€74.30');
    expect(text(el, '[part~="badge"]')).to.equal('Test mode');
  });

  it('lets the locale attribute override the session’s locale', async () => {
    stub = stubFetch(() => json(sessionJson({ locale: 'fr_FR' })));
    const el = await mount({ locale: 'en_GB' });
    await waitForState(el, 'ready');
    expect(text(el, '[part~="total"] dd')).to.equal('€74.30');
    expect(text(el, '[part~="cancel-button"]')).to.equal('Back to the shop');
  });

  it('falls back to the nearest lang ancestor, then French', async () => {
    stub = stubFetch(() => json(sessionJson({ locale: '' as never })));
    const page = await fixture(html`<div lang="en-GB">
      <section><kohort-checkout session-id="cs_0123456789abcd" publishable-key=${PK} api-base=${API}></kohort-checkout></section>
    </div>`);
    const el = page.querySelector('kohort-checkout') as KohortCheckout;
    await waitForState(el, 'ready');
    expect(text(el, '.subtotal dt')).to.equal('Subtotal (3 items)');
    page.removeAttribute('lang');
    el.requestUpdate();
    await el.updateComplete;
    expect(text(el, '.subtotal dt')).to.equal('Sous-total (3 articles)');
  });

  it('takes lang="" for a language the page says it does not know: French, not the lang further up', async () => {
    stub = stubFetch(() => json(sessionJson({ locale: '' as never })));
    const page = await fixture(html`<div lang="en-GB">
      <section lang=""><kohort-checkout session-id="cs_0123456789abcd" publishable-key=${PK} api-base=${API}></kohort-checkout></section>
    </div>`);
    const el = page.querySelector('kohort-checkout') as KohortCheckout;
    await waitForState(el, 'ready');
    expect(text(el, '.subtotal dt')).to.equal('Sous-total (3 articles)');
  });

  it('follows the lang of the page around a shop’s own component that holds it in its shadow root', async () => {
    stub = stubFetch(() => json(sessionJson({ locale: '' as never })));
    const page = await fixture(html`<div lang="en-GB"><shop-checkout-panel></shop-checkout-panel></div>`);
    const el = document.createElement('kohort-checkout') as KohortCheckout;
    Object.assign(el, { sessionId: 'cs_0123456789abcd', publishableKey: PK, apiBase: API });
    page.querySelector('shop-checkout-panel')!.attachShadow({ mode: 'open' }).append(el);
    await waitForState(el, 'ready');
    expect(text(el, '.subtotal dt')).to.equal('Subtotal (3 items)');
  });

  it('writes error messages in the resolved language', async () => {
    stub = stubFetch(() => new Response('nope', { status: 500 }));
    const el = await mount({ locale: 'en' });
    await waitForState(el, 'error');
    expect(text(el, '[part~="message"] h2')).to.equal('Service temporarily unavailable');
    expect(text(el, '[part~="retry-button"]')).to.equal('Try again');
  });

  it('rewords the e-mail and code messages shown when the locale changes', async () => {
    stub = stubFetch(() => json(sessionJson({ customer_email: null })));
    const el = await mount({ locale: 'en' });
    await waitForState(el, 'ready');
    await applyFriendCode(el, 'KHT-test-5EED0001');
    clickPay(el);
    await el.updateComplete;
    expect(text(el, '#email-error')).to.equal('Enter your email address.');
    expect(text(el, '#code-error')).to.equal(en.codeNeedsEmail);
    el.locale = 'fr';
    await el.updateComplete;
    expect(text(el, '#email-error')).to.equal('Saisissez votre adresse e-mail.');
    expect(text(el, '#code-error')).to.equal(fr.codeNeedsEmail);
    expect(text(el, '[part~="pay-button"]')).to.equal('Payer 74,30\u00a0€');
  });

  it('writes a line’s quantity as the language writes numbers: "1 500 × 0,50 €"', async () => {
    stub = stubFetch(() => json(sessionJson({ line_items: [lineItem({ name: 'Étiquette', price: 50, quantity: 1500 })] })));
    const el = await mount();
    await waitForState(el, 'ready');
    expect(text(el, '.item-quantity')).to.equal('1\u202f500 × 0,50\u00a0€');
    expect(text(el, '.subtotal dt')).to.equal('Sous-total (1\u202f500 articles)');
    el.locale = 'en';
    await el.updateComplete;
    expect(text(el, '.item-quantity')).to.equal('1,500 × €0.50');
  });

  it('shows a ¥1,000 and a ₩1,000 order as ¥1,000 and ₩1,000, not ¥10.00, also with the code in lower case, and a Bahraini one to the fils', async () => {
    for (const [currency, shown] of [['JPY', ['2 × ¥500', '¥1,000', 'Pay ¥1,000']], ['jpy', ['2 × ¥500', '¥1,000', 'Pay ¥1,000']], ['KRW', ['2 × ₩500', '₩1,000', 'Pay ₩1,000']], ['BHD', ['2 × BHD\u00a00.500', 'BHD\u00a01.000', 'Pay BHD\u00a01.000']]] as const) {
      stub?.restore();
      stub = stubFetch(() => json(sessionJson({ currency, locale: 'en_US', line_items: [lineItem({ price: 500, quantity: 2 })] })));
      const el = await mount();
      await waitForState(el, 'ready');
      expect([text(el, '.item-quantity'), text(el, '[part~="total"] dd'), text(el, '[part~="pay-button"]')], currency).to.deep.equal(shown);
      el.remove();
    }
  });
});
