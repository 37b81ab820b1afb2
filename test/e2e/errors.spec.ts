/** What the customer and the merchant's page get when the checkout cannot be shown. */
import type { Request } from '@playwright/test';
import type { KohortErrorDetail } from '../../src/events.ts';
import { expect, expectLogged, expectState, test, isApiCall } from './fixtures.ts';

test('shows "not found" for an unknown session id', async ({ page, shop }) => {
  const widget = await shop.openCheckout('cs_00000000000bad');
  await expectState(widget, 'error');
  await expect(widget.locator('[part~="message"]')).toBeVisible();
  await expectLogged(page, 'kohort-error');
  const [error] = await shop.loggedEvents<KohortErrorDetail>('kohort-error');
  expect(error).toMatchObject({ code: 'session_not_found', status: 404, retryable: false });
  await expect(widget.locator('[part~="retry-button"]')).toHaveCount(0);
});

test('shows "unauthorized" for a publishable key the API does not know', async ({ page, shop }) => {
  const widget = await shop.openCheckout(shop.seed('open-small'), { key: 'bad' });
  await expectState(widget, 'error');
  await expectLogged(page, 'kohort-error');
  const [error] = await shop.loggedEvents<KohortErrorDetail>('kohort-error');
  expect(error).toMatchObject({ code: 'unauthorized', status: 401 });
});

test('offers a retry when the API cannot be reached', async ({ page, shop }) => {
  const widget = await shop.openCheckout(shop.seed('open-small'), { api: 'offline' });
  await expectState(widget, 'error');
  await expectLogged(page, 'kohort-error');
  const [error] = await shop.loggedEvents<KohortErrorDetail>('kohort-error');
  expect(error).toMatchObject({ code: 'network_error', retryable: true });
  expect(error?.status).toBeUndefined();

  const retry = widget.locator('[part~="retry-button"]');
  await expect(retry).toBeVisible();
  await retry.click();
  // Still unreachable: a second attempt, a second error for the page.
  await expectLogged(page, 'kohort-error', 2);
  await expectState(widget, 'error');
});

test('refuses a secret key without sending anything to the API', async ({ page, shop }) => {
  const { demo } = shop;
  await shop.clearSandboxRequests();
  const apiRequests: Request[] = [];
  page.on('request', (request) => {
    if (isApiCall(request.url(), demo.sandboxUrl)) apiRequests.push(request);
  });

  const response = await page.goto(`${demo.shopUrl}/checkout/${shop.seed('open-small')}?key=secret`);
  const html = (await response?.text()) ?? '';
  expect(html).toMatch(/publishable-key="sk_test_fake/);
  expect(html).not.toContain(demo.keys.secretTest);

  const widget = page.locator('kohort-checkout');
  await expectState(widget, 'error');
  await expectLogged(page, 'kohort-error');
  const [error] = await shop.loggedEvents<KohortErrorDetail>('kohort-error');
  expect(error).toMatchObject({ code: 'secret_key', retryable: false });
  // The message names the problem without repeating the key in full.
  const fakeKey = (await widget.getAttribute('publishable-key')) ?? '';
  expect(error?.message ?? '').not.toContain(fakeKey);
  await expect(widget.locator('[part~="message"]')).not.toContainText(fakeKey);

  expect(apiRequests).toHaveLength(0);
  expect(await shop.sandboxRequests()).toHaveLength(0);
});
