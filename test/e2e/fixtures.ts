/**
 * Shared end-to-end fixtures: each worker runs its own demo shop + sandbox API on free
 * ports; each test gets helpers to open checkout pages and read what the page saw.
 */
import { existsSync } from 'node:fs';
import { test as base, expect, type Locator, type Page } from '@playwright/test';
import { startDemo, type RunningDemo } from '../../demo/server.ts';
import { SEEDED_SESSIONS } from '../../sandbox/seed.ts';
import type { CheckoutSession } from '../../src/api/types.ts';

export { expect };

export type WidgetState = 'loading' | 'ready' | 'completed' | 'expired' | 'error';

/** One line of the sandbox's request log, reduced to what the tests read. */
export interface LoggedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  /** The first 8 characters of the key used (`pk_test_`, `sk_test_`), or null. */
  authorizationPrefix: string | null;
}

export interface Problems {
  /** Uncaught exceptions in the page. */
  pageErrors: string[];
  /** `console.error` messages and failed-resource messages. */
  consoleErrors: string[];
  /** `console.warn` messages. */
  consoleWarnings: string[];
  /** Resources from other hosts (product images on a CDN) that failed to load: data, not code. */
  externalFailures: string[];
}

export interface Shop {
  demo: RunningDemo;
  /** Opens `/checkout/{id}` (with query options) and returns the widget. */
  openCheckout(sessionId: string, query?: Record<string, string>): Promise<Locator>;
  /** The seeded session id for a seed key (`open-small`, `expired`, …). */
  seed(key: string): string;
  /** The session as a browser would read it, straight from the sandbox. */
  fetchSession(sessionId: string, publishableKey?: string): Promise<CheckoutSession>;
  /** Creates a session the way the merchant's server does, with the secret key (test mode unless a live one is given). */
  createSession(body: Record<string, unknown>, secretKey?: string): Promise<CheckoutSession>;
  /** Empties the sandbox's request log (this worker's sandbox; its tests run one at a time). */
  clearSandboxRequests(): Promise<void>;
  /** The sandbox's request log since it was last cleared. */
  sandboxRequests(): Promise<LoggedRequest[]>;
  /** The `detail` of every logged event of that name, oldest first, from the on-page log. */
  loggedEvents<T = Record<string, unknown>>(name: string): Promise<T[]>;
  /** Formats minor units the way the browser's Intl does for that locale. */
  formatMoney(amountMinor: number, locale: string, currency?: string): Promise<string>;
  /** CSP violations: `securitypolicyviolation` events of the current document, plus console CSP reports not yet returned. */
  cspViolations(): Promise<string[]>;
  problems: Problems;
}

/** What the widget asks the API to expand on its first request. */
export const SESSION_EXPANSIONS = ['line_items', 'payment_intent.payment_group', 'organization.brand_settings'];

/** Records violations from the very first script on, on every document the page opens. */
function recordCspViolations(): void {
  const store: string[] = [];
  (window as unknown as { __cspViolations: string[] }).__cspViolations = store;
  document.addEventListener('securitypolicyviolation', (event) => {
    store.push(`${event.violatedDirective} blocked ${event.blockedURI || '(inline)'} at ${event.sourceFile}:${event.lineNumber}`);
  });
}

function toLoggedRequest(entry: Record<string, unknown>): LoggedRequest {
  const method = String(entry.method ?? '');
  const raw = String(entry.url ?? entry.path ?? '');
  const url = new URL(raw, 'http://sandbox.invalid');
  const query =
    typeof entry.query === 'string'
      ? new URLSearchParams(entry.query)
      : url.search
        ? url.searchParams
        : new URLSearchParams();
  const prefix = entry.authorization_prefix;
  return { method, path: url.pathname, query, authorizationPrefix: typeof prefix === 'string' ? prefix : null };
}

export const test = base.extend<{ shop: Shop }, { demo: RunningDemo }>({
  demo: [
    // Playwright reads a fixture's dependencies from its destructured first parameter.
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const bundle = new URL('../../dist/cdn/kohort-checkout.min.js', import.meta.url);
      if (!existsSync(bundle)) throw new Error('dist/cdn/ is missing: run `npm run build` before the e2e tests.');
      const demo = await startDemo({ shopPort: 0, sandboxPort: 0, quiet: true });
      await use(demo);
      await demo.close();
    },
    { scope: 'worker' },
  ],

  shop: async ({ page, demo }, use) => {
    const problems: Problems = { pageErrors: [], consoleErrors: [], consoleWarnings: [], externalFailures: [] };
    const cspConsole: string[] = [];
    const ownOrigins = [new URL(demo.shopUrl).origin, new URL(demo.sandboxUrl).origin];
    page.on('pageerror', (error) => problems.pageErrors.push(String(error)));
    page.on('console', (message) => {
      const resource = message.location().url;
      const external = resource !== '' && !ownOrigins.some((origin) => resource.startsWith(origin));
      if (/Content Security Policy/i.test(message.text())) {
        // Reported by cspViolations(), so that one CSP test owns them.
        cspConsole.push(message.text());
      } else if (message.type() === 'error' && external && /^Failed to load resource/.test(message.text())) {
        // The seeded product images live on an image host this machine may not reach.
        problems.externalFailures.push(`${message.text()} (${resource})`);
      } else if (message.type() === 'error') {
        problems.consoleErrors.push(message.text());
      } else if (message.type() === 'warning') {
        problems.consoleWarnings.push(message.text());
      }
    });
    await page.addInitScript(recordCspViolations);

    const shop: Shop = {
      demo,
      problems,
      seed(key) {
        const seeded = SEEDED_SESSIONS.find((session) => session.key === key);
        if (!seeded) throw new Error(`No seeded session "${key}"`);
        return seeded.id;
      },
      async openCheckout(sessionId, query = {}) {
        const search = new URLSearchParams(query).toString();
        await page.goto(`${demo.shopUrl}/checkout/${encodeURIComponent(sessionId)}${search ? `?${search}` : ''}`);
        return page.locator('kohort-checkout');
      },
      async fetchSession(sessionId, publishableKey = demo.keys.publishableTest) {
        const query = SESSION_EXPANSIONS.map((field) => `expand[]=${encodeURIComponent(field)}`).join('&');
        const response = await fetch(`${demo.sandboxUrl}/checkout-sessions/${sessionId}?${query}`, {
          headers: { authorization: `Bearer ${publishableKey}` },
        });
        expect(response.status, `GET /checkout-sessions/${sessionId}`).toBe(200);
        return (await response.json()) as CheckoutSession;
      },
      async createSession(body, secretKey = demo.keys.secretTest) {
        const response = await fetch(`${demo.sandboxUrl}/checkout-sessions`, {
          method: 'POST',
          headers: { authorization: `Bearer ${secretKey}`, 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
        const created = (await response.json()) as CheckoutSession;
        expect(response.status, JSON.stringify(created)).toBe(201);
        return created;
      },
      async clearSandboxRequests() {
        const response = await fetch(`${demo.sandboxUrl}/sandbox/requests`, {
          method: 'DELETE',
          headers: { authorization: `Bearer ${demo.keys.publishableTest}` },
        });
        expect(response.status).toBe(200);
      },
      async sandboxRequests() {
        const response = await fetch(`${demo.sandboxUrl}/sandbox/requests`, {
          headers: { authorization: `Bearer ${demo.keys.publishableTest}` },
        });
        expect(response.status).toBe(200);
        const body = (await response.json()) as unknown;
        const entries = (Array.isArray(body) ? body : ((body as { data?: unknown[] }).data ?? [])) as Record<
          string,
          unknown
        >[];
        return entries.map(toLoggedRequest);
      },
      async loggedEvents<T>(name: string) {
        const texts = await page
          .locator(`#event-log > li[data-event="${name}"] .event-detail`)
          .evaluateAll((nodes) => nodes.map((node) => node.textContent ?? 'null'));
        return texts.reverse().map((text) => JSON.parse(text) as T);
      },
      formatMoney(amountMinor, locale, currency = 'EUR') {
        return page.evaluate(
          ([amount, tag, code]) =>
            new Intl.NumberFormat(tag, { style: 'currency', currency: code }).format(amount / 100),
          [amountMinor, locale, currency] as const,
        );
      },
      async cspViolations() {
        const inPage = await page
          // A page without the recorder would report none, whatever it did: say so instead.
          .evaluate(() => (window as unknown as { __cspViolations?: string[] }).__cspViolations ?? ['no violation recorder on this page'])
          .catch(() => [] as string[]);
        // Console reports outlive navigations: hand each out once, first sentence only.
        const fromConsole = cspConsole.splice(0).map((text) => `console: ${text.split('. ')[0]}`);
        return [...inPage, ...fromConsole];
      },
    };
    await use(shop);
  },
});

/** The widget's state attribute reaches `state`. */
export async function expectState(widget: Locator, state: WidgetState): Promise<void> {
  await expect(widget).toHaveAttribute('state', state);
}

/** Waits until the on-page log shows `count` events named `name`. */
export async function expectLogged(page: Page, name: string, count = 1): Promise<void> {
  await expect(page.locator(`#event-log > li[data-event="${name}"]`)).toHaveCount(count);
}

/** Text with every kind of space (NBSP, narrow NBSP, …) made a plain space, for loose comparisons. */
export function plainSpaces(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** A call to the API itself, not one of the sandbox's pictures (which carry no key). */
export function isApiCall(url: string, sandboxUrl: string): boolean {
  return url.startsWith(sandboxUrl) && !new URL(url).pathname.startsWith('/sandbox/assets/');
}
