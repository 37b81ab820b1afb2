/**
 * The referral loop, as two customers live it: the first pays and gets a code; the
 * second pays with that code in another window; the first sees the group grow live.
 */
import type { Page } from '@playwright/test';
import { expect, expectLogged, expectState, test } from './fixtures.ts';

/** Pays a new order; `beforePaying` runs once the checkout is ready. */
async function payNewOrder(page: Page, shopUrl: string, email: string, inviteCode?: string, beforePaying?: () => void) {
  await page.goto(`${shopUrl}/checkout/new${inviteCode ? `?kohort=${encodeURIComponent(inviteCode)}` : ''}`);
  const widget = page.locator('kohort-checkout');
  await expectState(widget, 'ready');
  beforePaying?.();
  await widget.locator('#email').fill(email);
  await widget.locator('#email').blur();
  if (inviteCode) await expect(widget.locator('[part~="code-accepted"]')).toContainText(inviteCode);
  await widget.locator('[part~="pay-button"]').click();
  await expectState(widget, 'completed');
  return widget;
}

test('a customer pays, shares the code, and sees a friend join live', async ({ page, shop, context }) => {
  const { shopUrl } = shop.demo;

  const first = await payNewOrder(page, shopUrl, 'alice@kohort.test');
  await expectLogged(page, 'kohort-success');
  const [success] = await shop.loggedEvents<{ paymentIntentId: string; group: { share_id: string } }>('kohort-success');
  expect(success!.paymentIntentId).toMatch(/^pi_/);
  const code = success!.group.share_id;
  await expect(first.locator('[part~="share-code"]')).toHaveText(code);
  await expect(first.locator('[part~="participants"]')).toHaveText('1 sur 15 participants');
  await expect(first.locator('[part~="current-tier"]')).toHaveCount(0);

  const second = await context.newPage();
  const friend = await payNewOrder(second, shopUrl, 'bob@kohort.test', code);
  await expect(friend.locator('[part~="share-code"]')).toHaveText(code);

  // No reload: the first window polls the group and fires kohort-group-change.
  await expect(first.locator('[part~="participants"]')).toHaveText('2 sur 15 participants', { timeout: 15_000 });
  await expect(first.locator('[part~="current-tier"]')).toContainText('2 participants');
  await expectLogged(page, 'kohort-group-change');
  const [change] = await shop.loggedEvents<{ group: { payment_intents: unknown[] }; previous: { payment_intents: unknown[] } }>(
    'kohort-group-change',
  );
  expect(change!.group.payment_intents).toHaveLength(2);
  expect(change!.previous.payment_intents).toHaveLength(1);

  // "Continue" goes to the shop's success page with the payment id, as the hosted checkout does.
  await first.locator('[part~="continue-button"]').click();
  await page.waitForURL(`${shopUrl}/success?payment_id=${success!.paymentIntentId}`);
});

test('two fast clicks on Pay create exactly one payment intent', async ({ page, shop }) => {
  await page.goto(`${shop.demo.shopUrl}/checkout/new`);
  const widget = page.locator('kohort-checkout');
  await expectState(widget, 'ready');
  await widget.locator('#email').fill('carol@kohort.test');
  await shop.clearSandboxRequests();
  await widget.locator('[part~="pay-button"]').dblclick();
  await expectState(widget, 'completed');
  const posts = (await shop.sandboxRequests()).filter((request) => request.method === 'POST' && request.path === '/payment-intents');
  expect(posts).toHaveLength(1);
});

test('Pay clicked straight after changing the e-mail of an accepted friend’s code pays, though the code is checked again meanwhile', async ({ page, shop }) => {
  await page.setViewportSize({ width: 1280, height: 1400 }); // Pay in view without scrolling, which would hold it in place
  // An order of its own: paying a seeded one would leave it paid for the worker's later tests.
  const session = await shop.createSession({
    amountTotal: 8990,
    currency: 'EUR',
    locale: 'fr_FR',
    lineItems: [{ name: 'Carafe en grès', price: 8990, quantity: 1, type: 'PRODUCT' }],
    successUrl: `${shop.demo.shopUrl}/success`,
    cancelUrl: `${shop.demo.shopUrl}/cancel`,
  });
  const widget = await shop.openCheckout(session.id, { kohort: 'KHT-test-5EED0001' });
  await widget.locator('#email').fill('dana@kohort.test');
  await widget.locator('#email').blur();
  await expect(widget.locator('[part~="code-accepted"]')).toBeVisible();
  // The second check answers only after the click: the accepted code used to give way to "Checking the code…" under the pointer.
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  await page.route(/\/validate$/, async (route) => {
    await released;
    await route.continue();
  });
  await widget.locator('#email').fill('dana.m@kohort.test');
  await shop.clearSandboxRequests();
  // A person's click: the button goes down, the form changes under it, then it comes up.
  const pay = (await widget.locator('[part~="pay-button"]').boundingBox())!;
  await page.mouse.move(pay.x + pay.width / 2, pay.y + pay.height / 2);
  const checking = page.waitForRequest(/\/validate$/);
  await page.mouse.down();
  await checking;
  await page.mouse.up();
  release();
  await expectState(widget, 'completed');
  const posts = (await shop.sandboxRequests()).filter((request) => request.method === 'POST' && request.path === '/payment-intents');
  expect(posts).toHaveLength(1);
});

test('a declined card leaves the customer on the form, and a second try on the same session pays', async ({ page, shop }) => {
  await page.goto(`${shop.demo.shopUrl}/checkout/new`);
  const widget = page.locator('kohort-checkout');
  await expectState(widget, 'ready');
  await widget.locator('#email').fill('dan+decline@kohort.test');
  await widget.locator('[part~="pay-button"]').click();
  await expect(widget.locator('[part~="payment-error"]')).toBeVisible();
  await expectLogged(page, 'kohort-error');
  const [error] = await shop.loggedEvents<{ code: string }>('kohort-error');
  expect(error!.code).toBe('payment_failed');
  await widget.locator('#email').fill('dan@kohort.test');
  await widget.locator('[part~="pay-button"]').click();
  await expectState(widget, 'completed');
  await expectLogged(page, 'kohort-success');
});

test('the group view is downloaded only to show a paid session, and again once back online if that failed', async ({ page, shop, context }) => {
  const groupViewChunk = /\/chunks\/group-view-[\w-]+\.min\.js$/;
  // Chunk downloads and payment confirmations, in the order the page sent them.
  const sent: string[] = [];
  page.on('request', (request) => {
    if (groupViewChunk.test(request.url())) sent.push('group view');
    else if (/\/payment-intents\/[^/]+\/confirm$/.test(request.url())) sent.push('confirm');
  });

  const widget = await payNewOrder(page, shop.demo.shopUrl, 'dora@kohort.test', undefined, () => {
    expect(sent, 'an open checkout needs no group view').toEqual([]);
  });
  await expect(widget.locator('[part~="share-code"]')).toBeVisible();
  // Fetched while paying, not after: the paid view does not wait for it.
  expect(sent).toEqual(['group view', 'confirm']);

  // The chunk cannot be downloaded: the payment is still shown as paid, and the group says why it is missing.
  await page.route(groupViewChunk, (route) => route.abort('internetdisconnected'));
  const paid = await shop.openCheckout(shop.seed('completed'));
  await expectState(paid, 'completed');
  await expect(paid.locator('[part~="group"]')).toContainText('Votre groupe ne peut pas être affiché pour le moment');

  await page.unroute(groupViewChunk);
  await context.setOffline(true);
  await context.setOffline(false);
  // Other tests of this worker may have joined the seeded group: only its presence matters here.
  await expect(paid.locator('[part~="participants"]')).toHaveText(/^\d+ sur 15 participants$/);
  await expect(paid.locator('[part~="share-code"]')).toBeVisible();
});

test('a paid session reads its group while the group view downloads, not after it', async ({ page, shop }) => {
  let chunkDeliveredAt = Number.POSITIVE_INFINITY;
  let groupRequestedAt = Number.POSITIVE_INFINITY;
  // A slow CDN: the group view arrives 700 ms late.
  await page.route(/\/chunks\/group-view-[\w-]+\.min\.js$/, async (route) => {
    const response = await route.fetch();
    await new Promise((resolve) => setTimeout(resolve, 700));
    chunkDeliveredAt = Date.now();
    await route.fulfill({ response });
  });
  page.on('request', (request) => {
    if (new URL(request.url()).pathname.startsWith('/payment-groups/')) groupRequestedAt = Math.min(groupRequestedAt, Date.now());
  });
  const paid = await shop.openCheckout(shop.seed('completed'));
  await expect(paid.locator('[part~="participants"]')).toBeVisible();
  expect(groupRequestedAt, 'the group is asked for before the view that shows it has arrived').toBeLessThan(chunkDeliveredAt);
});
