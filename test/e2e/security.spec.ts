/**
 * The checkout page under the strictest policy a merchant would set: the whole flow (load,
 * a friend's code, pay, the group, copy) in both builds, without a single CSP violation.
 */
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { expect, expectLogged, expectState, test } from './fixtures.ts';

/** What the build wrote: the integrity of every CDN file, by its path under /cdn/. */
const builtIntegrity = () =>
  (JSON.parse(readFileSync(new URL('../../dist/cdn/integrity.json', import.meta.url), 'utf8')) as { files: Record<string, string> }).files;

const FRIEND_CODE = 'KHT-test-5EED0001';

/** The demo's policy; `importMap` is the text of the inline import map it allows by hash. */
function strictPolicy(apiOrigin: string, importMap: string | null): string[] {
  const importMapHash = importMap === null ? '' : ` 'sha256-${createHash('sha256').update(importMap).digest('base64')}'`;
  return [
    "default-src 'none'",
    `script-src 'self'${importMapHash}`,
    "style-src 'self'",
    `connect-src ${apiOrigin}`,
    `img-src ${apiOrigin} data:`,
    "base-uri 'none'",
    "form-action 'self'",
    "require-trusted-types-for 'script'",
    "trusted-types lit-html 'allow-duplicates'",
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
    // The module pins its chunks (the group view shown below) with an import map: its only inline script.
    const importMaps = await page.locator('script[type="importmap"]').allTextContents();
    expect(importMaps).toHaveLength(build === 'esm' ? 1 : 0);
    expect(response?.headers()['content-security-policy']?.split(/;\s*/)).toEqual(strictPolicy(apiOrigin, importMaps[0] ?? null));
    const scripts = await page
      .locator('script[src]')
      .evaluateAll((nodes) => nodes.map((node) => [node.getAttribute('src'), node.getAttribute('integrity')]));
    const file = build === 'iife' ? 'kohort-checkout.iife.min.js' : 'kohort-checkout.min.js';
    const integrity = builtIntegrity();
    expect(scripts).toEqual([
      ['/demo.js', null],
      [`/cdn/${file}`, integrity[file]],
    ]);
    if (build === 'esm') {
      const chunks = Object.entries(integrity).filter(([name]) => name.startsWith('chunks/'));
      expect(chunks.length).toBeGreaterThanOrEqual(5);
      expect((JSON.parse(importMaps[0]!) as { integrity: Record<string, string> }).integrity).toEqual(
        Object.fromEntries(chunks.map(([name, hash]) => [`/cdn/${name}`, hash])),
      );
    }

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
    const [success] = await shop.loggedEvents<{ group: { share_id: string } }>('kohort-success');
    expect(success!.group.share_id).toBe(FRIEND_CODE);

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
    // And the recorder behind cspViolations() hears it: a violation this page had would be counted.
    await expect.poll(() => shop.cspViolations()).toEqual([expect.stringMatching(/^require-trusted-types-for blocked trusted-types-sink /)]);

    // "Continue" lands on the shop's success page, under the same policy.
    await widget.locator('[part~="continue-button"]').click();
    await page.waitForURL(`${demo.shopUrl}/success?payment_id=**`);
    await page.waitForLoadState('load');
    expect(await shop.cspViolations()).toEqual([]);
  });
}

test('a chunk that is not the one built is refused by its integrity, and the paid view says the group cannot be shown', async ({
  page,
  shop,
}) => {
  // What a compromised CDN would serve in place of the group view.
  await page.route(/\/chunks\/group-view-[\w-]+\.min\.js$/, (route) =>
    route.fulfill({ contentType: 'text/javascript', body: 'window.__tampered = true; export class GroupView {}' }),
  );
  const widget = await shop.openCheckout(shop.seed('completed'));
  await expectState(widget, 'completed');
  await expect(widget.locator('[part~="group"]')).toContainText('Votre groupe ne peut pas être affiché pour le moment');
  expect(await page.evaluate(() => (window as unknown as { __tampered?: boolean }).__tampered ?? false)).toBe(false);
  expect(shop.problems.consoleErrors.some((message) => /integrity/i.test(message))).toBe(true);
  // The payment itself is shown as it is: paid.
  await expect(widget.locator('#outcome-heading')).toBeVisible();
});

test('the block kohort-checkout-embed prints loads the widget from the merchant\'s own server, every chunk checked, under a CSP that allows its import map by the hash it gave', async ({
  page,
  shop,
}) => {
  const { demo } = shop;
  const served: string[] = [];
  let html = '';
  let policy = '';
  // The merchant's server: the checkout page, and dist/cdn/ under a versioned folder of their own.
  const server = createServer((request, response) => {
    const path = request.url ?? '/';
    if (path === '/checkout') {
      response.writeHead(200, { 'content-type': 'text/html', 'content-security-policy': policy }).end(html);
    } else if (path.startsWith('/kohort/0.1.0/')) {
      served.push(path.slice('/kohort/0.1.0/'.length));
      response.writeHead(200, { 'content-type': 'text/javascript' }).end(readFileSync(new URL(`../../dist/cdn/${served.at(-1)}`, import.meta.url)));
    } else {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const embed = spawnSync(process.execPath, [fileURLToPath(new URL('../../bin/kohort-checkout-embed.mjs', import.meta.url)), `${origin}/kohort/0.1.0/`], { encoding: 'utf8' });
    expect(embed.status).toBe(0);
    policy = `script-src 'self' ${embed.stderr.match(/'sha256-[^']+'/)![0]}`;
    html = `<!doctype html><html><head><meta charset="utf-8">${embed.stdout}</head><body>
<kohort-checkout session-id="${shop.seed('completed')}" publishable-key="${demo.keys.publishableTest}" api-base="${demo.sandboxUrl}" locale="de"></kohort-checkout>
</body></html>`;
    await page.goto(`${origin}/checkout`);
    const widget = page.locator('kohort-checkout');
    await expectState(widget, 'completed');
    // The German words and the group view are chunks: each came through the import map's integrity.
    await expect(widget.locator('[part~="share-code"]')).toContainText('KHT-test-5EED0001');
    expect(served.filter((file) => /^chunks\/(de|group-view)-/.test(file))).toHaveLength(2);
    expect(shop.problems.consoleErrors).toEqual([]);
    expect(await shop.cspViolations()).toEqual([]);
  } finally {
    server.close();
  }
});

test('the logo and the item images are asked for without the checkout page’s address, even on a page whose policy sends it everywhere', async ({
  page,
  context,
  shop,
}) => {
  // A page served by route.fulfill() counts as public: it may reach the local sandbox only with this permission.
  await context.grantPermissions(['local-network-access']);
  // A merchant page with the loosest policy: every request would carry its full URL (the session id in it).
  await page.route(/\/checkout\/[^/?]+(\?.*)?$/, async (route) => {
    const response = await route.fetch();
    const body = (await response.text()).replace('<head>', '<head><meta name="referrer" content="unsafe-url">');
    await route.fulfill({ response, body });
  });
  const referers = new Map<string, string | null>();
  page.on('request', (request) => {
    if (/\/sandbox\/assets\/|\/checkout-sessions\//.test(request.url()))
      void request.allHeaders().then((headers) => referers.set(new URL(request.url()).pathname, headers.referer ?? null));
  });
  const widget = await shop.openCheckout(shop.seed('open-small'));
  await expectState(widget, 'ready');
  const images = [widget.locator('[part~="logo"]'), widget.locator('[part~="line-item-image"]').first()];
  for (const image of images) {
    await expect.poll(() => image.evaluate((node: HTMLImageElement) => node.complete && node.naturalWidth > 0)).toBe(true);
  }
  const paths = await Promise.all(images.map((image) => image.evaluate((node: HTMLImageElement) => new URL(node.src).pathname)));
  await expect.poll(() => paths.every((path) => referers.has(path))).toBe(true);
  for (const path of paths) expect(referers.get(path), path).toBeNull();
  // The page's policy did apply: the widget's own request to the API carries the page's address.
  const apiRequest = [...referers].find(([path]) => path.startsWith('/checkout-sessions/'));
  expect(apiRequest?.[1]).toBe(page.url());
});
