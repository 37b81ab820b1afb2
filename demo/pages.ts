/**
 * The demo shop's HTML. Every interpolation goes through `hono/html`, which escapes it;
 * pages carry no inline script or style (but the import map, allowed by its hash) so they run
 * under a strict CSP.
 */
import { html, raw } from 'hono/html';
import { readPinning } from './pinning.ts';

type Html = ReturnType<typeof html>;

/** The shop's icon, inline: the checkout page's CSP lets pictures come from the API and `data:` only. */
const FAVICON = `data:image/svg+xml,${encodeURIComponent(
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="7" fill="#1f2a44"/>' +
    '<path d="M10 8v16M10 16l9-8M12.5 14l7.5 10" stroke="#f4efe6" stroke-width="3" fill="none" stroke-linecap="round" stroke-linejoin="round"/></svg>',
)}`;

export interface SeedLink {
  label: string;
  href: string;
  id: string;
}

/** What the checkout page puts on its `<kohort-checkout>` tag. */
export interface WidgetAttributes {
  sessionId: string;
  publishableKey: string;
  apiBase: string;
  locale?: string | undefined;
  shareCode?: string | undefined;
  theme?: 'light' | 'dark' | 'auto' | undefined;
}

export type WidgetBuild = 'esm' | 'iife';

function layout(options: { title: string; head?: Html; body: Html; bodyData?: Record<string, string>; dir?: 'ltr' | 'rtl' }): Html {
  const data = Object.entries(options.bodyData ?? {}).map(
    ([name, value]) => html` data-${name}="${value}"`,
  );
  return html`<!doctype html>
<html lang="fr"${options.dir ? html` dir="${options.dir}"` : ''}>
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${options.title} · Maison Kohort</title>
<link rel="icon" href="${FAVICON}" type="image/svg+xml">
<link rel="stylesheet" href="/demo.css">
<script src="/demo.js"></script>
${options.head ?? ''}
</head>
<body${data}>
<header class="shop-header">
  <a class="shop-brand" href="/">Maison Kohort</a>
  <span class="shop-tagline">Arts de la table, faits main en France</span>
  <nav class="shop-nav"><a href="/">Boutique</a><a href="/checkout/new">Panier</a></nav>
</header>
${options.body}
<footer class="shop-footer">Démo KohortPay · boutique fictive, paiements en mode test via le sandbox local.</footer>
</body>
</html>`;
}

function widgetTag(attributes: WidgetAttributes): Html {
  return html`<kohort-checkout session-id="${attributes.sessionId}" publishable-key="${attributes.publishableKey}" api-base="${attributes.apiBase}"${
    attributes.locale ? html` locale="${attributes.locale}"` : ''
  }${attributes.shareCode ? html` share-code="${attributes.shareCode}"` : ''}${
    attributes.theme ? html` theme="${attributes.theme}"` : ''
  }></kohort-checkout>`;
}

/** The widget's script, pinned with its integrity (and its chunks' in an import map) once built. */
function widgetScripts(build: WidgetBuild): Html {
  const pinning = readPinning();
  if (build === 'iife') {
    const integrity = pinning?.files['kohort-checkout.iife.min.js'];
    return integrity
      ? html`<script src="/cdn/kohort-checkout.iife.min.js" integrity="${integrity}" crossorigin="anonymous" defer></script>`
      : html`<script src="/cdn/kohort-checkout.iife.min.js" defer></script>`;
  }
  const integrity = pinning?.files['kohort-checkout.min.js'];
  if (!pinning || !integrity) return html`<script type="module" src="/cdn/kohort-checkout.min.js"></script>`;
  // JSON of file names and base64 hashes only: nothing in it can close the script element.
  return html`<script type="importmap">${raw(pinning.importMap)}</script>
<script type="module" src="/cdn/kohort-checkout.min.js" integrity="${integrity}" crossorigin="anonymous"></script>`;
}

function eventLog(): Html {
  return html`<aside class="event-column" aria-labelledby="event-log-title">
    <h2 id="event-log-title">Event log</h2>
    <p class="hint">Every <code>kohort-*</code> event the page receives, newest first.</p>
    <ol id="event-log" class="event-log"></ol>
  </aside>`;
}

export function indexPage(options: {
  seeds: SeedLink[];
  sandboxUrl: string;
  publishableKey: string;
  /** A friend's referral code from an invite link (`/?kohort=CODE`). */
  inviteCode?: string | undefined;
}): Html {
  return layout({
    title: 'Démo',
    body: html`<main class="shop-main shop-main--single">
  <section class="intro">
    <h1>KohortPay checkout demo</h1>
    <p>This is a merchant's shop. Its server creates checkout sessions with the <strong>secret key</strong>
      against the local sandbox API (<code>${options.sandboxUrl}</code>, a different origin, so CORS is real),
      then renders the <code>&lt;kohort-checkout&gt;</code> element with the <strong>publishable key</strong> only.</p>
    <p>The checkout page logs every <code>kohort-*</code> event the element fires. Useful query options:
      <code>?locale=en</code>, <code>?build=iife</code>, <code>?preventCancel=1</code>, <code>?kohort=CODE</code>,
      <code>?theme=dark</code> (or <code>auto</code>), <code>?dir=rtl</code>.</p>
    ${options.inviteCode
      ? html`<p class="invite" data-invite-code="${options.inviteCode}">Un ami vous a invité avec le code
          <code>${options.inviteCode}</code>&nbsp;: il sera proposé au paiement de votre commande.</p>`
      : ''}
    <form method="post" action="/checkout" class="new-order">
      ${options.inviteCode ? html`<input type="hidden" name="kohort" value="${options.inviteCode}">` : ''}
      <button type="submit" class="button-primary">New order</button>
      <span class="hint">creates a fresh session server-side (carafe, verres, livraison)</span>
    </form>
  </section>
  <section class="seeds">
    <h2>Seeded sessions</h2>
    <ul class="seed-list">
      ${options.seeds.map(
        (seed) => html`<li><a href="${seed.href}" data-session-id="${seed.id}">${seed.label}</a> <code>${seed.id}</code></li>`,
      )}
    </ul>
    <p class="hint">Also: <a href="/two-widgets">two widgets on one page</a> ·
      <a href="/double-load">the script loaded three times</a> ·
      <a href="/theming">three merchants' themes</a> ·
      <a href="/checkout/cs_00000000000000">an unknown session</a> ·
      <a href="/checkout/cs_5eed00000000a1?api=offline">the API unreachable</a></p>
    <p class="hint">Publishable test key: <code>${options.publishableKey}</code></p>
  </section>
</main>`,
  });
}

export function checkoutPage(options: {
  widget: WidgetAttributes;
  build: WidgetBuild;
  preventCancel: boolean;
  /** `?dir=rtl`: the whole page right to left, as an Arabic or Hebrew shop would be. */
  dir?: 'ltr' | 'rtl' | undefined;
}): Html {
  return layout({
    title: 'Paiement',
    ...(options.dir ? { dir: options.dir } : {}),
    head: widgetScripts(options.build),
    bodyData: options.preventCancel ? { 'prevent-cancel': '1' } : {},
    body: html`<main class="shop-main">
  <section class="checkout-column" id="checkout">
    <h1>Paiement</h1>
    <p class="lede">Payez votre commande et invitez vos amis&nbsp;: plus votre groupe grandit, plus vous récupérez.</p>
    ${widgetTag(options.widget)}
  </section>
  ${eventLog()}
</main>`,
  });
}

export function twoWidgetsPage(widgets: WidgetAttributes[]): Html {
  return layout({
    title: 'Deux paiements',
    head: widgetScripts('esm'),
    body: html`<main class="shop-main">
  <section class="checkout-column checkout-column--pair" id="checkout">
    <h1>Deux commandes</h1>
    ${widgets.map((widget) => html`<div class="widget-slot">${widgetTag(widget)}</div>`)}
  </section>
  ${eventLog()}
</main>`,
  });
}

export function doubleLoadPage(widget: WidgetAttributes): Html {
  return layout({
    title: 'Double chargement',
    // The same bundle twice under two URLs (two module instances) and the classic build:
    // a careless merchant template; the element must be defined exactly once, silently.
    head: html`<script type="module" src="/cdn/kohort-checkout.min.js"></script>
<script type="module" src="/cdn/kohort-checkout.min.js?copy=2"></script>
<script src="/cdn/kohort-checkout.iife.min.js" defer></script>`,
    body: html`<main class="shop-main">
  <section class="checkout-column" id="checkout">
    <h1>Paiement</h1>
    <p class="lede">Cette page charge le script du widget trois fois.</p>
    ${widgetTag(widget)}
  </section>
  ${eventLog()}
</main>`,
  });
}

export function resultPage(options: { kind: 'success' | 'cancel'; params: [string, string][] }): Html {
  const success = options.kind === 'success';
  return layout({
    title: success ? 'Merci' : 'Paiement annulé',
    body: html`<main class="shop-main shop-main--single">
  <section class="result result--${options.kind}" data-result="${options.kind}">
    <h1>${success ? 'Merci pour votre commande\u202f!' : 'Paiement annulé'}</h1>
    <p>${success
      ? 'KohortPay a renvoyé le client vers la boutique après le paiement.'
      : 'Le client est revenu à la boutique sans payer. Son panier est intact.'}</p>
    <h2>What the shop received</h2>
    ${options.params.length === 0
      ? html`<p class="hint">No query parameters.</p>`
      : html`<dl class="received">${options.params.map(
          ([name, value]) => html`<dt>${name}</dt><dd><code data-param="${name}">${value}</code></dd>`,
        )}</dl>`}
    <p><a href="/" class="button-primary">Back to the shop</a></p>
  </section>
</main>`,
  });
}

export function errorPage(options: { title: string; message: string }): Html {
  return layout({
    title: options.title,
    body: html`<main class="shop-main shop-main--single">
  <section class="result result--error">
    <h1>${options.title}</h1>
    <pre class="error-detail">${options.message}</pre>
    <p><a href="/">Back to the shop</a></p>
  </section>
</main>`,
  });
}

/** One merchant's look on the theming page: its widget and the class its stylesheet targets. */
export interface ThemedWidget {
  look: string;
  title: string;
  description: string;
  widget: WidgetAttributes;
}

/**
 * Three merchants, one widget: each look is only `--kohort-*` custom properties and
 * `::part()` rules in /theming.css (no inline style, as the CSP demands).
 */
export function themingPage(looks: ThemedWidget[]): Html {
  return layout({
    title: 'Thèmes',
    head: html`${widgetScripts('esm')}
<link rel="stylesheet" href="/theming.css">`,
    body: html`<main class="theming-main">
  <h1>Three merchants, one widget</h1>
  <p class="lede">Each checkout below is the same <code>&lt;kohort-checkout&gt;</code> on a seeded session, styled only
    with <code>--kohort-*</code> custom properties and <code>::part()</code> rules from
    <a href="/theming.css">theming.css</a>.</p>
  <div class="theming-grid">
    ${looks.map(
      (look) => html`<section class="look look--${look.look}" data-look="${look.look}" aria-labelledby="look-${look.look}">
      <h2 id="look-${look.look}">${look.title}</h2>
      <p class="look-description">${look.description}</p>
      ${widgetTag(look.widget)}
    </section>`,
    )}
  </div>
</main>`,
  });
}
