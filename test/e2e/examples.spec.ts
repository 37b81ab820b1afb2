/**
 * The examples in demo/examples/ (built by `npm run examples`) open in Chromium against the
 * sandbox API: the widget reaches `state="ready"` for a seeded session, and each page
 * received `kohort-ready` through its own binding (addEventListener, the React wrapper's
 * onKohortReady prop, Vue's @kohort-ready, Angular's (kohort-ready)). The Angular page also pays,
 * through the component in docs/FRAMEWORKS.md, and the React page, through its onKohortSuccess prop.
 */
import { existsSync } from 'node:fs';
import { serveExamples, type RunningExamples } from '../../demo/examples/server.ts';
import { expect, expectState, test as base } from './fixtures.ts';

const test = base.extend<object, { examples: RunningExamples }>({
  examples: [
    async ({ demo }, use) => {
      if (!existsSync(new URL('../../demo/examples/dist/index.html', import.meta.url))) {
        throw new Error('demo/examples/dist/ is missing: run `npm run examples` before the e2e tests.');
      }
      const examples = await serveExamples({ sandboxUrl: demo.sandboxUrl });
      await use(examples);
      await examples.close();
    },
    { scope: 'worker' },
  ],
});

const cases = [
  { name: 'cdn-module', title: 'plain HTML with the CDN ES module (Subresource Integrity)', via: 'addEventListener' },
  { name: 'classic-script', title: 'the classic IIFE script (Subresource Integrity)', via: 'addEventListener' },
  { name: 'esm-rollup', title: 'an ES module import bundled with rollup', via: 'addEventListener' },
  { name: 'react', title: 'React with kohort-checkout/react', via: 'react-prop' },
  { name: 'vue', title: 'Vue 3 with isCustomElement and a runtime template', via: 'vue-listener' },
  { name: 'angular', title: 'Angular compiled by ngc with CUSTOM_ELEMENTS_SCHEMA', via: 'angular-binding' },
];

for (const { name, title, via } of cases) {
  test(`${title}: ready, and kohort-ready reaches the page through its own binding`, async ({ page, examples }) => {
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      // The seeded products' pictures may live on a host this machine cannot reach: data, not code.
      if (message.type() === 'error' && /^Failed to load resource/.test(message.text()) && !message.location().url.startsWith(examples.url)) return;
      if (message.type() === 'error' || message.type() === 'warning') problems.push(`${message.type()}: ${message.text()} (${message.location().url})`);
    });

    await page.goto(`${examples.url}/${name}/`);
    const widget = page.locator('kohort-checkout');
    await expectState(widget, 'ready');
    await expect(widget.locator('[part~="pay-button"]')).toBeVisible();
    await expect(page.locator('#events > li[data-event="kohort-ready"]')).toHaveCount(1);
    await expect(page.locator('#events > li[data-event="kohort-ready"]')).toHaveAttribute('data-via', via);
    await expect(page.locator('#events > li')).toHaveCount(1);
    const upgraded = await page.evaluate(() => {
      const definition = customElements.get('kohort-checkout');
      return definition !== undefined && document.querySelector('kohort-checkout') instanceof definition;
    });
    expect(upgraded).toBe(true);
    if (name === 'cdn-module' || name === 'classic-script') {
      // The script tag carries an integrity the browser checked (a wrong one blocks the script).
      await expect(page.locator('script[integrity^="sha384-"]')).toHaveCount(1);
    }
    expect(problems).toEqual([]);
  });
}

test('Angular: the documented component pays with the page’s [confirmPayment], and its (kohort-success) handler runs', async ({ page, examples, shop }) => {
  const session = await shop.createSession({
    amountTotal: 2500,
    currency: 'EUR',
    locale: 'fr_FR',
    lineItems: [{ name: 'Bougie parfumée', price: 2500, quantity: 1, type: 'PRODUCT' }],
    successUrl: `${examples.url}/success`,
    cancelUrl: `${examples.url}/cancel`,
  });
  const logged: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'log') logged.push(message.text());
  });

  await page.goto(`${examples.url}/angular/?session=${session.id}`);
  const widget = page.locator('kohort-checkout');
  await expectState(widget, 'ready');
  await expect(widget.locator('[part~="line-item"]')).toContainText('Bougie parfumée');
  await widget.locator('#email').fill('angular@kohort.test');
  await widget.locator('[part~="pay-button"]').click();
  await expectState(widget, 'completed');

  // The page's confirmPayment, bound by [confirmPayment], confirmed the payment (not the widget's own test provider).
  await expect(page.locator('#events > li')).toHaveText(['kohort-ready', 'confirmPayment', 'kohort-success']);
  // The documented component's onSuccess read the typed detail: the payment's id and the code to share.
  const paid = await shop.fetchSession(session.id);
  expect(paid.status).toBe('COMPLETED');
  const paymentIntentId = paid.payment_intent?.id;
  const shareId = paid.payment_intent?.payment_group?.share_id;
  expect(paymentIntentId).toMatch(/^pi_/);
  expect(shareId).toMatch(/^KHT-/);
  expect(logged).toEqual([`${paymentIntentId} ${shareId}`]);
  expect(shop.problems.pageErrors).toEqual([]);
  expect(shop.problems.consoleErrors).toEqual([]);
  expect(shop.problems.consoleWarnings).toEqual([]);
});

test('React: a payment’s kohort-success arrives through the wrapper’s onKohortSuccess prop', async ({ page, examples, shop }) => {
  const session = await shop.createSession({
    amountTotal: 1800,
    currency: 'EUR',
    locale: 'fr_FR',
    lineItems: [{ name: 'Carnet A5', price: 1800, quantity: 1, type: 'PRODUCT' }],
    successUrl: `${examples.url}/success`,
  });
  await page.goto(`${examples.url}/react/?session=${session.id}`);
  const widget = page.locator('kohort-checkout');
  await expectState(widget, 'ready');
  await widget.locator('#email').fill('react@kohort.test');
  await widget.locator('[part~="pay-button"]').click();
  await expectState(widget, 'completed');
  // Each onKohort… prop logs its own event's name: success reached the page through onKohortSuccess, once.
  await expect(page.locator('#events > li[data-event="kohort-success"]')).toHaveCount(1);
  await expect(page.locator('#events > li').first()).toHaveText('kohort-ready');
  await expect(page.locator('#events > li[data-event="kohort-continue"]')).toHaveCount(0);
  expect((await shop.fetchSession(session.id)).status).toBe('COMPLETED');
  expect(shop.problems.pageErrors).toEqual([]);
});

test('the CDN example pins the chunks it loads on demand: the real German chunk runs, a tampered one does not', async ({ page, examples }) => {
  const germanChunk = /\/cdn\/kohort-checkout\/[^/]+\/chunks\/de-[\w-]+\.min\.js$/;
  await page.goto(`${examples.url}/cdn-module/`);
  const widget = page.locator('kohort-checkout');
  await expectState(widget, 'ready');
  await widget.evaluate((element) => element.setAttribute('locale', 'de'));
  await expect(widget.locator('[part~="pay-button"]')).toContainText('bezahlen');

  // A fresh page whose CDN serves other bytes under the German chunk's name.
  const refused: string[] = [];
  page.on('console', (message) => {
    if (/integrity/i.test(message.text())) refused.push(message.text());
  });
  await page.route(germanChunk, async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, body: `${await response.text()}\n// tampered` });
  });
  await page.goto(`${examples.url}/cdn-module/`);
  await expectState(widget, 'ready');
  await widget.evaluate((element) => element.setAttribute('locale', 'de'));
  await expect.poll(() => refused.length).toBeGreaterThan(0);
  // The widget keeps speaking the language it had (English while German is on its way) and works.
  await expect(widget.locator('[part~="pay-button"]')).not.toContainText('bezahlen');
  await expect(widget.locator('[part~="pay-button"]')).toBeVisible();
});

test('the classic-script page hears kohort-ready even when its listener script arrives late', async ({ page, examples }) => {
  // A slow events.js must not let the widget answer before anyone listens.
  await page.route(/\/classic-script\/events\.js$/, async (route) => {
    const response = await route.fetch();
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await route.fulfill({ response });
  });
  await page.goto(`${examples.url}/classic-script/`);
  await expectState(page.locator('kohort-checkout'), 'ready');
  await expect(page.locator('#events > li[data-event="kohort-ready"]')).toHaveCount(1);
});
