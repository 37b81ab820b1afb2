/**
 * Coming back to the checkout with the browser's Back button: the page is restored from the
 * back/forward cache exactly as it was left, and the widget asks the server what happened meanwhile.
 */
import type { Page } from '@playwright/test';
import { expect, expectLogged, expectState, test, type Shop } from './fixtures.ts';

// Playwright turns the back/forward cache off; these tests need it, as customers' browsers have it.
test.use({
  launchOptions: async ({ launchOptions }, use) => use({ ...launchOptions, ignoreDefaultArgs: ['--disable-back-forward-cache'] }),
});

const HOSTED_CHECKOUT = 'https://checkout.kohortpay.com/';

/** A new live-mode order (live sessions without `confirmPayment` are paid on the hosted checkout). */
async function createLiveSession(shop: Shop): Promise<string> {
  const session = await shop.createSession(
    {
      amountTotal: 5900,
      currency: 'EUR',
      locale: 'fr_FR',
      lineItems: [{ name: 'Théière en fonte', price: 5900, quantity: 1, type: 'PRODUCT' }],
      successUrl: `${shop.demo.shopUrl}/success`,
      cancelUrl: `${shop.demo.shopUrl}/cancel`,
    },
    shop.demo.keys.secretLive,
  );
  return session.id;
}

/** Before leaving the checkout page: it will note whether it is shown again from the back/forward cache. */
async function noteRestore(page: Page): Promise<void> {
  await page.evaluate(() => addEventListener('pageshow', (event) => ((window as unknown as { restored: boolean }).restored = event.persisted)));
}

/**
 * In the page, from its first script on: each read of a checkout session it starts, counted as it
 * starts, and each answered (its body read, or the request failed).
 */
function recordSessionReads() {
  const reads = { started: 0, answered: 0 };
  (window as unknown as { __sessionReads: typeof reads }).__sessionReads = reads;
  const fetch = window.fetch;
  window.fetch = function (input: RequestInfo | URL, init?: RequestInit) {
    const answer = fetch.call(this, input, init);
    const method = init?.method ?? (input instanceof Request ? input.method : 'GET');
    if (method !== 'GET' || !/\/checkout-sessions\/cs_/.test(input instanceof Request ? input.url : String(input))) return answer;
    reads.started += 1;
    const answered = () => (reads.answered += 1);
    return answer.then(
      (response) => {
        const json = response.json;
        response.json = () => json.call(response).finally(answered);
        return response;
      },
      (error: unknown) => {
        answered();
        throw error;
      },
    );
  };
}

async function sessionReadsInPage(page: Page): Promise<{ started: number; answered: number }> {
  return page.evaluate(() => ({ ...(window as unknown as { __sessionReads: { started: number; answered: number } }).__sessionReads }));
}

/** Goes Back and checks that the page came from the back/forward cache, not from a new load. */
async function backFromCache(page: Page): Promise<void> {
  await page.goBack({ waitUntil: 'commit' });
  await expect.poll(() => page.evaluate(() => (window as unknown as { restored?: boolean }).restored)).toBe(true);
}

/** Pays a live session: the widget sends the customer to the hosted checkout, who comes Back without paying. */
async function backFromHostedCheckout(page: Page): Promise<void> {
  await page.route(`${HOSTED_CHECKOUT}**`, (route) => route.fulfill({ contentType: 'text/html', body: '<title>KohortPay</title><h1>Paiement</h1>' }));
  await noteRestore(page);
  const widget = page.locator('kohort-checkout');
  await widget.locator('#email').fill('dora@kohort.test');
  await widget.locator('[part~="pay-button"]').click();
  await page.waitForURL(`${HOSTED_CHECKOUT}**`);
  await backFromCache(page);
}

test('offers Pay again to a customer back from the hosted checkout without paying', async ({ page, shop }) => {
  const widget = await shop.openCheckout(await createLiveSession(shop), { key: 'live' });
  await expectState(widget, 'ready');
  await backFromHostedCheckout(page);
  // Not "Redirecting…" with every button locked, as the page was left.
  await expect(widget.locator('[part~="pay-button"]')).not.toHaveAttribute('aria-disabled', 'true');
  await expect(widget.locator('[part~="form"]')).not.toContainText('Redirection');
  await expect(widget.locator('[part~="cancel-button"]')).not.toHaveAttribute('aria-disabled', 'true');
  await expect(widget.locator('#email')).toHaveValue('dora@kohort.test');
  await expect(page.locator('#event-log > li[data-event="kohort-error"]')).toHaveCount(0);
  // Pay goes to the hosted checkout again.
  await widget.locator('[part~="pay-button"]').click();
  await page.waitForURL(`${HOSTED_CHECKOUT}**`);
});

test('shows an order paid in another tab as paid when its page comes back', async ({ page, shop, context }) => {
  await page.goto(`${shop.demo.shopUrl}/checkout/new`);
  const widget = page.locator('kohort-checkout');
  await expectState(widget, 'ready');
  const sessionId = (await widget.getAttribute('session-id'))!;
  await noteRestore(page);
  await page.goto(`${shop.demo.shopUrl}/`);

  const other = await context.newPage();
  await other.goto(`${shop.demo.shopUrl}/checkout/${sessionId}`);
  const otherWidget = other.locator('kohort-checkout');
  await expectState(otherWidget, 'ready');
  await otherWidget.locator('#email').fill('emile@kohort.test');
  await otherWidget.locator('[part~="pay-button"]').click();
  await expectState(otherWidget, 'completed');
  await other.close();

  await backFromCache(page);
  // No stale Pay button: the order shows as paid, as a reload would show it.
  await expectState(widget, 'completed');
  await expectLogged(page, 'kohort-ready', 2);
  await expect(page.locator('#event-log > li[data-event="kohort-success"]')).toHaveCount(0);
});

test('leaves an open order as it was when its page comes back', async ({ page, shop }) => {
  await page.addInitScript(recordSessionReads);
  await page.clock.install();
  await page.goto(`${shop.demo.shopUrl}/checkout/new`);
  const widget = page.locator('kohort-checkout');
  await expectState(widget, 'ready');
  await widget.locator('#email').fill('fanny@kohort.test');
  const { expires_at: expiresAt } = await shop.fetchSession((await widget.getAttribute('session-id'))!);
  await noteRestore(page);
  const before = await sessionReadsInPage(page);
  await page.goto(`${shop.demo.shopUrl}/`);
  await shop.clearSandboxRequests();
  await backFromCache(page);
  const sessionReads = async () => (await shop.sandboxRequests()).filter((request) => request.path.startsWith('/checkout-sessions/')).length;
  await expect.poll(sessionReads).toBe(1);
  // That read taken in, whatever the page set off for later, by timer, runs: up to a minute before the session expires.
  await expect.poll(async () => (await sessionReadsInPage(page)).answered).toBe(before.answered + 1);
  await page.clock.fastForward(Date.parse(expiresAt!) - (await page.evaluate(() => Date.now())) - 60_000);
  expect((await sessionReadsInPage(page)).started - before.started, 'session reads started since the page came back').toBe(1);
  expect(await sessionReads()).toBe(1);
  await expectState(widget, 'ready');
  await expect(widget.locator('#email')).toHaveValue('fanny@kohort.test');
  await expectLogged(page, 'kohort-ready', 1);
});
