/**
 * `npm run screenshots`: starts the demo on `npm start`'s ports (free ones if taken), opens its
 * pages in headless Chromium and writes the pictures of the README and docs/*.md into docs/images/.
 */
import { mkdir } from 'node:fs/promises';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Page } from '@playwright/test';
import { startDemo } from '../demo/server.ts';
import { SEEDED_SESSIONS } from '../sandbox/seed.ts';

interface Shot {
  file: string;
  /** Path and query on the shop. */
  path: string;
  /** The widget state the page must reach first (every widget's, on a page with several: `settled`). */
  state: string;
  /** Crop to the checkout column (else the whole page). */
  column: boolean;
  viewport: { width: number; height: number };
  /** Capture the whole page height, not only the viewport. */
  fullPage?: boolean;
  /** The system colour scheme to emulate. */
  colorScheme?: 'light' | 'dark';
}

const DESKTOP = { width: 1200, height: 900 };
/** The narrowest phone, and what a 640 px window shows at 200 % zoom. */
const NARROW = { width: 320, height: 700 };
const WIDE = { width: 1400, height: 900 };
const outputDir = fileURLToPath(new URL('../docs/images/', import.meta.url));

function seed(key: string): string {
  const seeded = SEEDED_SESSIONS.find((session) => session.key === key);
  if (!seeded) throw new Error(`No seeded session "${key}"`);
  return seeded.id;
}

const shots: Shot[] = [
  { file: 'ready.png', path: `/checkout/${seed('open-small')}`, state: 'ready', column: true, viewport: DESKTOP },
  { file: 'completed.png', path: `/checkout/${seed('completed')}`, state: 'completed', column: true, viewport: DESKTOP },
  { file: 'expired.png', path: `/checkout/${seed('expired')}`, state: 'expired', column: true, viewport: DESKTOP },
  { file: 'error.png', path: '/checkout/cs_00000000000bad', state: 'error', column: true, viewport: DESKTOP },
  { file: 'english.png', path: `/checkout/${seed('english')}`, state: 'ready', column: true, viewport: DESKTOP },
  { file: 'dark.png', path: `/checkout/${seed('open-small')}?theme=dark`, state: 'ready', column: true, viewport: DESKTOP },
  { file: 'mobile-320.png', path: `/checkout/${seed('open-all-types')}`, state: 'ready', column: true, viewport: NARROW },
  { file: 'rtl.png', path: `/checkout/${seed('open-small')}?dir=rtl`, state: 'ready', column: true, viewport: DESKTOP },
  { file: 'theming.png', path: '/theming', state: 'settled', column: false, viewport: WIDE, fullPage: true },
  { file: 'theming-dark.png', path: '/theming', state: 'settled', column: false, viewport: WIDE, fullPage: true, colorScheme: 'dark' },
];

/** Waits for the widget's state, the fonts and every image (inside its shadow root too). */
async function settle(page: Page, state: string): Promise<void> {
  if (state === 'settled') {
    await page.waitForFunction(() => [...document.querySelectorAll('kohort-checkout')].every((element) => element.getAttribute('state') !== 'loading'), undefined, { timeout: 15_000 });
  } else {
    await page.locator(`kohort-checkout[state="${state}"]`).first().waitFor({ timeout: 15_000 });
  }
  // A paid session's group arrives after the session: wait until no group is still loading.
  await page.waitForFunction(
    () => [...document.querySelectorAll('kohort-checkout')].every((element) => !element.shadowRoot?.querySelector('[part~="group"] [aria-busy="true"]')),
    undefined,
    { timeout: 15_000 },
  );
  await page.waitForLoadState('load');
  await page.evaluate(async () => {
    await document.fonts.ready;
    const roots: (Document | ShadowRoot)[] = [document];
    for (const element of document.querySelectorAll('kohort-checkout')) {
      if (element.shadowRoot) roots.push(element.shadowRoot);
    }
    const images = roots.flatMap((root) => [...root.querySelectorAll('img')]);
    await Promise.all(
      images.map((image) => {
        image.loading = 'eager';
        return image.complete ? undefined : image.decode().catch(() => undefined);
      }),
    );
    // Two frames: the last layout and paint after the images arrived.
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
  });
}

/** The checkout column with a margin of page background around it, in page coordinates. */
async function columnClip(page: Page): Promise<{ x: number; y: number; width: number; height: number }> {
  const margin = 24;
  const box = await page.locator('.checkout-column').evaluate((element) => {
    const rect = element.getBoundingClientRect();
    return { x: rect.left + window.scrollX, y: rect.top + window.scrollY, width: rect.width, height: rect.height };
  });
  const pageWidth = await page.evaluate(() => document.documentElement.scrollWidth);
  const x = Math.max(0, Math.floor(box.x - margin));
  const y = Math.max(0, Math.floor(box.y - margin));
  // On a narrow screen the column fills the width: never clip past the page.
  const width = Math.min(Math.ceil(box.x + box.width + margin), pageWidth) - x;
  return { x, y, width, height: Math.ceil(box.height + 2 * margin) };
}

/** On the ports `npm start` uses, so that the pictures show the links a developer sees; on free ports if those are taken. */
async function startDemoForShots(): ReturnType<typeof startDemo> {
  try {
    return await startDemo({ quiet: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    console.warn('ports 4000/4010 are taken (is `npm start` running?): the invite links in the pictures will show another port');
    return startDemo({ shopPort: 0, sandboxPort: 0, quiet: true });
  }
}

const demo = await startDemoForShots();
const browser = await chromium.launch({
  executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
});
let failed = false;
try {
  await mkdir(outputDir, { recursive: true });
  for (const shot of shots) {
    const context = await browser.newContext({
      viewport: shot.viewport,
      deviceScaleFactor: 1,
      locale: 'fr-FR',
      reducedMotion: 'reduce',
      colorScheme: shot.colorScheme ?? 'light',
      isMobile: shot.viewport === NARROW,
      hasTouch: shot.viewport === NARROW,
    });
    const page = await context.newPage();
    const target = `${outputDir}${shot.file}`;
    try {
      await page.goto(`${demo.shopUrl}${shot.path}`);
      await settle(page, shot.state);
      if (shot.column) {
        await page.screenshot({ path: target, animations: 'disabled', fullPage: true, clip: await columnClip(page) });
      } else {
        await page.screenshot({ path: target, animations: 'disabled', fullPage: shot.fullPage ?? false });
      }
      console.log(`wrote ${relative(process.cwd(), target)}`);
    } catch (error) {
      failed = true;
      console.error(`failed ${shot.file}: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      await context.close();
    }
  }
} finally {
  await browser.close();
  await demo.close();
}
if (failed) process.exitCode = 1;
