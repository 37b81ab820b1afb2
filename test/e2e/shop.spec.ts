/** The demo shop as a merchant builds it: new orders, several widgets, sloppy script tags, CSP. */
import type { Request } from '@playwright/test';
import { SEEDED_SESSIONS } from '../../sandbox/seed.ts';
import type { KohortReadyDetail } from '../../src/events.ts';
import { expect, expectLogged, expectState, test, isApiCall } from './fixtures.ts';

test('lists the seeded sessions and creates a fresh one server-side for "New order"', async ({ page, shop }) => {
  const { demo } = shop;
  await page.goto(`${demo.shopUrl}/`);
  for (const seeded of SEEDED_SESSIONS) {
    const link = page.locator(`a[data-session-id="${seeded.id}"]`);
    await expect(link).toHaveText(seeded.label);
    await expect(link).toHaveAttribute('href', new RegExp(`^/checkout/${seeded.id}`));
  }

  await shop.clearSandboxRequests();
  const apiRequests: Request[] = [];
  page.on('request', (request) => {
    if (isApiCall(request.url(), demo.sandboxUrl)) apiRequests.push(request);
  });
  await page.getByRole('button', { name: 'New order' }).click();
  await page.waitForURL(/\/checkout\/cs_[0-9a-f]{14}$/);
  const sessionId = new URL(page.url()).pathname.split('/').pop()!;
  expect(SEEDED_SESSIONS.map((seeded) => seeded.id)).not.toContain(sessionId);

  const widget = page.locator('kohort-checkout');
  await expectState(widget, 'ready');
  await expect(widget).toHaveAttribute('session-id', sessionId);
  await expect(widget.locator('[part~="line-item"]').filter({ hasText: 'Carafe en grès émaillé' })).toHaveCount(1);
  await expect(widget.locator('[part~="line-item"]').filter({ hasText: 'Verre à eau soufflé' })).toContainText(
    /2\s*×/,
  );
  const expectedTotal = await shop.formatMoney(4500 + 2 * 1450 + 490, 'fr-FR');
  expect(await widget.locator('[part~="total"]').textContent()).toContain(expectedTotal);
  await expectLogged(page, 'kohort-ready');

  // The session was created by the shop's server (secret key), the browser only read it.
  const created = (await shop.sandboxRequests()).filter(
    (entry) => entry.method === 'POST' && entry.path === '/checkout-sessions',
  );
  expect(created).toHaveLength(1);
  expect(created[0]!.authorizationPrefix).toBe('sk_test_');
  expect(apiRequests.map((request) => request.method()).filter((method) => method !== 'OPTIONS')).toEqual(['GET']);
  const list = await fetch(`${demo.sandboxUrl}/checkout-sessions`, {
    headers: { authorization: `Bearer ${demo.keys.secretTest}` },
  });
  const { data } = (await list.json()) as { data: { id: string; success_url?: string; cancel_url?: string }[] };
  expect(data.find((session) => session.id === sessionId)).toMatchObject({
    success_url: `${demo.shopUrl}/success`,
    cancel_url: `${demo.shopUrl}/cancel`,
  });
});

test('carries a friend\'s invite code from the shop link into the new order\'s checkout', async ({ page, shop }) => {
  const code = 'KHT-test-5EED0001';
  await page.goto(`${shop.demo.shopUrl}/?kohort=${code}`);
  await expect(page.locator('[data-invite-code]')).toContainText(code);
  await page.getByRole('button', { name: 'New order' }).click();
  await page.waitForURL(new RegExp(`/checkout/cs_[0-9a-f]{14}\\?kohort=${code}$`));
  const widget = page.locator('kohort-checkout');
  await expect(widget).toHaveAttribute('share-code', code);
  await expectState(widget, 'ready');
});

test('keeps the language and the theme asked for when "New order" creates the session', async ({ page, shop }) => {
  await page.goto(`${shop.demo.shopUrl}/checkout/new?locale=en&theme=dark`);
  await page.waitForURL(/\/checkout\/cs_[0-9a-f]{14}\?locale=en&theme=dark$/);
  const widget = page.locator('kohort-checkout');
  await expectState(widget, 'ready');
  await expect(widget).toHaveAttribute('theme', 'dark');
  await expect(widget.locator('[part~="pay-button"]')).toContainText('Pay');
  // Each event's detail in the log can be reached with the keyboard when it scrolls.
  await expect(page.locator('.event-detail').first()).toHaveAttribute('tabindex', '0');
});

test('shows two sessions side by side on one page, each its own', async ({ page, shop }) => {
  const [first, second] = [shop.seed('open-small'), shop.seed('english')];
  const [firstSession, secondSession] = await Promise.all([shop.fetchSession(first), shop.fetchSession(second)]);
  await page.goto(`${shop.demo.shopUrl}/two-widgets`);

  const widgets = page.locator('kohort-checkout');
  await expect(widgets).toHaveCount(2);
  const pairs = [
    [widgets.nth(0), firstSession, secondSession],
    [widgets.nth(1), secondSession, firstSession],
  ] as const;
  for (const [widget, own, other] of pairs) {
    await expectState(widget, 'ready');
    await expect(widget).toHaveAttribute('session-id', own.id);
    const ownFirst = own.line_items!.find((item) => item.type === 'PRODUCT')!;
    const otherFirst = other.line_items!.find((item) => item.type === 'PRODUCT')!;
    await expect(widget.locator('[part~="line-item"]').filter({ hasText: ownFirst.name })).toHaveCount(1);
    await expect(widget.locator('[part~="line-item"]').filter({ hasText: otherFirst.name })).toHaveCount(0);
    await expect(widget.locator('[part~="total"]')).toContainText(
      await shop.formatMoney(own.amount_total, own.locale.replace('_', '-')),
    );
  }
  await expect(widgets.nth(0).locator('[part~="totals"]')).toContainText(/sous-total/i);
  await expect(widgets.nth(1).locator('[part~="totals"]')).toContainText(/subtotal/i);

  await expectLogged(page, 'kohort-ready', 2);
  const ready = await shop.loggedEvents<KohortReadyDetail>('kohort-ready');
  expect(ready.map((detail) => detail.session.id).sort()).toEqual([first, second].sort());
});

test('defines the element once when the script is loaded three times', async ({ page, shop }) => {
  await page.goto(`${shop.demo.shopUrl}/double-load`);
  const widget = page.locator('kohort-checkout');
  await expectState(widget, 'ready');
  await expectLogged(page, 'kohort-ready');
  // Let the deferred classic script run too before judging.
  await page.waitForLoadState('load');
  expect(await page.evaluate(() => typeof customElements.get('kohort-checkout'))).toBe('function');
  expect(await page.evaluate(() => document.querySelectorAll('script[src*="kohort-checkout"]').length)).toBe(3);
  await expect(widget.locator('[part~="line-item"]').first()).toBeVisible();
  await expectLogged(page, 'kohort-ready', 1);
  expect(shop.problems.pageErrors).toEqual([]);
  expect(shop.problems.consoleErrors).toEqual([]);
  expect(shop.problems.consoleWarnings).toEqual([]);
});

test('works the same with the classic-script (IIFE) build', async ({ page, shop }) => {
  const sessionId = shop.seed('open-small');
  const session = await shop.fetchSession(sessionId);
  const scripts: string[] = [];
  page.on('request', (request) => {
    if (request.url().includes('/cdn/')) scripts.push(new URL(request.url()).pathname);
  });

  const widget = await shop.openCheckout(sessionId, { build: 'iife' });
  await expectState(widget, 'ready');
  expect(scripts).toEqual(['/cdn/kohort-checkout.iife.min.js']);
  await expect(widget.locator('[part~="line-item"]')).toHaveCount(
    session.line_items!.filter((item) => item.type === 'PRODUCT').length,
  );
  expect(await widget.locator('[part~="total"]').textContent()).toContain(
    await shop.formatMoney(session.amount_total, 'fr-FR'),
  );
  await expect(widget.locator('[part~="badge"]')).toBeVisible();
  await expectLogged(page, 'kohort-ready');
  expect(shop.problems.pageErrors).toEqual([]);
  // Nothing of the page's own is replaced: a `KohortCheckout` global would overwrite the page's, and clash with its `let`/`class KohortCheckout`.
  expect(await page.evaluate(() => Object.getOwnPropertyNames(window).filter((name) => /kohort/i.test(name)))).toEqual([]);

  await widget.locator('[part~="cancel-button"]').click();
  await page.waitForURL(`${shop.demo.shopUrl}/cancel**`);
});

test('runs under the checkout page CSP without a single violation, in every state', async ({ page, shop }) => {
  const { demo } = shop;
  const response = await page.goto(`${demo.shopUrl}/checkout/${shop.seed('open-all-types')}`);
  const csp = response?.headers()['content-security-policy'] ?? '';
  expect(csp).toContain("default-src 'none'");
  expect(csp).toContain("script-src 'self'");
  expect(csp).toContain("style-src 'self'");
  expect(csp).toContain(`connect-src ${new URL(demo.sandboxUrl).origin}`);
  expect(csp).not.toContain('unsafe-inline');

  const pages: [string, Record<string, string>, string][] = [
    [shop.seed('open-all-types'), {}, 'ready'],
    [shop.seed('open-small'), { build: 'iife' }, 'ready'],
    [shop.seed('completed'), {}, 'completed'],
    [shop.seed('expired'), {}, 'expired'],
    ['cs_00000000000bad', {}, 'error'],
  ];
  const violations: string[] = [];
  for (const [sessionId, query, state] of pages) {
    const widget = await shop.openCheckout(sessionId, query);
    await expectState(widget, state as 'ready');
    // Styled by the widget's own (adopted) stylesheet: the container is laid out, not bare.
    await expect(widget.locator('[part~="container"]')).toBeVisible();
    await page.waitForLoadState('load');
    violations.push(...(await shop.cspViolations()).map((violation) => `${sessionId} ${state}: ${violation}`));
  }
  expect(violations).toEqual([]);
  expect(shop.problems.pageErrors).toEqual([]);
  // The unknown session's 404 is logged by the browser itself, and by the widget for the page's
  // developer; nothing else may be.
  const expected = (message: string) => message.includes('status of 404') || message.startsWith('[kohort-checkout] session_not_found (HTTP 404)');
  expect(shop.problems.consoleErrors.filter((message) => !expected(message))).toEqual([]);
});

test('pays inside an iframe sandboxed without allow-forms, by Pay and by Enter in the e-mail field', async ({ page, shop }) => {
  // A page builder's embed block: scripts and its own origin, but no form submission.
  await page.route(`${shop.demo.shopUrl}/embed-block`, (route) =>
    route.fulfill({ contentType: 'text/html', body: '<!doctype html><iframe sandbox="allow-scripts allow-same-origin" src="/checkout/new" width="600" height="900"></iframe>' }),
  );
  for (const pay of ['click', 'Enter'] as const) {
    await page.goto(`${shop.demo.shopUrl}/embed-block`);
    const widget = page.frameLocator('iframe').locator('kohort-checkout');
    await expectState(widget, 'ready');
    await widget.locator('#email').fill('marie@example.com');
    if (pay === 'click') await widget.locator('[part~="pay-button"]').click();
    else await widget.locator('#email').press('Enter');
    await expectState(widget, 'completed');
  }
});

test('goes to the shop’s home page from "Back to the shop" without a cancel_url inside an embed block’s srcdoc iframe', async ({ page, shop }) => {
  // A page builder's embed block written into the page (srcdoc): the shop's origin, but location.origin is "null" there.
  // No session-id, no API call: the error view (missing_attribute) offers the way back, without a cancel_url.
  const embed = `<script type="module" src="/cdn/kohort-checkout.min.js"></script><kohort-checkout publishable-key="${shop.demo.keys.publishableTest}"></kohort-checkout>`;
  await page.route(`${shop.demo.shopUrl}/embed-block/`, (route) =>
    route.fulfill({ contentType: 'text/html', body: `<!doctype html><iframe srcdoc='${embed}' width="600" height="900"></iframe>` }),
  );
  await page.goto(`${shop.demo.shopUrl}/embed-block/`);
  const widget = page.frameLocator('iframe').locator('kohort-checkout');
  await expect(widget).toHaveAttribute('state', 'error', { timeout: 15_000 });
  const navigation = page.waitForRequest((request) => request.isNavigationRequest() && request.frame() !== page.mainFrame());
  await widget.locator('[part~="cancel-button"]').click();
  expect((await navigation).url()).toBe(`${shop.demo.shopUrl}/`);
});
