import { expect, waitUntil } from '@open-wc/testing';
import type { KohortCheckout } from '../../src/kohort-checkout.js';
import { eur, json, lineItem, mount, sandbox, sessionJson, shadow, stubFetch, text, texts, waitForState } from './helpers.js';

describe('the ready view', () => {
  let stub: ReturnType<typeof stubFetch> | undefined;
  let warnings: unknown[][] = [];
  const originalWarn = console.warn;
  beforeEach(() => {
    warnings = [];
    console.warn = (...args: unknown[]) => warnings.push(args);
  });
  afterEach(() => {
    stub?.restore();
    console.warn = originalWarn;
  });

  async function show(overrides: Parameters<typeof sessionJson>[0] = {}, locale?: string) {
    stub = stubFetch(() => json(sessionJson(overrides)));
    const el = await mount(locale ? { locale } : {});
    await waitForState(el, 'ready');
    return el;
  }

  it('lists each line item with its image, name, description, quantity, unit price and line total', async () => {
    const el = await show();
    const items = shadow(el).querySelectorAll('[part~="line-item"]');
    expect(items).to.have.length(2);
    expect(items[0]!.querySelector('img')!.getAttribute('src')).to.equal('https://images.example.com/tote.jpg');
    expect(items[0]!.querySelector('.item-name')!.textContent).to.equal('Tote bag en lin');
    expect(items[0]!.querySelector('.item-description')!.textContent).to.equal('Lin lavé, naturel');
    expect(items[0]!.querySelector('.item-quantity')!.textContent).to.equal(`2 × ${eur(2990)}`);
    expect(items[0]!.querySelector('.amount')!.textContent).to.equal(eur(5980));
    expect(items[1]!.querySelector('img')).to.not.exist;
    expect(items[1]!.querySelector('.item-description')).to.not.exist;
    await expect(el).to.be.accessible();
  });

  it('asks for the logo and the item images without the page’s address, whatever the page’s referrer policy', async () => {
    const el = await show();
    const images = [...shadow(el).querySelectorAll('img')];
    expect(images.map((image) => image.getAttribute('part'))).to.deep.equal(['logo', 'line-item-image']);
    for (const image of images) expect(image.referrerPolicy, image.getAttribute('part')!).to.equal('no-referrer');
  });

  it('shows the article count, the subtotal and the total', async () => {
    const el = await show();
    expect(text(el, '.subtotal dt')).to.equal('Sous-total (3 articles)');
    expect(text(el, '.subtotal dd')).to.equal(eur(7430));
    expect(text(el, '[part~="total"] dd')).to.equal(eur(7430));
    expect(el.getAttribute('state')).to.equal('ready');
  });

  it('shows shipping, discount, gift card and store credit each on its own row', async () => {
    const line_items = [
      lineItem({ name: 'Pull en laine', price: 8900, quantity: 1 }),
      lineItem({ name: 'Colissimo', price: 490, type: 'SHIPPING', image_url: null }),
      lineItem({ name: 'BIENVENUE10', price: -890, type: 'DISCOUNT', image_url: null }),
      lineItem({ name: 'Carte cadeau', price: -2000, type: 'GIFT_CARD', image_url: null }),
      lineItem({ name: 'Avoir retour', price: -500, type: 'STORE_CREDIT', image_url: null }),
    ];
    const el = await show({ line_items, amount_total: 6000 });
    expect(shadow(el).querySelectorAll('[part~="line-item"]')).to.have.length(1);
    const rows = shadow(el).querySelectorAll('.adjustment');
    expect([...rows].map((row) => row.getAttribute('data-type'))).to.deep.equal(['SHIPPING', 'DISCOUNT', 'GIFT_CARD', 'STORE_CREDIT']);
    expect(texts(el, '.adjustment dt')).to.deep.equal([
      'Livraison · Colissimo',
      'Remise · BIENVENUE10',
      'Carte cadeau',
      'Avoir · Avoir retour',
    ]);
    expect(texts(el, '.adjustment dd')).to.deep.equal([eur(490), eur(-890), eur(-2000), eur(-500)]);
    expect(text(el, '.subtotal dt')).to.equal('Sous-total (1 article)');
    expect(text(el, '.subtotal dd')).to.equal(eur(8900));
    expect(text(el, '[part~="total"] dd')).to.equal(eur(6000));
    expect(warnings).to.have.length(0);
    await expect(el).to.be.accessible();
  });

  it('shows amount_total when the lines do not add up, and warns once', async () => {
    const el = await show({ amount_total: 9999 });
    expect(text(el, '[part~="total"] dd')).to.equal(eur(9999));
    expect(warnings.filter((args) => String(args[0]).includes('do not add up'))).to.have.length(1);
    el.requestUpdate();
    await el.updateComplete;
    expect(warnings.filter((args) => String(args[0]).includes('do not add up'))).to.have.length(1);
  });

  it('shows a line of an unknown type as a plain row', async () => {
    const el = await show({
      line_items: [lineItem({ price: 1000 }), lineItem({ name: 'Emballage cadeau', price: 300, type: 'WRAPPING' as never })],
      amount_total: 1300,
    });
    expect(texts(el, '.adjustment dt')).to.deep.equal(['Emballage cadeau']);
  });

  it('shows a line whose type names a property every object has (constructor, __proto__, toString) as a plain row', async () => {
    const types = ['constructor', '__proto__', 'toString'];
    const el = await show({
      line_items: [lineItem({ price: 1000 }), ...types.map((type) => lineItem({ name: `Ligne ${type}`, price: 100, type: type as never }))],
      amount_total: 1300,
    });
    expect(texts(el, '.adjustment dt')).to.deep.equal(types.map((type) => `Ligne ${type}`));
    expect(shadow(el).querySelector('[part~="pay-button"]')).to.exist;
  });

  it('shows a "test mode" badge for a test session only', async () => {
    const testEl = await show();
    expect(text(testEl, '[part~="badge"]')).to.equal('Mode test');
    stub?.restore();
    const liveEl = await show({ livemode: true });
    expect(shadow(liveEl).querySelector('[part~="badge"]')).to.not.exist;
  });

  it('shows the merchant’s name when the logo does not load, and the logo alone when it does', async () => {
    const shown = (el: KohortCheckout, selector: string) => {
      const node = shadow(el).querySelector<HTMLElement>(selector);
      return !!node && node.getClientRects().length > 0 && getComputedStyle(node).visibility === 'visible';
    };
    // A logo the API's own origin does not have: it fails at once.
    const logoAt = (path: string) => ({ organization: { name: 'Maison Kohort', brand_settings: [{ livemode: false, color: 'C62344', logo_url: `${sandbox.url}${path}` }] } });
    stub = stubFetch(() => json(sessionJson(logoAt('/sandbox/assets/no-such-logo.svg'))));
    const broken = await mount({ apiBase: sandbox.url });
    await waitForState(broken, 'ready');
    await waitUntil(() => shadow(broken).querySelector('[part~="logo"][data-broken]'), 'the logo never failed', { timeout: 3000 });
    expect(shown(broken, '.merchant'), 'name').to.equal(true);
    expect(text(broken, '.merchant')).to.equal('Maison Kohort');
    expect(shown(broken, '[part~="logo"]'), 'logo').to.equal(false);
    stub?.restore();

    // The API's own origin serves a logo that loads: the name is only its alt text then.
    stub = stubFetch(() => json(sessionJson(logoAt('/sandbox/assets/logo.svg'))));
    const loads = await mount({ apiBase: sandbox.url });
    await waitForState(loads, 'ready');
    await waitUntil(() => (shadow(loads).querySelector<HTMLImageElement>('[part~="logo"]')?.naturalWidth ?? 0) > 0, 'the logo never loaded', { timeout: 3000 });
    await loads.updateComplete;
    expect(shown(loads, '[part~="logo"]'), 'logo').to.equal(true);
    expect(shown(loads, '.merchant'), 'name').to.equal(false);
  });

  it('uses the logo and the brand colour of the session’s own mode', async () => {
    const el = await show({ livemode: true });
    expect(shadow(el).querySelector('[part~="logo"]')!.getAttribute('src')).to.equal('https://images.example.com/logo-live.svg');
    expect(shadow(el).querySelector('[part~="logo"]')!.getAttribute('alt')).to.equal('Maison Kohort');
    const container = getComputedStyle(shadow(el).querySelector('[part~="container"]')!);
    expect(container.getPropertyValue('--_brand').trim()).to.equal('#0b6e4f');
    expect(container.getPropertyValue('--_brand-text').trim()).to.equal('#ffffff');
  });

  it('gives a pale brand colour dark button text', async () => {
    const el = await show({
      organization: { name: 'Citron', brand_settings: [{ livemode: false, color: '#FFF59D', logo_url: null }] },
    });
    const container = getComputedStyle(shadow(el).querySelector('[part~="container"]')!);
    expect(container.getPropertyValue('--_brand').trim()).to.equal('#fff59d');
    expect(container.getPropertyValue('--_brand-text').trim()).to.equal('#111111');
    expect(text(el, '.merchant')).to.equal('Citron');
  });

  it('gives a brand colour the button text of higher contrast, on either side of the tie between white and #111111', async () => {
    // WCAG relative luminance 0.1916312 and 0.1916313: the two colours closest to the tie, of all 16.7 million.
    for (const [color, textColor] of [['#bf3cd6', '#ffffff'], ['#ed0e60', '#111111']]) {
      const el = await show({ organization: { name: 'Maison Kohort', brand_settings: [{ livemode: false, color, logo_url: null }] } });
      const container = getComputedStyle(shadow(el).querySelector('[part~="container"]')!);
      expect(container.getPropertyValue('--_brand-text').trim(), color).to.equal(textColor);
      stub?.restore();
    }
  });

  it('counts a colour channel of 10 or less on WCAG’s straight segment: #108d00, by the tie, gets white text', async () => {
    // Luminance 0.1915991 (white wins); with the curve alone its 00 would weigh 0.0000602 more, past the tie at 0.1916312 (ink).
    const el = await show({ organization: { name: 'Maison Kohort', brand_settings: [{ livemode: false, color: '108d00', logo_url: null }] } });
    const container = getComputedStyle(shadow(el).querySelector('[part~="container"]')!);
    expect(container.getPropertyValue('--_brand-text').trim()).to.equal('#ffffff');
  });

  it('reads a three-digit brand colour as CSS does: ABC is #aabbcc', async () => {
    const el = await show({ organization: { name: 'Maison Kohort', brand_settings: [{ livemode: false, color: 'ABC', logo_url: null }] } });
    const container = getComputedStyle(shadow(el).querySelector('[part~="container"]')!);
    expect(container.getPropertyValue('--_brand').trim()).to.equal('#aabbcc');
    expect(container.getPropertyValue('--_brand-text').trim()).to.equal('#111111');
  });

  it('drops the brand colour of the session shown before when session-id moves to one without a colour', async () => {
    const plain = { name: 'Atelier sans couleur', website_url: null, image_url: null, brand_settings: [] };
    stub = stubFetch((request) =>
      json(request.url.pathname.endsWith('/cs_0123456789abcd') ? sessionJson() : sessionJson({ id: 'cs_fedcba9876543210', organization: plain })),
    );
    const el = await mount();
    await waitForState(el, 'ready');
    const brand = () => getComputedStyle(shadow(el).querySelector('[part~="container"]')!).getPropertyValue('--_brand').trim();
    expect(brand()).to.equal('#c62344');
    el.sessionId = 'cs_fedcba9876543210';
    await waitUntil(() => el.state === 'ready' && text(el, '.merchant') === 'Atelier sans couleur', 'the second session was never shown');
    expect(brand(), 'the first merchant’s colour').to.equal('');
  });

  it('ignores a brand colour that is not a hex colour', async () => {
    const el = await show({
      organization: { name: 'X', brand_settings: [{ livemode: false, color: 'red;background:url(https://evil.example)', logo_url: null }] },
    });
    const container = getComputedStyle(shadow(el).querySelector('[part~="container"]')!);
    expect(container.getPropertyValue('--_brand').trim()).to.equal('');
  });

  it('shows only https images', async () => {
    const el = await show({
      line_items: [
        lineItem({ image_url: 'http://images.example.com/a.jpg', price: 100 }),
        lineItem({ image_url: 'javascript:alert(1)', price: 100 }),
        lineItem({ image_url: 'data:image/png;base64,AAAA', price: 100 }),
      ],
      amount_total: 300,
      organization: { name: 'X', brand_settings: [{ livemode: false, color: '', logo_url: 'http://images.example.com/logo.png' }] },
    });
    expect(shadow(el).querySelectorAll('img')).to.have.length(0);
  });

  it('accepts http images only from the API’s own origin (a local sandbox)', async () => {
    stub = stubFetch(() =>
      json(
        sessionJson({
          line_items: [
            lineItem({ image_url: 'http://localhost:4010/sandbox/assets/products/a.svg', price: 100 }),
            lineItem({ image_url: 'http://elsewhere.example/b.svg', price: 100 }),
          ],
          amount_total: 200,
        }),
      ),
    );
    const el = await mount({ apiBase: 'http://localhost:4010' });
    await waitForState(el, 'ready');
    // Only the first line gets a picture (nothing listens on that port, so it is then hidden in its empty tile).
    const items = shadow(el).querySelectorAll('[part~="line-item"]');
    expect(items[0]!.querySelector('img')).to.exist;
    expect(items[1]!.querySelector('img')).to.not.exist;
  });

  it('renders data as text, never as markup', async () => {
    const el = await show({
      line_items: [
        lineItem({ name: '<img src=x onerror="window.__pwned=1">', description: '<script>window.__pwned=1</script>', price: 100, image_url: null }),
      ],
      amount_total: 100,
      organization: { name: '<b>Evil</b>', brand_settings: [] },
    });
    expect(text(el, '.item-name')).to.equal('<img src=x onerror="window.__pwned=1">');
    expect(shadow(el).querySelectorAll('script, b, img')).to.have.length(0);
    expect((window as unknown as { __pwned?: number }).__pwned).to.equal(undefined);
  });

  it('keeps its own text settings inside a page that changes the inherited ones', async () => {
    const page = document.createElement('div');
    page.style.cssText = 'white-space: nowrap; text-align: center; letter-spacing: 3px; word-spacing: 9px; font-style: italic; text-transform: uppercase; font-weight: 700';
    document.body.append(page);
    try {
      stub = stubFetch(() => json(sessionJson({ line_items: [lineItem({ name: 'Un nom d’article assez long pour passer à la ligne dans une carte étroite', price: 100 })], amount_total: 100 })));
      const el = document.createElement('kohort-checkout');
      Object.assign(el, { sessionId: 'cs_0123456789abcd', publishableKey: 'pk_test_widgettests0000000000000000', apiBase: 'https://api.test.kohortpay.example' });
      el.style.width = '320px';
      page.append(el);
      await waitForState(el, 'ready');
      const name = shadow(el).querySelector<HTMLElement>('.item-name')!;
      const style = getComputedStyle(name);
      expect(style.textAlign).to.not.equal('center');
      expect([style.whiteSpace, style.letterSpacing, style.wordSpacing, style.fontStyle, style.textTransform]).to.deep.equal([
        'normal',
        'normal',
        '0px',
        'normal',
        'none',
      ]);
      const card = shadow(el).querySelector<HTMLElement>('[part~="container"]')!;
      expect(card.scrollWidth).to.be.at.most(card.clientWidth);
    } finally {
      page.remove();
    }
  });

  it('keeps its own lettering and writing direction inside a page that sets every inherited text setting, and still hides and locks with the page', async () => {
    const page = document.createElement('div');
    page.style.cssText =
      'text-shadow: 2px 2px red; font-variant: small-caps; font-stretch: condensed; font-feature-settings: "smcp"; word-break: break-all; hyphens: auto; line-break: anywhere; writing-mode: vertical-rl; font-size-adjust: 2; visibility: hidden; pointer-events: none; -webkit-text-size-adjust: 100%';
    document.body.append(page);
    try {
      stub = stubFetch(() => json(sessionJson()));
      const el = document.createElement('kohort-checkout');
      Object.assign(el, { sessionId: 'cs_0123456789abcd', publishableKey: 'pk_test_widgettests0000000000000000', apiBase: 'https://api.test.kohortpay.example' });
      page.append(el);
      await waitForState(el, 'ready');
      const style = getComputedStyle(shadow(el).querySelector('[part~="pay-button"]')!);
      expect([style.textShadow, style.fontVariantCaps, style.fontStretch, style.fontFeatureSettings, style.wordBreak, style.hyphens, style.lineBreak, style.writingMode, style.fontSizeAdjust]).to.deep.equal(
        ['none', 'normal', '100%', 'normal', 'normal', 'manual', 'auto', 'horizontal-tb', 'none'],
      );
      // What hides or disables a part of the page (a collapsed step, a checkout not yet open) still does.
      expect([style.visibility, style.pointerEvents]).to.deep.equal(['hidden', 'none']);
      page.style.visibility = 'visible';
      page.inert = true;
      shadow(el).querySelector<HTMLInputElement>('#email')!.focus();
      expect(shadow(el).activeElement).to.equal(null);
    } finally {
      page.remove();
    }
  });
});
