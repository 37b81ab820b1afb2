/**
 * Accessibility on the demo merchant's page, in a real browser: a whole purchase with the
 * keyboard only and a visible focus at every stop, reduced motion, a 320 px wide screen
 * (a 640 px window at 200 % zoom) and a right-to-left page.
 */
import type { Locator, Page } from '@playwright/test';
import { expect, expectState, test } from './fixtures.ts';

/** What has the focus, through shadow roots, and whether its focus indicator can be seen. */
interface FocusStop {
  /** `part` of a widget element (`pay-button`), `#id`, or `a:text` for the shop's links. */
  name: string;
  inWidget: boolean;
  /** `outline` (or `box-shadow`) drawn around it, else `none`. */
  indicator: string;
  /** Contrast of the indicator's colour against what surrounds it (WCAG 2.2 asks ≥ 3:1). */
  contrast: number;
}

function focusStop(page: Page): Promise<FocusStop> {
  return page.evaluate(() => {
    const parse = (color: string): [number, number, number, number] | null => {
      const match = /rgba?\(([^)]+)\)/.exec(color);
      if (!match) return null;
      const [r = 0, g = 0, b = 0, a = 1] = match[1]!.split(/[ ,/]+/).filter(Boolean).map(Number);
      return [r, g, b, a];
    };
    const luminance = ([r, g, b]: number[]) => {
      const channel = (value: number) => {
        const c = value / 255;
        return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
      };
      return 0.2126 * channel(r!) + 0.7152 * channel(g!) + 0.0722 * channel(b!);
    };
    const ratio = (a: number[], b: number[]) => {
      const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
      return (light! + 0.05) / (dark! + 0.05);
    };
    /** The first opaque background at or above `node`, crossing shadow roots. */
    const backgroundAround = (node: Element | null): number[] => {
      for (let current = node; current; ) {
        const color = parse(getComputedStyle(current).backgroundColor);
        if (color && color[3] > 0.5) return color;
        current = current.parentElement ?? ((current.getRootNode() as ShadowRoot).host as Element | undefined) ?? null;
      }
      return [255, 255, 255, 1];
    };

    let active = document.activeElement;
    let inWidget = false;
    while (active?.shadowRoot?.activeElement) {
      inWidget ||= active.tagName === 'KOHORT-CHECKOUT';
      active = active.shadowRoot.activeElement;
    }
    if (!active || active === document.body) return { name: 'body', inWidget: false, indicator: 'none', contrast: 0 };
    const part = active.getAttribute('part')?.split(' ').filter((name) => name !== 'button').join(' ');
    const name = part || (active.id ? `#${active.id}` : `${active.tagName.toLowerCase()}:${(active.textContent ?? '').trim().slice(0, 40)}`);

    const style = getComputedStyle(active);
    let indicator = 'none';
    let color: number[] | null = null;
    if (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0) {
      indicator = `outline ${style.outlineStyle} ${style.outlineWidth}`;
      color = parse(style.outlineColor);
    } else if (style.boxShadow && style.boxShadow !== 'none') {
      indicator = `box-shadow ${style.boxShadow}`;
      color = parse(style.boxShadow);
    }
    // The ring is drawn outside the element (outline-offset): compare it with what is behind.
    const contrast = color ? ratio(color, backgroundAround(active.parentElement ?? (active.getRootNode() as ShadowRoot).host)) : 0;
    return { name, inWidget, indicator, contrast: Math.round(contrast * 100) / 100 };
  });
}

/** Presses `key`, then checks the new focus stop is in the widget (unless said otherwise) and visibly focused. */
async function press(page: Page, key: string): Promise<FocusStop> {
  await page.keyboard.press(key);
  return focusStop(page);
}

function expectVisibleFocus(stop: FocusStop) {
  expect(stop.indicator, `focus indicator on ${stop.name}`).not.toBe('none');
  expect(stop.contrast, `focus indicator contrast on ${stop.name} (${stop.indicator})`).toBeGreaterThanOrEqual(3);
}

/** Tabs (or Shift+Tabs) `count` times and returns the names of the stops. */
async function tabStops(page: Page, count: number, key = 'Tab'): Promise<string[]> {
  const names: string[] = [];
  for (let i = 0; i < count; i++) {
    const stop = await press(page, key);
    if (stop.inWidget) expectVisibleFocus(stop);
    names.push(stop.name);
  }
  return names;
}

test('a customer joins a friend’s group and pays with the keyboard alone, always seeing where the focus is', async ({
  page,
  context,
  shop,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: shop.demo.shopUrl });
  await page.goto(`${shop.demo.shopUrl}/checkout/new`);
  const widget = page.locator('kohort-checkout');
  await expectState(widget, 'ready');

  // Reading order: the shop's header, then the widget from top to bottom, then out of it.
  expect(await tabStops(page, 4)).toEqual(['a:Maison Kohort', 'a:Boutique', 'a:Panier', '#email']);
  await page.keyboard.type(`clavier-${Date.now()}@kohort.test`);
  expect(await tabStops(page, 3)).toEqual(['code-toggle', 'pay-button', 'cancel-button']);
  expect((await press(page, 'Tab')).inWidget).toBe(false);
  expect(await tabStops(page, 3, 'Shift+Tab')).toEqual(['cancel-button', 'pay-button', 'code-toggle']);

  // Space opens the code field and puts the focus in it.
  const opened = await press(page, 'Space');
  expect(opened.name).toBe('#code');
  expectVisibleFocus(opened);
  await expect(widget.locator('#code')).toBeVisible();
  await page.keyboard.type('KHT-test-5EED0001');
  expect(await tabStops(page, 3)).toEqual(['apply-code-button', 'pay-button', 'cancel-button']);
  expect(await tabStops(page, 3, 'Shift+Tab')).toEqual(['pay-button', 'apply-code-button', '#code']);

  // Enter in the field applies the code: the focus moves to the accepted code, which says it once (not the live region too).
  await page.keyboard.press('Enter');
  const accepted = widget.locator('[part~="code-accepted"]');
  await expect(accepted).toContainText('KHT-test-5EED0001');
  await expect(accepted).toBeFocused();
  await expect(accepted).toHaveAccessibleName(/^Vous rejoignez ce groupe\. Cette commande vous rapporte .+\)\.$/);
  await expect(widget.locator('[part~="announcer"]')).toHaveText('');
  // The next Tab goes on from the code, not from the top of the page.
  const afterApply = await press(page, 'Tab');
  expect(['remove-code-button', 'pay-button']).toContain(afterApply.name);
  if (afterApply.name === 'remove-code-button') expect(await tabStops(page, 1)).toEqual(['pay-button']);

  // Enter on Pay pays; the focus lands on the success heading.
  await page.keyboard.press('Enter');
  await expectState(widget, 'completed');
  await expect.poll(async () => (await focusStop(page)).name).toBe('#outcome-heading');
  await expect(widget.locator('#outcome-heading')).toHaveText('Paiement réussi');
  const heading = await focusStop(page);
  expectVisibleFocus(heading);

  // Space on Copy copies the code to share.
  await expect(widget.locator('[part~="share-code"]')).toHaveText('KHT-test-5EED0001');
  expect(await tabStops(page, 1)).toEqual(['copy-button']);
  await page.keyboard.press('Space');
  await expect(widget.locator('.copy-status')).toHaveText('Code copié');
  await expect(widget.locator('[part~="announcer"]')).toHaveText('Code copié');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('KHT-test-5EED0001');

  // The invite link and the heading draw the widget's ring, as the buttons do, not the browser's.
  const copy = await focusStop(page);
  const link = await press(page, 'Tab');
  expect(link.name).toBe('invite-link');
  expectVisibleFocus(link);
  expect([link.indicator, heading.indicator]).toEqual([copy.indicator, copy.indicator]);
  // The ring, drawn outside the link (outline-offset, then its width), clears the label above it.
  const clearance = await widget.locator('[part~="invite-link"]').evaluate((node) => {
    const style = getComputedStyle(node);
    const ringTop = node.getBoundingClientRect().top - parseFloat(style.outlineOffset) - parseFloat(style.outlineWidth);
    return ringTop - node.previousElementSibling!.getBoundingClientRect().bottom;
  });
  expect(clearance).toBeGreaterThanOrEqual(0);
});

test.describe('the loading skeleton, as the customer’s system asks', () => {
  /** Opens a checkout whose session is held back, so the skeleton stays on screen; reads a bone's computed `property`. */
  async function skeletonStyle(page: Page, shopUrl: string, sessionId: string, property: string): Promise<string> {
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route(`**/checkout-sessions/${sessionId}?*`, async (route) => {
      await held;
      await route.continue().catch(() => undefined);
    });
    await page.goto(`${shopUrl}/checkout/${sessionId}`);
    const bone = page.locator('kohort-checkout').locator('[part~="skeleton"] .bone').first();
    await expect(bone).toBeVisible();
    const value = await bone.evaluate((node, name) => getComputedStyle(node).getPropertyValue(name), property);
    release();
    await expectState(page.locator('kohort-checkout'), 'ready');
    return value;
  }

  test('stops the skeleton shimmering when the customer asks for less motion', async ({ page, shop }) => {
    await page.emulateMedia({ reducedMotion: 'reduce' });
    expect(await skeletonStyle(page, shop.demo.shopUrl, shop.seed('open-small'), 'animation-name')).toBe('none');
  });

  test('lets the skeleton shimmer otherwise', async ({ page, shop }) => {
    await page.emulateMedia({ reducedMotion: 'no-preference' });
    expect(await skeletonStyle(page, shop.demo.shopUrl, shop.seed('open-small'), 'animation-name')).not.toBe('none');
  });

  test('outlines each bone in forced colours (Windows high contrast), where backgrounds are not drawn', async ({ page, shop }) => {
    await page.emulateMedia({ forcedColors: 'active' });
    expect(await skeletonStyle(page, shop.demo.shopUrl, shop.seed('open-small'), 'outline-style')).toBe('solid');
  });
});

test.describe('in forced colours (Windows high contrast), where a faded look is not drawn', () => {
  /** Opens a new order in forced colours; returns the widget and a reader of the text and border colours of its `selector`. */
  async function openInForcedColours(page: Page, shopUrl: string) {
    await page.emulateMedia({ forcedColors: 'active' });
    await page.goto(`${shopUrl}/checkout/new`);
    const widget = page.locator('kohort-checkout');
    await expectState(widget, 'ready');
    const colors = (selector: string) =>
      widget.locator(selector).evaluate((node) => [getComputedStyle(node).color, getComputedStyle(node).borderTopColor]);
    return { widget, colors };
  }

  /** The system's colour for what cannot be used, as the page's own GrayText computes. */
  function grayText(page: Page): Promise<string> {
    return page.evaluate(() => {
      const probe = document.body.appendChild(document.createElement('span'));
      probe.style.color = 'GrayText';
      const color = getComputedStyle(probe).color;
      probe.remove();
      return color;
    });
  }

  test('greys Pay while it is locked for a blocked customer', async ({ page, shop }, testInfo) => {
    const { widget, colors } = await openInForcedColours(page, shop.demo.shopUrl);
    await widget.locator('#email').fill('lea+blocked@kohort.test');
    await widget.locator('[part~="pay-button"]').click();
    await expect(widget.locator('[part~="payment-error"]')).toBeVisible();
    await expect(widget.locator('[part~="pay-button"]')).toHaveAttribute('aria-disabled', 'true');
    await testInfo.attach('blocked', { body: await widget.screenshot(), contentType: 'image/png' });
    const gray = await grayText(page);
    expect(await colors('[part~="pay-button"]')).toEqual([gray, gray]);
    // An enabled button keeps the text colour.
    expect((await colors('[part~="code-toggle"]'))[0]).not.toBe(gray);
  });

  test('greys the locked e-mail field and buttons while the payment goes through', async ({ page, shop }) => {
    const { widget, colors } = await openInForcedColours(page, shop.demo.shopUrl);
    await widget.evaluate((el: HTMLElement & { confirmPayment?: () => Promise<never> }) => (el.confirmPayment = () => new Promise<never>(() => {})));
    await widget.locator('#email').fill('paying@kohort.test');
    await widget.locator('[part~="pay-button"]').click();
    await expect(widget.locator('[part~="pay-button"]')).toHaveAttribute('aria-busy', 'true');
    const gray = await grayText(page);
    expect(await colors('#email')).toEqual([gray, gray]);
    expect((await colors('[part~="pay-button"]'))[0]).toBe(gray);
    expect((await colors('[part~="cancel-button"]'))[0]).toBe(gray);
  });
});

/** The page does not scroll sideways, and everything in the widget lies inside its card. */
async function expectNoHorizontalOverflow(widget: Locator) {
  const layout = await widget.evaluate((host) => {
    const viewport = document.documentElement.clientWidth;
    const card = host.shadowRoot!.querySelector('[part~="container"]')!.getBoundingClientRect();
    const outside = [...host.shadowRoot!.querySelectorAll('*')]
      .filter((node) => !node.classList.contains('visually-hidden') && !node.closest('.visually-hidden'))
      .map((node) => ({ node, box: node.getBoundingClientRect() }))
      .filter(({ box }) => box.width > 0 && (box.left < card.left - 0.5 || box.right > card.right + 0.5))
      .map(({ node }) => node.getAttribute('part') ?? node.className ?? node.tagName);
    return {
      scrollWidth: document.documentElement.scrollWidth,
      viewport,
      card: { left: card.left, right: card.right },
      outside,
    };
  });
  // clientWidth, not innerWidth: a classic scrollbar's 15 px would hide a sideways scroll of that much.
  expect(layout.scrollWidth, 'the page scrolls sideways').toBeLessThanOrEqual(layout.viewport);
  expect(layout.card.left).toBeGreaterThanOrEqual(0);
  expect(layout.card.right).toBeLessThanOrEqual(layout.viewport);
  expect(layout.outside, 'elements sticking out of the card').toEqual([]);
}

// A 640 px window at 200 % zoom lays the page out in 320 CSS pixels, drawn at 2 device pixels each.
const NARROW_SCREENS = [
  { label: '320 px (a 640 px window at 200 % zoom)', viewport: { width: 320, height: 700 }, deviceScaleFactor: 2 },
  { label: '375 px phone', viewport: { width: 375, height: 700 }, deviceScaleFactor: 1 },
];

for (const screen of NARROW_SCREENS) {
  test.describe(`at ${screen.label}`, () => {
    test.use({ viewport: screen.viewport, deviceScaleFactor: screen.deviceScaleFactor });

    test('shows the order and the Pay button without sideways scrolling', async ({ page, shop }, testInfo) => {
      const widget = await shop.openCheckout(shop.seed('open-all-types'));
      await expectState(widget, 'ready');
      await expect(widget.locator('[part~="pay-button"]')).toBeVisible();
      await expectNoHorizontalOverflow(widget);
      await testInfo.attach('ready', { body: await page.screenshot({ fullPage: true }), contentType: 'image/png' });
    });

    test('shows the paid order and the group without sideways scrolling', async ({ page, shop }, testInfo) => {
      const widget = await shop.openCheckout(shop.seed('completed'));
      await expectState(widget, 'completed');
      await expect(widget.locator('[part~="share-code"]')).toBeVisible();
      await expect(widget.locator('[part~="tiers"]')).toBeVisible();
      await expectNoHorizontalOverflow(widget);
      await testInfo.attach('completed', { body: await page.screenshot({ fullPage: true }), contentType: 'image/png' });
    });

    test('keeps every word of the cashback tiers whole, in German too', async ({ shop }) => {
      const widget = await shop.openCheckout(shop.seed('completed'), { locale: 'de' });
      await expectState(widget, 'completed');
      await expect(widget.locator('[part~="tiers"]')).toBeVisible();
      expect(await brokenWords(widget.locator('[part~="tiers"]'))).toEqual([]);
    });
  });
}

/** The words drawn on two lines or more ("Teilnehm" / "ende") inside `container`. */
async function brokenWords(container: Locator): Promise<string[]> {
  return container.evaluate((root) => {
    const broken: string[] = [];
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent ?? '';
      for (const match of text.matchAll(/\S+/g)) {
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        const lines = new Set([...range.getClientRects()].map((rect) => Math.round(rect.top)));
        if (lines.size > 1) broken.push(match[0]);
      }
    }
    return broken;
  });
}

// Phones' "larger text" settings: the page's root font size at 150 % and 200 % on a 375 px screen.
for (const textSize of ['150%', '200%']) {
  test.describe(`with the customer's text at ${textSize} on a 375 px phone`, () => {
    test.use({ viewport: { width: 375, height: 700 } });

    /** Sets the page's root font size, and checks the widget's text grew with it: else these tests would check the usual size. */
    async function enlargeText(page: Page, widget: Locator) {
      await page.evaluate((size) => document.documentElement.style.setProperty('font-size', size), textSize);
      const container = widget.locator('[part~="container"]');
      expect(await container.evaluate((node) => getComputedStyle(node).fontSize)).toBe(`${(16 * parseFloat(textSize)) / 100}px`);
    }

    test('keeps every word of the order whole, with nothing sticking out of the card', async ({ page, shop }) => {
      const widget = await shop.openCheckout(shop.seed('open-all-types'));
      await expectState(widget, 'ready');
      await enlargeText(page, widget);
      expect(await brokenWords(widget.locator('[part~="line-items"]'))).toEqual([]);
      expect(await brokenWords(widget.locator('[part~="total"]'))).toEqual([]);
      await expectNoHorizontalOverflow(widget);
    });

    // Spanish has the longest test-mode badge ("Modo de prueba"), German the longest tier word ("Teilnehmende").
    for (const locale of ['es', 'de']) {
      test(`keeps the order and the paid view with its group inside the card, in ${locale}`, async ({ page, shop }) => {
        let widget = await shop.openCheckout(shop.seed('open-all-types'), { locale });
        await expectState(widget, 'ready');
        await enlargeText(page, widget);
        await expectNoHorizontalOverflow(widget);
        widget = await shop.openCheckout(shop.seed('completed'), { locale });
        await expect(widget.locator('[part~="tiers"]')).toBeVisible();
        await enlargeText(page, widget);
        await expectNoHorizontalOverflow(widget);
      });
    }
  });
}

// Both at once: 320 CSS pixels wide and the customer's text at 200 %, where the longest words must wrap.
test.describe('at 320 px with the customer’s text at 200 %', () => {
  test.use({ viewport: { width: 320, height: 700 }, deviceScaleFactor: 2 });

  async function doubleText(page: Page, widget: Locator) {
    await page.evaluate(() => document.documentElement.style.setProperty('font-size', '200%'));
    expect(await widget.locator('[part~="container"]').evaluate((node) => getComputedStyle(node).fontSize)).toBe('32px');
  }

  for (const locale of ['fr', 'en']) {
    test(`keeps the skeleton, the order and the paid view with its group inside the page, in ${locale}`, async ({ page, shop }) => {
      const sessionId = shop.seed('open-all-types');
      let release: () => void = () => {};
      const held = new Promise<void>((resolve) => (release = resolve));
      await page.route(`**/checkout-sessions/${sessionId}?*`, async (route) => {
        await held;
        await route.continue().catch(() => undefined);
      });
      let widget = await shop.openCheckout(sessionId, { locale });
      await expect(widget.locator('[part~="skeleton"]')).toBeVisible();
      await doubleText(page, widget);
      await expectNoHorizontalOverflow(widget);
      release();
      await expectState(widget, 'ready');
      await expectNoHorizontalOverflow(widget);
      // Pay's label keeps its words whole: when the paddings took most of the width, "Payer" and "128,50" broke inside.
      expect(await brokenWords(widget.locator('[part~="pay-button"]'))).toEqual([]);

      widget = await shop.openCheckout(shop.seed('completed'), { locale });
      await expect(widget.locator('[part~="tiers"]')).toBeVisible();
      await doubleText(page, widget);
      await expectNoHorizontalOverflow(widget);
    });
  }
});

/**
 * In the page, from its first script on: every text each shadow root holds, as it changes
 * (a MutationObserver on each root as it is attached: the text each change replaced, added or
 * removed, and the root's text after it). `window.__shownText()` hands it over, changes not yet
 * delivered included. Sampling from the test missed text shown for less than its interval.
 */
function recordShadowText() {
  const seen: string[] = [];
  const roots: { root: ShadowRoot; observer: MutationObserver }[] = [];
  const note = (root: ShadowRoot, records: MutationRecord[]) => {
    for (const record of records) {
      if (record.oldValue !== null) seen.push(record.oldValue);
      for (const node of [...record.addedNodes, ...record.removedNodes]) seen.push(node.textContent ?? '');
    }
    seen.push(root.textContent ?? '');
  };
  const attachShadow = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function (init: ShadowRootInit) {
    const root = attachShadow.call(this, init);
    const observer = new MutationObserver((records) => note(root, records));
    observer.observe(root, { childList: true, subtree: true, characterData: true, characterDataOldValue: true });
    roots.push({ root, observer });
    return root;
  };
  (window as unknown as { __shownText: () => string }).__shownText = () => {
    for (const { root, observer } of roots) note(root, observer.takeRecords());
    return seen.join('\n');
  };
}

test.describe('in a language loaded on demand, over a slow connection', () => {
  test.beforeEach(async ({ page }) => {
    await page.route(/\/chunks\/de-[\w-]+\.min\.js$/, async (route) => {
      const response = await route.fetch();
      await new Promise((resolve) => setTimeout(resolve, 1500));
      await route.fulfill({ response });
    });
    await page.addInitScript(recordShadowText);
  });

  /** Everything the widget showed from the page's load to the end of `until`. */
  async function shownWhile(page: Page, until: () => Promise<void>): Promise<string> {
    await until();
    return page.evaluate(() => (window as unknown as { __shownText: () => string }).__shownText());
  }

  test('shows the first view in its own language only: never English first, on screen or announced', async ({ page, shop }) => {
    const widget = await shop.openCheckout(shop.seed('expired'), { locale: 'de' });
    const shown = await shownWhile(page, () => expectState(widget, 'expired'));
    expect(shown).toContain('Diese Zahlungssitzung ist abgelaufen');
    expect(shown).not.toContain('This checkout session has expired');
    await expect(widget.locator('[part~="message"] h2')).toHaveText('Diese Zahlungssitzung ist abgelaufen');
    await expect(widget.locator('[part~="announcer"]')).toHaveText('Diese Zahlungssitzung ist abgelaufen');
  });

  test('checks a friend’s code from an invite link only once the words are there, announcing it in German', async ({ page, shop }) => {
    const widget = await shop.openCheckout(shop.seed('open-small'), { locale: 'de', kohort: 'KHT-test-5EED0001' });
    const shown = await shownWhile(page, () => expect(widget.locator('[part~="code-accepted"], #code-error')).toBeVisible());
    expect(shown).not.toContain('Checking the code');
    expect(shown).not.toContain('You are joining');
    // Said, and said in German: the accepted code and the cashback it earns are announced (the page's focus stays where it was).
    await expect(widget.locator('[part~="code-accepted"]')).toBeVisible();
    await expect(widget.locator('[part~="announcer"]')).toHaveText(/^Sie treten (der Gruppe von .+|dieser Gruppe) bei\. Diese Bestellung bringt Ihnen .+ Cashback \(.+\)\.$/);
  });

  test('after Retry, a session in another language waits for its words too', async ({ page, shop }) => {
    await page.route(/\/chunks\/es-[\w-]+\.min\.js$/, async (route) => {
      const response = await route.fetch();
      await new Promise((resolve) => setTimeout(resolve, 1500));
      await route.fulfill({ response });
    });
    // The session cannot be reached at first (the page is French), then comes back in Spanish.
    let reachable = false;
    await page.route(/\/checkout-sessions\/cs_/, async (route) => {
      if (!reachable) return route.abort('internetdisconnected');
      const response = await route.fetch();
      await route.fulfill({ response, json: { ...(await response.json()), locale: 'es_ES' } });
    });
    const widget = await shop.openCheckout(shop.seed('open-small'));
    await expectState(widget, 'error');
    reachable = true;
    const shown = await shownWhile(page, async () => {
      await widget.locator('[part~="retry-button"]').click();
      await expectState(widget, 'ready');
    });
    expect(shown).toContain('Su pedido');
    expect(shown).not.toContain('Your order');
    await expect(widget.locator('h2').first()).toHaveText('Su pedido');
  });

  test('keeps the words shown until German has come when the page switches the locale of an order already shown', async ({ page, shop }) => {
    const widget = await shop.openCheckout(shop.seed('open-small'));
    await expect(widget.locator('h2').first()).toHaveText('Votre commande');
    const shown = await shownWhile(page, async () => {
      await widget.evaluate((element) => element.setAttribute('locale', 'de'));
      await expect(widget.locator('h2').first()).toHaveText('Ihre Bestellung');
    });
    expect(shown).not.toContain('Your order');
    expect(shown).not.toContain('Pay €');
  });

  test('sends kohort-error with the customer’s words in that language', async ({ shop }) => {
    const widget = await shop.openCheckout('cs_00000000000000', { locale: 'de' });
    await expectState(widget, 'error');
    const [error] = await shop.loggedEvents<{ code: string; message: string }>('kohort-error');
    expect(error).toMatchObject({ code: 'session_not_found' });
    expect(error!.message).toBe(await widget.locator('[part~="message"] p').first().innerText());
    expect(error!.message).not.toMatch(/does not exist/);
    await expect(widget.locator('[part~="announcer"]')).toContainText('Zahlung nicht gefunden');
  });
});

test('is English throughout where English stands in for a language that cannot load: lang="en", "Pay €89.90"', async ({ page, shop }) => {
  await page.route(/\/chunks\/de-[\w-]+\.min\.js$/, (route) => route.abort('internetdisconnected'));
  const widget = await shop.openCheckout(shop.seed('open-small'), { locale: 'de' });
  await expectState(widget, 'ready');
  // A screen reader reads the English words with an English voice, and the numbers read as English writes them.
  await expect(widget.locator('[part~="container"]')).toHaveAttribute('lang', 'en');
  await expect(widget.locator('[part~="pay-button"]')).toHaveText('Pay €89.90');
});

test('shows the first view in English when its language cannot load, rather than a skeleton for good', async ({ page, shop }) => {
  await page.route(/\/chunks\/de-[\w-]+\.min\.js$/, (route) => route.abort('internetdisconnected'));
  const widget = await shop.openCheckout(shop.seed('expired'), { locale: 'de' });
  await expectState(widget, 'expired');
  await expect(widget.locator('[part~="message"] h2')).toHaveText('This checkout session has expired');
});

test.describe('on a right-to-left page', () => {
  test('the demo page writes its French lede as French, full stop last, aligned right like its heading', async ({ page, shop }) => {
    await expectState(await shop.openCheckout(shop.seed('open-small'), { dir: 'rtl' }), 'ready');
    const lede = await page.locator('.lede').evaluate((paragraph) => {
      const node = paragraph.firstChild!;
      const text = node.textContent!.trimEnd();
      const range = document.createRange();
      const box = (index: number) => {
        range.setStart(node, index);
        range.setEnd(node, index + 1);
        return range.getBoundingClientRect();
      };
      const style = getComputedStyle(paragraph);
      return {
        last: text.slice(-2),
        stopLeft: box(text.length - 1).left,
        letterRight: box(text.length - 2).right,
        stopRight: box(text.length - 1).right,
        inner: paragraph.getBoundingClientRect().right - parseFloat(style.paddingRight),
      };
    });
    expect(lede.last).toBe('z.');
    // "récupérez." rather than ".récupérez", at the right edge of the paragraph.
    expect(lede.stopLeft).toBeGreaterThanOrEqual(lede.letterRight - 1);
    expect(Math.abs(lede.inner - lede.stopRight)).toBeLessThanOrEqual(1);
  });

  test('mirrors the layout: line totals on the left, the Pay text inside its button, no sideways scrolling', async ({
    page,
    shop,
  }) => {
    const widget = await shop.openCheckout(shop.seed('open-small'), { dir: 'rtl' });
    await expectState(widget, 'ready');
    expect(await page.evaluate(() => document.documentElement.dir)).toBe('rtl');

    const rows = await widget.locator('[part~="line-item"]').evaluateAll((items) =>
      items.map((item) => {
        const name = item.querySelector('.item-name')!.getBoundingClientRect();
        const amount = item.querySelector('.amount')!.getBoundingClientRect();
        return { nameLeft: name.left, amountRight: amount.right };
      }),
    );
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row.amountRight).toBeLessThanOrEqual(row.nameLeft);

    const pay = await widget.locator('[part~="pay-button"]').evaluate((button) => {
      const range = document.createRange();
      range.selectNodeContents(button);
      const text = range.getBoundingClientRect();
      const box = button.getBoundingClientRect();
      return { text: { left: text.left, right: text.right, top: text.top, bottom: text.bottom }, box: { left: box.left, right: box.right, top: box.top, bottom: box.bottom } };
    });
    expect(pay.text.left).toBeGreaterThanOrEqual(pay.box.left);
    expect(pay.text.right).toBeLessThanOrEqual(pay.box.right);
    expect(pay.text.top).toBeGreaterThanOrEqual(pay.box.top);
    expect(pay.text.bottom).toBeLessThanOrEqual(pay.box.bottom);
    await expectNoHorizontalOverflow(widget);
  });

  test('aligns every heading, label and hint to the right, as the page reads, not each to its own text', async ({ shop }) => {
    const widget = await shop.openCheckout(shop.seed('open-small'), { dir: 'rtl' });
    await expectState(widget, 'ready');
    await widget.locator('[part~="code-toggle"]').click();
    const gaps = await widget.locator('h2, label, .hint, [part~="code-toggle"]').evaluateAll((blocks) =>
      blocks
        .filter((block) => block.textContent!.trim())
        .map((block) => {
          const range = document.createRange();
          range.selectNodeContents(block);
          const style = getComputedStyle(block);
          const inner = block.getBoundingClientRect().right - parseFloat(style.paddingRight) - parseFloat(style.borderRightWidth);
          return `${block.textContent!.trim().slice(0, 20)}: ${Math.round(inner - range.getBoundingClientRect().right)}`;
        }),
    );
    expect(gaps.length).toBeGreaterThan(3);
    for (const gap of gaps) expect(gap).toMatch(/: -?[01]$/);
  });

  test('writes a cashback tier as its language does: "2 participants", not "participants 2"', async ({ shop }) => {
    const widget = await shop.openCheckout(shop.seed('completed'), { dir: 'rtl', locale: 'en' });
    await expectState(widget, 'completed');
    const tier = await widget.locator('[part~="tier"] > span').first().evaluate((label) => {
      const node = [...label.childNodes].find((child) => child.nodeType === Node.TEXT_NODE && child.textContent!.trim())!;
      const text = node.textContent!;
      const at = (index: number) => {
        const range = document.createRange();
        range.setStart(node, index);
        range.setEnd(node, index + 1);
        return range.getBoundingClientRect().left;
      };
      return { text, digitLeft: at(text.search(/\d/)), wordLeft: at(text.search(/[a-z]/)) };
    });
    expect(tier.text).toMatch(/^\d+ participants?$/);
    expect(tier.digitLeft).toBeLessThan(tier.wordLeft);
  });

  test('keeps the euro sign after the amount, as French writes it', async ({ shop }) => {
    const widget = await shop.openCheckout(shop.seed('open-small'), { dir: 'rtl' });
    await expectState(widget, 'ready');
    const order = await widget.locator('[part~="total"] dd').evaluate((dd) => {
      const walker = document.createTreeWalker(dd, NodeFilter.SHOW_TEXT);
      let node = walker.nextNode()!;
      while (!node.textContent?.includes('€')) node = walker.nextNode()!;
      const value = node.textContent;
      const at = (index: number) => {
        const range = document.createRange();
        range.setStart(node, index);
        range.setEnd(node, index + 1);
        return range.getBoundingClientRect();
      };
      return { euroLeft: at(value.indexOf('€')).left, firstDigitLeft: at(value.search(/\d/)).left };
    });
    expect(order.euroLeft).toBeGreaterThan(order.firstDigitLeft);
  });
});
