/**
 * What a customer sees in each state of a checkout session, on the demo merchant page,
 * with the widget talking cross-origin to the sandbox API.
 */
import type { Request } from '@playwright/test';
import type { KohortExpiredDetail, KohortReadyDetail } from '../../src/events.ts';
import { SESSION_EXPANSIONS, expect, expectLogged, expectState, test, isApiCall } from './fixtures.ts';

const ADJUSTMENT_TYPES = ['SHIPPING', 'DISCOUNT', 'GIFT_CARD', 'STORE_CREDIT'];

test('shows the open-small order in French, fetched once cross-origin with the publishable key only', async ({
  page,
  shop,
}) => {
  const { demo } = shop;
  const sessionId = shop.seed('open-small');
  const session = await shop.fetchSession(sessionId);
  await shop.clearSandboxRequests();
  const pageRequests: Request[] = [];
  page.on('request', (request) => pageRequests.push(request));

  const response = await page.goto(`${demo.shopUrl}/checkout/${sessionId}`);
  const widget = page.locator('kohort-checkout');
  await expectState(widget, 'ready');
  await expectLogged(page, 'kohort-ready');

  // What the customer sees: each product with its quantity, unit price and line total, then the total.
  const products = (session.line_items ?? []).filter((item) => item.type === 'PRODUCT');
  expect(products.length).toBeGreaterThan(0);
  const lineItems = widget.locator('[part~="line-item"]');
  for (const item of products) {
    const row = lineItems.filter({ hasText: item.name });
    await expect(row).toHaveCount(1);
    await expect(row).toContainText(new RegExp(`\\b${item.quantity}\\s*×`));
    await expect(row).toContainText(await shop.formatMoney(item.price, 'fr-FR'));
    await expect(row).toContainText(await shop.formatMoney(item.amount_total, 'fr-FR'));
  }
  const expectedTotal = await shop.formatMoney(session.amount_total, 'fr-FR');
  expect(expectedTotal).toMatch(/^\d[\d\u202f\u00a0]*,\d{2}\u00a0€$/);
  // Exact characters, narrow no-break spaces included: the widget must format like Intl does.
  expect(await widget.locator('[part~="total"]').textContent()).toContain(expectedTotal);
  await expect(widget.locator('[part~="badge"]')).toBeVisible();
  await expect(widget.locator('[part~="badge"]')).toHaveText(/test/i);

  // What the page's listener received.
  const [ready] = await shop.loggedEvents<KohortReadyDetail>('kohort-ready');
  expect(ready?.session.id).toBe(sessionId);
  expect(ready?.session.amount_total).toBe(session.amount_total);

  // One request for the first render, from the shop's origin to the API's, with the expansions.
  expect(new URL(page.url()).origin).not.toBe(new URL(demo.sandboxUrl).origin);
  const sessionReads = (await shop.sandboxRequests()).filter(
    (entry) => entry.method === 'GET' && entry.path === `/checkout-sessions/${sessionId}`,
  );
  expect(sessionReads).toHaveLength(1);
  expect(sessionReads[0]!.query.getAll('expand[]').sort()).toEqual([...SESSION_EXPANSIONS].sort());
  expect(sessionReads[0]!.authorizationPrefix).toBe('pk_test_');

  // The secret key never reaches the browser: not in the HTML, not in any request the page made.
  const html = (await response?.text()) ?? '';
  for (const text of [html, await page.content()]) {
    expect(text).not.toContain(demo.keys.secretTest);
    expect(text).not.toContain(demo.keys.secretLive);
    expect(text).not.toMatch(/sk_(test|live)_/);
  }
  const apiRequests = pageRequests.filter((request) => isApiCall(request.url(), demo.sandboxUrl));
  expect(apiRequests.length).toBeGreaterThan(0);
  for (const request of pageRequests) {
    const headers = await request.allHeaders();
    expect(`${request.url()} ${JSON.stringify(headers)}`).not.toMatch(/sk_(test|live)_/);
  }
  for (const request of apiRequests.filter((candidate) => candidate.method() !== 'OPTIONS')) {
    expect((await request.allHeaders())['authorization']).toBe(`Bearer ${demo.keys.publishableTest}`);
  }
});

test('shows shipping, discount, gift card and store credit rows for the all-types session', async ({ page, shop }) => {
  const sessionId = shop.seed('open-all-types');
  const session = await shop.fetchSession(sessionId);
  const adjustments = (session.line_items ?? []).filter((item) => item.type !== 'PRODUCT');
  expect(new Set(adjustments.map((item) => item.type))).toEqual(new Set(ADJUSTMENT_TYPES));

  const widget = await shop.openCheckout(sessionId);
  await expectState(widget, 'ready');
  // Products are listed as line items; every other line gets its own row in the totals, once.
  const products = (session.line_items ?? []).filter((item) => item.type === 'PRODUCT');
  await expect(widget.locator('[part~="line-item"]')).toHaveCount(products.length);
  const totals = widget.locator('[part~="totals"]');
  for (const item of adjustments) {
    const row = totals.locator(':scope > *').filter({ hasText: item.name });
    await expect(row, `${item.type} row "${item.name}"`).toHaveCount(1);
    await expect(row).toContainText(await shop.formatMoney(item.amount_total, 'fr-FR'));
  }
  await expect(totals).toContainText(/sous-total/i);
  await expect(widget.locator('[part~="total"]')).toContainText(await shop.formatMoney(session.amount_total, 'fr-FR'));
  await expectLogged(page, 'kohort-ready');
});

test('renders all 200 line items of a large order', async ({ page, shop }) => {
  const sessionId = shop.seed('open-200');
  const session = await shop.fetchSession(sessionId);
  const products = (session.line_items ?? []).filter((item) => item.type === 'PRODUCT');
  expect(products).toHaveLength(200);

  const widget = await shop.openCheckout(sessionId);
  await expectState(widget, 'ready');
  await expect(widget.locator('[part~="line-item"]')).toHaveCount(200);
  await expect(widget.locator('[part~="line-item"]').last()).toContainText(products.at(-1)!.name);
  await expect(widget.locator('[part~="total"]')).toContainText(await shop.formatMoney(session.amount_total, 'fr-FR'));
  await expectLogged(page, 'kohort-ready');
});

test('shows an English session in English with €-prefixed amounts', async ({ shop }) => {
  const sessionId = shop.seed('english');
  const session = await shop.fetchSession(sessionId);
  expect(session.locale).toMatch(/^en_/);

  const widget = await shop.openCheckout(sessionId);
  await expectState(widget, 'ready');
  const expectedTotal = await shop.formatMoney(session.amount_total, session.locale.replace('_', '-'));
  expect(expectedTotal).toMatch(/^€\d/);
  expect(await widget.locator('[part~="total"]').textContent()).toContain(expectedTotal);
  await expect(widget.locator('[part~="totals"]')).toContainText(/subtotal/i);
  await expect(widget.locator('[part~="totals"]')).not.toContainText(/sous-total/i);
  await expect(widget.locator('[part~="badge"]')).toHaveText(/test mode/i);
});

test('follows a locale=en override on a French session', async ({ shop }) => {
  const sessionId = shop.seed('open-small');
  const session = await shop.fetchSession(sessionId);
  expect(session.locale).toBe('fr_FR');

  const widget = await shop.openCheckout(sessionId, { locale: 'en' });
  await expectState(widget, 'ready');
  const total = widget.locator('[part~="total"]');
  await expect(total).toContainText(await shop.formatMoney(session.amount_total, 'en'));
  await expect(total).toContainText(/€\d/);
  await expect(widget.locator('[part~="totals"]')).toContainText(/subtotal/i);
});

test('shows a live session with the live key and no test badge', async ({ shop }) => {
  const sessionId = shop.seed('live');
  const widget = await shop.openCheckout(sessionId, { key: 'live' });
  await expectState(widget, 'ready');
  await expect(widget.locator('[part~="line-item"]').first()).toBeVisible();
  await expect(widget.locator('[part~="badge"]')).toHaveCount(0);
});

test('shows a completed session as paid', async ({ shop }) => {
  const sessionId = shop.seed('completed');
  const session = await shop.fetchSession(sessionId);
  const widget = await shop.openCheckout(sessionId);
  await expectState(widget, 'completed');
  const message = widget.locator('[part~="message"]');
  await expect(message).toBeVisible();
  await expect(message).toContainText(await shop.formatMoney(session.amount_total, 'fr-FR'));
  await expect(widget.locator('[part~="line-item"]')).toHaveCount(0);
});

test('shows an expired session as expired and tells the page', async ({ page, shop }) => {
  const sessionId = shop.seed('expired');
  const widget = await shop.openCheckout(sessionId);
  await expectState(widget, 'expired');
  await expect(widget.locator('[part~="message"]')).toBeVisible();
  await expectLogged(page, 'kohort-expired');
  const [expired] = await shop.loggedEvents<KohortExpiredDetail>('kohort-expired');
  expect(expired?.sessionId).toBe(sessionId);
});

test('switches to expired once expires_at passes, without a reload', async ({ page, shop }) => {
  const now = Date.now();
  const session = await shop.createSession({
    amountTotal: 2500,
    currency: 'EUR',
    locale: 'fr_FR',
    lineItems: [{ name: 'Bougie parfumée', price: 2500, quantity: 1, type: 'PRODUCT' }],
    successUrl: `${shop.demo.shopUrl}/success`,
    cancelUrl: `${shop.demo.shopUrl}/cancel`,
    expiresAt: new Date(now + 31 * 60_000).toISOString(),
  });
  await page.clock.install({ time: now });

  const widget = await shop.openCheckout(session.id);
  await expectState(widget, 'ready');
  await page.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));

  await page.clock.fastForward('32:00');
  await expectState(widget, 'expired');
  await expectLogged(page, 'kohort-expired');
  const [expired] = await shop.loggedEvents<KohortExpiredDetail>('kohort-expired');
  expect(expired?.sessionId).toBe(session.id);
  expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
});

test('goes back to the shop cancel page from "back to the shop"', async ({ page, shop }) => {
  const sessionId = shop.seed('open-small');
  const session = await shop.fetchSession(sessionId);
  expect(session.cancel_url).toBe(`${shop.demo.shopUrl}/cancel`);

  const widget = await shop.openCheckout(sessionId);
  await expectState(widget, 'ready');
  await widget.locator('[part~="cancel-button"]').click();
  await page.waitForURL(`${shop.demo.shopUrl}/cancel**`);
  await expect(page.locator('[data-result="cancel"]')).toBeVisible();
});

test('stays on the page when the shop calls preventDefault on kohort-cancel', async ({ page, shop }) => {
  const sessionId = shop.seed('open-small');
  const { expires_at: expiresAt } = await shop.fetchSession(sessionId);
  // Every navigation the page starts, as it starts (the Navigation API's navigate event), and the page's timers on a clock the test moves.
  await page.addInitScript(() => {
    const started: string[] = ((window as unknown as { __navigations: string[] }).__navigations = []);
    (window as unknown as { navigation: EventTarget }).navigation.addEventListener('navigate', (event) =>
      started.push((event as Event & { destination: { url: string } }).destination.url),
    );
  });
  await page.clock.install();
  const widget = await shop.openCheckout(sessionId, { preventCancel: '1' });
  await expectState(widget, 'ready');
  const checkoutUrl = page.url();
  await page.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));

  await widget.locator('[part~="cancel-button"]').click();
  await expectLogged(page, 'kohort-cancel');
  await expect(page.locator('#event-log > li[data-event="kohort-cancel"] .event-prevented')).toBeVisible();
  const [cancel] = await shop.loggedEvents<{ sessionId: string }>('kohort-cancel');
  expect(cancel?.sessionId).toBe(sessionId);
  // Whatever the page set off for later, by timer, runs now: up to a minute before the session expires.
  await page.clock.fastForward(Date.parse(expiresAt!) - (await page.evaluate(() => Date.now())) - 60_000);
  // Still the page loaded, which started no navigation (one that committed would have replaced it).
  const shown = await page.evaluate(() => {
    const { __sameDocument: sameDocument, __navigations: navigations } = window as unknown as { __sameDocument?: boolean; __navigations: string[] };
    return { sameDocument, navigations };
  });
  expect(shown).toEqual({ sameDocument: true, navigations: [] });
  expect(page.url()).toBe(checkoutUrl);
  await expectState(widget, 'ready');
});
