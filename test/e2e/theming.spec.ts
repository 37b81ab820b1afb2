/**
 * Theming from the merchant's side: `--kohort-*` custom properties and `::part()` rules in the
 * page's own stylesheet (the demo's /theming page), the brand colour from the API as the
 * default accent, and `theme="light|dark|auto"`.
 */
import type { Locator, Page } from '@playwright/test';
import { expect, expectState, test } from './fixtures.ts';

/** Computed styles of a part inside the widget's shadow root. */
function styleOf(widget: Locator, part: string, properties: string[]): Promise<Record<string, string>> {
  return widget
    .locator(`[part~="${part}"]`)
    .first()
    .evaluate((node, names) => {
      const style = getComputedStyle(node);
      return Object.fromEntries(names.map((name) => [name, style.getPropertyValue(name)]));
    }, properties);
}

/** `C62344` → `rgb(198, 35, 68)`, as computed styles spell colours. */
function rgb(hex: string): string {
  const value = hex.replace('#', '');
  const [r, g, b] = [0, 2, 4].map((start) => parseInt(value.slice(start, start + 2), 16));
  return `rgb(${r}, ${g}, ${b})`;
}

async function openTheming(page: Page, shopUrl: string) {
  await page.goto(shopUrl);
  await page.getByRole('link', { name: 'three merchants' }).click();
  await page.waitForURL(`${shopUrl}/theming`);
  const look = (name: string) => page.locator(`[data-look="${name}"] kohort-checkout`);
  await expectState(look('noir'), 'ready');
  await expectState(look('pop'), 'completed');
  await expectState(look('minimal'), 'ready');
  return look;
}

const LIGHT = { background: 'rgb(255, 255, 255)', text: 'rgb(29, 29, 31)' };
const DARK = { background: 'rgb(28, 28, 30)', text: 'rgb(242, 242, 247)' };

async function palette(widget: Locator) {
  const style = await styleOf(widget, 'container', ['background-color', 'color']);
  return { background: style['background-color'], text: style.color };
}

test('three merchants theme the same widget with custom properties and ::part() rules only', async ({ page, shop }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  const look = await openTheming(page, shop.demo.shopUrl);
  await expect(page.locator('[data-look]')).toHaveCount(3);

  // Atelier Noir: serif, square corners, gold accent with dark text, uppercase Pay (a ::part rule).
  const noirCard = await styleOf(look('noir'), 'container', ['border-top-left-radius', 'font-family', 'border-top-color']);
  expect(noirCard['border-top-left-radius']).toBe('0px');
  expect(noirCard['font-family']).toMatch(/^Georgia/);
  expect(noirCard['border-top-color']).toBe(rgb('c9a45c'));
  expect(await styleOf(look('noir'), 'pay-button', ['background-color', 'color', 'text-transform', 'border-top-left-radius'])).toEqual({
    'background-color': rgb('c9a45c'),
    color: rgb('1a1408'),
    'text-transform': 'uppercase',
    'border-top-left-radius': '0px',
  });

  // Pastèque: round card, pill buttons, its own accent, a highlighted current tier.
  expect((await styleOf(look('pop'), 'container', ['border-top-left-radius']))['border-top-left-radius']).toBe('24px');
  expect(await styleOf(look('pop'), 'copy-button', ['background-color', 'border-top-left-radius'])).toEqual({
    'background-color': rgb('c2185b'),
    'border-top-left-radius': '999px',
  });
  expect((await styleOf(look('pop'), 'share-code', ['color'])).color).toBe(rgb('c2185b'));
  expect((await styleOf(look('pop'), 'current-tier', ['background-color']))['background-color']).toBe(rgb('fff59d'));

  // Minimal: smaller type and corners, no card border.
  expect(await styleOf(look('minimal'), 'container', ['font-size', 'border-top-left-radius', 'border-top-color'])).toEqual({
    'font-size': '15px',
    'border-top-left-radius': '4px',
    'border-top-color': 'rgba(0, 0, 0, 0)',
  });

  expect(await shop.cspViolations()).toEqual([]);
  expect(shop.problems.pageErrors).toEqual([]);
});

test('the merchant’s --kohort-accent wins over the brand colour from the API', async ({ page, shop }) => {
  const look = await openTheming(page, shop.demo.shopUrl);
  for (const name of ['noir', 'pop'] as const) {
    const accent = name === 'noir' ? 'c9a45c' : 'c2185b';
    const button = name === 'noir' ? 'pay-button' : 'copy-button';
    expect((await styleOf(look(name), button, ['background-color']))['background-color']).toBe(rgb(accent));
  }
});

test('the brand colour from the API is the default accent', async ({ page, shop }) => {
  const brand = '0B6E4F';
  // The same session, with another organisation's brand colour in the API's answer.
  await page.route('**/checkout-sessions/*?*', async (route) => {
    const response = await route.fetch();
    const body = (await response.json()) as { organization?: { brand_settings?: { color?: string | null }[] } };
    for (const entry of body.organization?.brand_settings ?? []) entry.color = brand;
    await route.fulfill({ response, json: body });
  });
  const plain = await shop.openCheckout(shop.seed('open-small'));
  await expectState(plain, 'ready');
  expect((await styleOf(plain, 'pay-button', ['background-color']))['background-color']).toBe(rgb(brand));

  const look = await openTheming(page, shop.demo.shopUrl);
  expect((await styleOf(look('minimal'), 'pay-button', ['background-color']))['background-color']).toBe(rgb(brand));
  expect((await styleOf(look('noir'), 'pay-button', ['background-color']))['background-color']).toBe(rgb('c9a45c'));
});

test('theme="dark" is dark whatever the system says; theme="auto" follows the system, live', async ({ page, shop }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  const light = await shop.openCheckout(shop.seed('open-small'));
  await expectState(light, 'ready');
  expect(await palette(light)).toEqual(LIGHT);
  await page.emulateMedia({ colorScheme: 'dark' });
  expect(await palette(light), 'the default theme is light, even on a dark system').toEqual(LIGHT);

  await page.emulateMedia({ colorScheme: 'light' });
  const dark = await shop.openCheckout(shop.seed('open-small'), { theme: 'dark' });
  await expectState(dark, 'ready');
  await expect(dark).toHaveAttribute('theme', 'dark');
  expect(await palette(dark)).toEqual(DARK);
  expect((await styleOf(dark, 'badge', ['background-color']))['background-color']).toBe(rgb('3d3300'));

  const auto = await shop.openCheckout(shop.seed('open-small'), { theme: 'auto' });
  await expectState(auto, 'ready');
  expect(await palette(auto)).toEqual(LIGHT);
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect.poll(() => palette(auto)).toEqual(DARK);
  await page.emulateMedia({ colorScheme: 'light' });
  await expect.poll(() => palette(auto)).toEqual(LIGHT);

  // On the theming page: the minimal merchant follows the system, the dark one stays dark.
  const look = await openTheming(page, shop.demo.shopUrl);
  expect(await palette(look('minimal'))).toEqual(LIGHT);
  const noirBadge = async () => (await styleOf(look('noir'), 'badge', ['background-color']))['background-color'];
  expect(await noirBadge()).toBe(rgb('3d3300'));
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect.poll(() => palette(look('minimal'))).toEqual(DARK);
  expect(await noirBadge()).toBe(rgb('3d3300'));
});

test('a theme other than light, dark or auto (theme="purple", theme="") looks light, even on a dark system', async ({ page, shop }) => {
  // A dark system: a value taken for "auto" would turn dark here, as one taken for "dark" would anywhere.
  await page.emulateMedia({ colorScheme: 'dark' });
  const light = await shop.openCheckout(shop.seed('open-small'), { theme: 'light' });
  await expectState(light, 'ready');
  // Beside it on the same page, the same widget with the other values.
  await light.evaluate((host) => {
    for (const theme of ['auto', 'purple', '']) {
      const other = host.cloneNode() as HTMLElement;
      other.setAttribute('theme', theme);
      other.removeAttribute('state');
      host.parentElement!.append(other);
    }
  });
  const widgets = page.locator('kohort-checkout');
  await expect(widgets).toHaveCount(4);
  const [lightOne, auto, purple, empty] = [0, 1, 2, 3].map((index) => widgets.nth(index)) as [Locator, Locator, Locator, Locator];
  for (const widget of [auto, purple, empty]) await expectState(widget, 'ready');
  await expect(purple).toHaveAttribute('theme', 'purple');
  await expect(empty).toHaveAttribute('theme', '');

  const looks = async (widget: Locator) => ({
    ...(await palette(widget)),
    scheme: (await styleOf(widget, 'container', ['color-scheme']))['color-scheme'],
    surface: await widget.locator('.thumb').first().evaluate((node) => getComputedStyle(node).backgroundColor),
    badge: await styleOf(widget, 'badge', ['background-color', 'color']),
    email: await widget.locator('#email').evaluate((node) => getComputedStyle(node).borderTopColor),
    pay: await styleOf(widget, 'pay-button', ['background-color', 'color']),
  });
  const lightLooks = await looks(lightOne);
  expect(lightLooks).toMatchObject(LIGHT);
  expect(await looks(auto), 'the system is dark: "auto" follows it').toMatchObject(DARK);
  expect(await looks(purple)).toEqual(lightLooks);
  expect(await looks(empty)).toEqual(lightLooks);
});

test('the header and email-field parts take the page’s ::part() rules', async ({ page, shop }) => {
  const widget = await shop.openCheckout(shop.seed('open-small'));
  await expectState(widget, 'ready');
  const rules = {
    header: { 'background-color': 'rgb(1, 2, 3)', 'padding-top': '7px' },
    'email-field': { 'background-color': 'rgb(4, 5, 6)', 'padding-top': '9px' },
  };
  // Found by what they are, not by their part names: a lost name must fail the test, not time it out.
  const boxes = { header: widget.locator('header'), 'email-field': widget.locator('.field:has(> #email)') };
  const styleOfBox = (part: keyof typeof rules) =>
    boxes[part].evaluate((node, names) => {
      const style = getComputedStyle(node);
      return Object.fromEntries(names.map((name) => [name, style.getPropertyValue(name)]));
    }, Object.keys(rules[part]));
  const parts = Object.keys(rules) as (keyof typeof rules)[];
  for (const part of parts) expect(await styleOfBox(part), `${part} before`).not.toEqual(rules[part]);
  // A stylesheet of the page's own (built in script: the page's CSP allows no inline <style>).
  await page.evaluate((css) => {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
  }, Object.entries(rules).map(([part, style]) => `kohort-checkout::part(${part}) { ${Object.entries(style).map(([name, value]) => `${name}: ${value};`).join(' ')} }`).join('\n'));
  for (const part of parts) expect(await styleOfBox(part), part).toEqual(rules[part]);
  expect(await shop.cspViolations()).toEqual([]);
});
