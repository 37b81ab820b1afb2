/**
 * The checkout page under the strictest policy a merchant would set: the whole flow (load,
 * a friend's code, pay, the group, copy) in both builds, without a single CSP violation.
 */
import { expect, expectLogged, expectState, test } from './fixtures.ts';

const FRIEND_CODE = 'KHT-test-5EED0001';

function strictPolicy(apiOrigin: string): string[] {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    `connect-src ${apiOrigin}`,
    `img-src ${apiOrigin} data:`,
    "base-uri 'none'",
    "form-action 'self'",
    "require-trusted-types-for 'script'",
  ];
}

for (const build of ['esm', 'iife'] as const) {
  test(`pays with a friend's code and copies it under a strict CSP and Trusted Types, without a violation (${build} build)`, async ({
    page,
    context,
    shop,
  }) => {
    const { demo } = shop;
    const apiOrigin = new URL(demo.sandboxUrl).origin;
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: demo.shopUrl });
    const session = await shop.createSession({
      amountTotal: 5940,
      currency: 'EUR',
      locale: 'fr_FR',
      lineItems: [
        // A picture from the API's own origin: what img-src allows.
        { name: 'Carafe en grès', price: 4500, quantity: 1, type: 'PRODUCT', imageUrl: `${demo.sandboxUrl}/sandbox/assets/logo.svg` },
        { name: 'Verre à eau', price: 1440, quantity: 1, type: 'PRODUCT' },
      ],
      successUrl: `${demo.shopUrl}/success`,
      cancelUrl: `${demo.shopUrl}/cancel`,
    });

    const response = await page.goto(`${demo.shopUrl}/checkout/${session.id}${build === 'iife' ? '?build=iife' : ''}`);
    expect(response?.headers()['content-security-policy']?.split(/;\s*/)).toEqual(strictPolicy(apiOrigin));
    const scripts = await page.locator('script[src]').evaluateAll((nodes) => nodes.map((node) => node.getAttribute('src')));
    expect(scripts).toEqual(['/demo.js', build === 'iife' ? '/cdn/kohort-checkout.iife.min.js' : '/cdn/kohort-checkout.min.js']);

    const widget = page.locator('kohort-checkout');
    await expectState(widget, 'ready');
    for (const image of [widget.locator('[part~="logo"]'), widget.locator('[part~="line-item-image"]')]) {
      await expect.poll(() => image.evaluate((node: HTMLImageElement) => node.complete && node.naturalWidth > 0)).toBe(true);
    }
    await widget.locator('#email').fill(`csp-${build}-${Date.now()}@kohort.test`);
    await widget.locator('[part~="code-toggle"]').click();
    await widget.locator('#code').fill(FRIEND_CODE);
    await widget.locator('[part~="apply-code-button"]').click();
    await expect(widget.locator('[part~="code-accepted"]')).toContainText(FRIEND_CODE);
    await widget.locator('[part~="pay-button"]').click();
    await expectState(widget, 'completed');
    await expect(widget.locator('[part~="share-code"]')).toHaveText(FRIEND_CODE);
    await expect(widget.locator('[part~="participants"]')).toBeVisible();
    await widget.locator('[part~="copy-button"]').click();
    await expect(widget.locator('[part~="share"] .copy-status')).toHaveText('Code copié');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(FRIEND_CODE);

    // demo.js built its event log (textContent only) while Trusted Types were enforced.
    await expectLogged(page, 'kohort-ready');
    await expectLogged(page, 'kohort-success');
    const [success] = await shop.loggedEvents<{ group: { shareId: string } }>('kohort-success');
    expect(success!.group.shareId).toBe(FRIEND_CODE);

    expect(await shop.cspViolations()).toEqual([]);
    expect(shop.problems.pageErrors).toEqual([]);
    expect(shop.problems.consoleErrors).toEqual([]);

    // The zero above means something: the page does refuse a string in an HTML sink.
    const refused = await page.evaluate(() => {
      try {
        document.createElement('div').innerHTML = '<img src=x>';
        return 'accepted';
      } catch (error) {
        return (error as Error).name;
      }
    });
    expect(refused).toBe('TypeError');

    // "Continue" lands on the shop's success page, under the same policy.
    await widget.locator('[part~="continue-button"]').click();
    await page.waitForURL(`${demo.shopUrl}/success?payment_id=**`);
    await page.waitForLoadState('load');
    expect(await shop.cspViolations()).toEqual([]);
  });
}
