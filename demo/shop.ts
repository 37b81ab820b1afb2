/**
 * The demo merchant's backend: creates checkout sessions with the secret key and renders
 * pages that embed `<kohort-checkout>` with the publishable key only.
 */
import { readFile } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';
import { Hono } from 'hono';
import type { Context } from 'hono';
import {
  checkoutPage,
  doubleLoadPage,
  errorPage,
  indexPage,
  resultPage,
  themingPage,
  twoWidgetsPage,
  type SeedLink,
  type WidgetAttributes,
  type WidgetBuild,
} from './pages.ts';
import { readPinning } from './pinning.ts';

export interface ShopKeys {
  publishableTest: string;
  secretTest: string;
  publishableLive: string;
  secretLive: string;
}

export interface ShopConfig {
  /** This shop's own origin, e.g. `http://localhost:4000`. */
  shopUrl: string;
  /** The KohortPay API the widget and the shop talk to, e.g. `http://127.0.0.1:4010`. */
  sandboxUrl: string;
  /** An origin nothing listens on, for the "API unreachable" page. */
  offlineApiUrl: string;
  keys: ShopKeys;
  seeds: readonly { key: string; label: string; id: string; livemode?: boolean }[];
  /** Where the CDN build lives (`dist/cdn`). */
  cdnDir: string;
  /** Where `demo.js` and `demo.css` live. */
  publicDir: string;
}

/** A `pk_test_` key of the right shape that no account owns. */
const UNKNOWN_PUBLISHABLE_KEY = 'pk_test_unknown0000000000000000000000';
/** Stands in for a secret key pasted in the page by mistake; never the real one. */
const FAKE_SECRET_KEY = 'sk_test_fake0000000000000000000000000';

const CONTENT_TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ts': 'text/plain; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

/** A small French basket, as the merchant's cart would send it. */
const DEMO_CART = [
  {
    name: 'Carafe en grès émaillé',
    description: 'Tournée à la main à Dieulefit, 1 L',
    price: 4500,
    quantity: 1,
    type: 'PRODUCT',
  },
  { name: 'Verre à eau soufflé', description: 'Verre recyclé, 25 cl', price: 1450, quantity: 2, type: 'PRODUCT' },
  { name: 'Livraison Colissimo', price: 490, quantity: 1, type: 'SHIPPING' },
] as const;

function originOf(url: string): string {
  return new URL(url).origin;
}

/**
 * As strict as a merchant can make it: scripts and styles from the shop only, requests and
 * pictures from the KohortPay API only, and DOM sinks that take strings need Trusted Types.
 */
function importMapSource(): string {
  const pinning = readPinning();
  return pinning ? ` ${pinning.importMapSource}` : '';
}

/** The strict policy of the shop's pages; `importMap` when the page pins the module's chunks with one. */
function contentSecurityPolicy(apiOrigin: string, importMap = true): string {
  return [
    "default-src 'none'",
    // The import map that pins the widget's chunks is inline: allowed by its hash alone.
    `script-src 'self'${importMap ? importMapSource() : ''}`,
    "style-src 'self'",
    `connect-src ${apiOrigin}`,
    `img-src ${apiOrigin} data:`,
    "base-uri 'none'",
    "form-action 'self'",
    "require-trusted-types-for 'script'",
    // The only Trusted Types policy the page allows: Lit's, which the widget's templates use.
    // Each copy of the script creates it: a page that may load the script twice allows duplicates.
    "trusted-types lit-html 'allow-duplicates'",
  ].join('; ');
}

export function createShopApp(config: ShopConfig): Hono {
  const app = new Hono();
  const sandboxOrigin = originOf(config.sandboxUrl);

  app.use('*', async (c, next) => {
    await next();
    c.header('X-Content-Type-Options', 'nosniff');
    // The checkout page may stay in the back/forward cache, as on most shops: the widget must
    // cope with being shown again as it was left (Back from the hosted checkout, say).
    if (!c.req.path.startsWith('/checkout/')) c.header('Cache-Control', 'no-store');
    if (c.res.headers.get('content-type')?.startsWith('text/html') && !c.res.headers.has('content-security-policy')) {
      c.header('Content-Security-Policy', contentSecurityPolicy(sandboxOrigin));
    }
  });

  app.get('/', (c) => {
    const seeds: SeedLink[] = config.seeds.map((seed) => ({
      label: seed.label,
      id: seed.id,
      // Live sessions are readable with the live publishable key only.
      href: `/checkout/${encodeURIComponent(seed.id)}${seed.livemode ? '?key=live' : ''}`,
    }));
    return c.html(
      indexPage({
        seeds,
        sandboxUrl: config.sandboxUrl,
        publishableKey: config.keys.publishableTest,
        inviteCode: c.req.query('kohort') || undefined,
      }),
    );
  });

  const newOrder = async (c: Context) => {
    // An invite code (`/?kohort=CODE` → hidden field, or `/checkout/new?kohort=CODE`) follows the order.
    const form = c.req.method === 'POST' ? await c.req.parseBody() : {};
    const inviteCode = typeof form.kohort === 'string' && form.kohort ? form.kohort : c.req.query('kohort');
    const response = await fetch(`${config.sandboxUrl}/checkout-sessions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${config.keys.secretTest}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        amountTotal: DEMO_CART.reduce((sum, item) => sum + item.price * item.quantity, 0),
        currency: 'EUR',
        locale: 'fr_FR',
        lineItems: DEMO_CART,
        successUrl: `${config.shopUrl}/success`,
        cancelUrl: `${config.shopUrl}/cancel`,
        clientReferenceId: `order-${Date.now()}`,
      }),
    });
    const body = (await response.json().catch(() => null)) as { id?: unknown } | null;
    if (response.status !== 201 || typeof body?.id !== 'string') {
      return c.html(
        errorPage({
          title: 'Impossible de créer la session',
          message: `POST /checkout-sessions answered ${response.status}\n${JSON.stringify(body, null, 2)}`,
        }),
        502,
      );
    }
    // The invite code and the page's own choices (locale, theme, build, dir) follow the order.
    const query = new URLSearchParams();
    if (inviteCode) query.set('kohort', inviteCode);
    for (const name of ['locale', 'theme', 'build', 'dir']) {
      const value = c.req.query(name);
      if (value) query.set(name, value);
    }
    const search = query.size ? `?${query}` : '';
    return c.redirect(`/checkout/${encodeURIComponent(body.id)}${search}`, 303);
  };
  app.post('/checkout', newOrder);
  app.get('/checkout/new', newOrder);

  app.get('/checkout/:id', (c) => {
    const keyChoice = c.req.query('key');
    const publishableKey =
      keyChoice === 'live'
        ? config.keys.publishableLive
        : keyChoice === 'bad'
          ? UNKNOWN_PUBLISHABLE_KEY
          : keyChoice === 'secret'
            ? FAKE_SECRET_KEY
            : config.keys.publishableTest;
    const apiBase = c.req.query('api') === 'offline' ? config.offlineApiUrl : config.sandboxUrl;
    const build: WidgetBuild = c.req.query('build') === 'iife' ? 'iife' : 'esm';
    const widget: WidgetAttributes = {
      sessionId: c.req.param('id'),
      publishableKey,
      apiBase,
      locale: c.req.query('locale') || undefined,
      shareCode: c.req.query('kohort') || undefined,
      theme: themeChoice(c.req.query('theme')),
    };
    const dir = c.req.query('dir') === 'rtl' ? 'rtl' : undefined;
    c.header('Content-Security-Policy', contentSecurityPolicy(originOf(apiBase), build === 'esm'));
    return c.html(checkoutPage({ widget, build, preventCancel: c.req.query('preventCancel') === '1', dir }));
  });

  app.get('/two-widgets', (c) => {
    const ids = [seedId(config, 'open-small'), seedId(config, 'english')];
    return c.html(
      twoWidgetsPage(
        ids.map((sessionId) => ({ sessionId, publishableKey: config.keys.publishableTest, apiBase: config.sandboxUrl })),
      ),
    );
  });

  app.get('/double-load', (c) =>
    c.html(
      doubleLoadPage({
        sessionId: seedId(config, 'open-small'),
        publishableKey: config.keys.publishableTest,
        apiBase: config.sandboxUrl,
      }),
    ),
  );

  app.get('/theming', (c) => {
    const on = (key: string, theme: WidgetAttributes['theme']): WidgetAttributes => ({
      sessionId: seedId(config, key),
      publishableKey: config.keys.publishableTest,
      apiBase: config.sandboxUrl,
      theme,
    });
    return c.html(
      themingPage([
        {
          look: 'noir',
          title: 'Atelier Noir',
          description: 'A luxury house: dark theme, serif type, square corners, a gold accent.',
          widget: on('open-all-types', 'dark'),
        },
        {
          look: 'pop',
          title: 'Pastèque',
          description: 'A playful brand: round corners, pill buttons, a bright accent.',
          widget: on('completed', 'light'),
        },
        {
          look: 'minimal',
          title: 'Minimal',
          description: 'Follows the system (theme="auto") and keeps the brand colour from the API.',
          widget: on('english', 'auto'),
        },
      ]),
    );
  });

  // An empty page (no shop script, no event log) for `npm run bench` to mount widgets on.
  app.get('/blank', (c) => c.html('<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Blank</title></head><body></body></html>'));
  app.get('/success', (c) => c.html(resultPage({ kind: 'success', params: queryPairs(c.req.url) })));
  app.get('/cancel', (c) => c.html(resultPage({ kind: 'cancel', params: queryPairs(c.req.url) })));

  app.get('/cdn/*', async (c) => {
    const file = await readInside(config.cdnDir, c.req.path.slice('/cdn/'.length));
    if (!file) return c.text('Not found. Run `npm run build` to produce dist/cdn/.', 404);
    c.header('Access-Control-Allow-Origin', '*');
    return c.body(file.body, 200, { 'content-type': file.type });
  });

  for (const name of ['demo.js', 'demo.css', 'theming.css']) {
    app.get(`/${name}`, async (c) => {
      const file = await readInside(config.publicDir, name);
      if (!file) return c.notFound();
      return c.body(file.body, 200, { 'content-type': file.type });
    });
  }

  return app;
}

function seedId(config: ShopConfig, key: string): string {
  const seed = config.seeds.find((candidate) => candidate.key === key);
  if (!seed) throw new Error(`No seeded session "${key}"`);
  return seed.id;
}

function themeChoice(value: string | undefined): WidgetAttributes['theme'] {
  return value === 'dark' || value === 'auto' || value === 'light' ? value : undefined;
}

function queryPairs(url: string): [string, string][] {
  return [...new URL(url).searchParams.entries()];
}

/** Reads `relativePath` under `dir`, refusing anything that escapes it. */
async function readInside(dir: string, relativePath: string): Promise<{ body: Uint8Array<ArrayBuffer>; type: string } | null> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(relativePath);
  } catch {
    return null;
  }
  const root = resolve(dir);
  const target = resolve(root, decoded);
  if (!target.startsWith(root + sep)) return null;
  try {
    const body = new Uint8Array(await readFile(target));
    return { body, type: CONTENT_TYPES[extname(target)] ?? 'application/octet-stream' };
  } catch {
    return null;
  }
}
