/**
 * The examples in demo/examples/ (built by `npm run examples`) open in Chromium against the
 * sandbox API: the widget reaches `state="ready"` for a seeded session, and each page
 * received `kohort-ready` through its own binding (addEventListener, the React wrapper's
 * onKohortReady prop, Vue's @kohort-ready).
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
