/**
 * The CDN files' terser shortens the names the widget's own objects hand each other (rollup.config.mjs);
 * component tests run on src, so this drives, on the built files, the flows whose names are shortened:
 * a payment retried under its Idempotency-Key, the paid intent's id in the events, the group view's
 * time left, share and copy.
 */
import { expect, expectLogged, expectState, test } from './fixtures.ts';

for (const build of ['esm', 'iife'] as const) {
  test(`a retried payment keeps its Idempotency-Key, and the paid view shares, copies and counts down (${build} build)`, async ({
    page,
    context,
    shop,
  }) => {
    const { demo } = shop;
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: demo.shopUrl });
    // A share sheet the page can read back: headless Chromium has none.
    await page.addInitScript(() => {
      const shared: ShareData[] = [];
      (window as unknown as { __shared: ShareData[] }).__shared = shared;
      Object.defineProperty(navigator, 'share', { value: async (data: ShareData) => void shared.push(data), configurable: true });
    });
    const keys: (string | undefined)[] = [];
    await page.route(/\/payment-intents$/, async (route) => {
      if (route.request().method() !== 'POST') return route.continue();
      keys.push(route.request().headers()['idempotency-key']);
      // The first answer is lost to a busy gateway: the client retries the write under the same key.
      if (keys.length > 1) return route.continue();
      return route.fulfill({
        status: 503,
        contentType: 'application/json',
        headers: { 'access-control-allow-origin': '*', 'retry-after': '0' },
        body: JSON.stringify({ error: { type: 'api_error', code: 'service_unavailable', message: 'Busy.' } }),
      });
    });
    const session = await shop.createSession({
      amountTotal: 1440,
      currency: 'EUR',
      locale: 'en_GB',
      lineItems: [{ name: 'Water glass', price: 1440, quantity: 1, type: 'PRODUCT' }],
      successUrl: `${demo.shopUrl}/success`,
      cancelUrl: `${demo.shopUrl}/cancel`,
    });
    const widget = await shop.openCheckout(session.id, build === 'iife' ? { build } : {});
    await expectState(widget, 'ready');
    await widget.locator('#email').fill(`built-${build}-${Date.now()}@kohort.test`);
    await widget.locator('[part~="pay-button"]').click();
    await expectState(widget, 'completed');

    expect(keys.length).toBeGreaterThanOrEqual(2);
    expect(keys[0]).toMatch(/\S{8,}/);
    expect(new Set(keys).size).toBe(1);

    await expectLogged(page, 'kohort-success');
    const [success] = await shop.loggedEvents<{ paymentIntentId: string; group: { share_id: string } | null }>('kohort-success');
    expect(success!.paymentIntentId).toMatch(/^pi_/);
    const shareId = success!.group!.share_id;
    await expect(widget.locator('[part~="share-code"]')).toHaveText(shareId);
    await expect(widget.locator('[part~="time-left"]')).toHaveText(/\d/);

    await widget.locator('[part~="share-button"]').click();
    await expect.poll(() => page.evaluate(() => (window as unknown as { __shared: ShareData[] }).__shared)).toEqual([
      expect.objectContaining({ text: expect.stringContaining(shareId) }),
    ]);
    await widget.locator('[part~="copy-button"]').click();
    await expect(widget.locator('[part~="share"] .copy-status')).not.toBeEmpty();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(shareId);

    await widget.locator('[part~="continue-button"]').click();
    await page.waitForURL(`${demo.shopUrl}/success?payment_id=${success!.paymentIntentId}`);
    expect(shop.problems.pageErrors).toEqual([]);
  });
}
