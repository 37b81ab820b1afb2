/**
 * Test helpers: contract-shaped API answers (snake_case, as the real API sends
 * them), a fetch stub that records every request, and the sandbox's address.
 */
import { chai, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/kohort-checkout.js';
import type { KohortCheckout } from '../../src/kohort-checkout.js';
import type { PaymentIntentHandle } from '../../src/stores/payment.js';
import type {
  CheckoutSession,
  DiscountLevel,
  DiscountType,
  LineItem,
  PaymentGroup,
  PaymentGroupStatus,
  PaymentIntent,
  PaymentIntentStatus,
} from '../../src/api/types.js';
import { NETWORK_POLICY } from '../../src/api/client.js';
import { PAYMENT_TIMING } from '../../src/stores/payment.js';
import { SESSION_TIMING } from '../../src/stores/session.js';

/**
 * A node as a failure names it: tag, id, part and the start of its text (`<button id="pay" part="pay-button"> "Payer"`),
 * or `null`/`undefined`. A failed chai assertion carries its operands to the test runner, which serialises an element
 * with its whole document and window: the browser freezes and the test hangs until the runner gives up, with no message.
 */
export function describeNode(node: unknown): string {
  if (!(node instanceof Node)) return String(node);
  const element = node instanceof Element ? node : null;
  const attribute = (name: string) => (element?.hasAttribute(name) ? ` ${name}="${element.getAttribute(name)}"` : '');
  const words = node.textContent?.replace(/\s+/g, ' ').trim().slice(0, 60);
  return `<${node.nodeName.toLowerCase()}${attribute('id')}${attribute('part')}>${words ? ` "${words}"` : ''}`;
}

/**
 * Asserts that `actual` is the very node `expected` (where the focus is, the element a query found), naming both
 * on failure. The one way to compare nodes here: chai's equal, eql and include refuse them (see describeNode).
 */
export function expectSameNode(actual: Node | null | undefined, expected: Node | null | undefined, message?: string) {
  if (actual === expected) return;
  throw new chai.AssertionError(`${message ? `${message}: ` : ''}expected ${describeNode(actual)} to be ${describeNode(expected)}`);
}

/**
 * Waits until the focus is on the first node `selector` finds in `el`'s shadow root (looked up again each time: a
 * render may replace it), one that exists: neither focus nor node inside the widget is no match. On timeout, says
 * where the focus is instead (`focus did not move to the code field: it is on <body>`).
 */
export async function waitForFocus(el: Element, selector: string, what: string, options: { timeout?: number } = {}) {
  const target = () => el.shadowRoot!.querySelector(selector);
  try {
    await waitUntil(() => !!target() && el.shadowRoot!.activeElement === target(), '', options);
  } catch {
    const focused = el.shadowRoot!.activeElement ?? document.activeElement;
    throw new chai.AssertionError(`focus did not move to ${what}: it is on ${describeNode(focused)}${target() ? '' : ` (nothing matches ${selector})`}`);
  }
}

chai.use((_chai, utils) => {
  // `expect(element).to.not.exist` fails with a description of the element instead of the element itself.
  utils.overwriteProperty(chai.Assertion.prototype, 'exist', (original: () => void) =>
    function (this: Chai.AssertionStatic) {
      const subject: unknown = utils.flag(this, 'object');
      if (!(subject instanceof Node)) return original.call(this);
      const described = describeNode(subject);
      this.assert(true, '', `expected ${described} not to exist`, null, described);
    },
  );
  // equal, eql and include given a node (or an array holding one) fail at once, pass or not, pointing to expectSameNode.
  const holdsNode = (value: unknown) => value instanceof Node || (Array.isArray(value) && value.some((item) => item instanceof Node));
  const refuseNodes = (name: string) => (original: (...args: unknown[]) => void) =>
    function (this: Chai.AssertionStatic, ...args: unknown[]) {
      const subject: unknown = utils.flag(this, 'object');
      const html = utils.flag(this, 'dom') || utils.flag(this, 'lightDom') || utils.flag(this, 'shadowDom');
      if (html || !(holdsNode(subject) || holdsNode(args[0]))) return original.apply(this, args);
      throw new chai.AssertionError(`${name} on a node (${describeNode(subject)}, ${describeNode(args[0])}): use expectSameNode(actual, expected)`);
    };
  for (const name of ['equal', 'equals', 'eq', 'eql', 'eqls']) utils.overwriteMethod(chai.Assertion.prototype, name, refuseNodes(name));
  for (const name of ['include', 'includes', 'contain', 'contains']) {
    // chai calls both arguments with the behaviour they replace (its typings say otherwise).
    const keepChaining = (chaining: () => void) => chaining;
    utils.overwriteChainableMethod(chai.Assertion.prototype, name, refuseNodes(name) as never, keepChaining as never);
  }
});

/** Retries, timeouts and the wait for a missing attribute in milliseconds rather than seconds, for every test (a root hook). */
export const FAST_NETWORK = { timeoutMs: 2000, retries: 2, backoffBaseMs: 10, backoffMaxMs: 40, retryAfterMaxMs: 2000 };
const defaultNetwork = { ...NETWORK_POLICY };
const defaultSessionTiming = { ...SESSION_TIMING };
const realFetch = window.fetch.bind(window);
beforeEach(async () => {
  Object.assign(NETWORK_POLICY, FAST_NETWORK);
  SESSION_TIMING.attributeGraceMs = 50;
  // Each test counts the sandbox's requests from an empty log: the log keeps the last 500 only,
  // so counts taken "before and after" in a long run would stop moving.
  await realFetch(`${sandbox.url}/sandbox/requests`, { method: 'DELETE', headers: { Authorization: `Bearer ${sandbox.publishableKey}` } });
});
afterEach(() => {
  Object.assign(NETWORK_POLICY, defaultNetwork);
  Object.assign(SESSION_TIMING, defaultSessionTiming);
});

/** Records console.warn or console.error (joined as text) instead of printing it, for the tests of the enclosing `describe`. */
export function recordConsole(level: 'warn' | 'error'): string[] {
  const lines: string[] = [];
  const methods: Pick<Console, 'warn' | 'error'> = console;
  const original = methods[level];
  beforeEach(() => {
    lines.length = 0;
    methods[level] = (...args: unknown[]) => lines.push(args.map(String).join(' '));
  });
  afterEach(() => (methods[level] = original));
  return lines;
}

export const recordWarnings = () => recordConsole('warn');

/** Shorter waits between the re-reads of a session being paid, for the tests of the enclosing `describe`. */
export function settleQuickly(delaysMs: number[]) {
  const original = PAYMENT_TIMING.settleDelaysMs;
  beforeEach(() => (PAYMENT_TIMING.settleDelaysMs = [...delaysMs]));
  afterEach(() => (PAYMENT_TIMING.settleDelaysMs = original));
}

export interface SandboxInfo {
  url: string;
  publishableKey: string;
}
export const sandbox = (window as unknown as { __SANDBOX__: SandboxInfo }).__SANDBOX__;

/** What a payment provider does in a custom `confirmPayment`: confirms with the client secret (the sandbox's test provider). */
export async function confirmOnSandbox(intent: PaymentIntentHandle): Promise<void> {
  await fetch(`${sandbox.url}/sandbox/payment-intents/${intent.id}/confirm`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${sandbox.publishableKey}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ client_secret: intent.clientSecret }),
  });
}

export const API = 'https://api.test.kohortpay.example';
export const PK = 'pk_test_widgettests0000000000000000';

const inOneHour = () => new Date(Date.now() + 3_600_000).toISOString();

export function lineItem(overrides: Partial<LineItem> = {}): LineItem {
  const price = overrides.price ?? 2990;
  const quantity = overrides.quantity ?? 1;
  return {
    id: `li_${Math.random().toString(16).slice(2, 16)}`,
    name: 'Tote bag en lin',
    description: 'Lin lavé, naturel',
    image_url: 'https://images.example.com/tote.jpg',
    price,
    quantity,
    amount_total: price * quantity,
    type: 'PRODUCT',
    ...overrides,
  };
}

export function sessionJson(overrides: Partial<CheckoutSession> = {}): CheckoutSession {
  const items = overrides.line_items ?? [
    lineItem({ name: 'Tote bag en lin', price: 2990, quantity: 2 }),
    lineItem({ name: 'Carnet A5', price: 1450, quantity: 1, image_url: null, description: null }),
  ];
  const total = items.reduce((sum, item) => sum + item.amount_total, 0);
  return {
    id: 'cs_0123456789abcd',
    share_id: `cs_test_${'ab'.repeat(29)}`,
    livemode: false,
    organization_id: 'org_0123456789abcd',
    url: `https://checkout.kohortpay.com/c/cs_test_${'ab'.repeat(29)}`,
    amount_total: total,
    currency: 'EUR',
    locale: 'fr_FR',
    status: 'OPEN',
    success_url: 'https://shop.example.com/success',
    cancel_url: 'https://shop.example.com/cart',
    customer_email: 'marie@example.com',
    customer_first_name: 'Marie',
    customer_last_name: 'Dupont',
    metadata: {},
    expires_at: inOneHour(),
    completed_at: null,
    created_at: new Date().toISOString(),
    updated_at: new Date().toISOString(),
    line_items: items,
    payment_intent: null,
    organization: {
      name: 'Maison Kohort',
      website_url: 'https://shop.example.com',
      image_url: null,
      brand_settings: [
        { livemode: false, color: 'C62344', logo_url: 'https://images.example.com/logo.svg' },
        { livemode: true, color: '0B6E4F', logo_url: 'https://images.example.com/logo-live.svg' },
      ],
    },
    ...overrides,
  };
}

export function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

export function apiError(status: number, code: string, message: string | string[] = code): Response {
  return json({ error: { type: status >= 500 ? 'api_error' : 'invalid_request_error', message, code } }, status);
}

export interface RecordedRequest {
  url: URL;
  method: string;
  headers: Headers;
  signal: AbortSignal | null;
}

/** Replaces window.fetch until `restore()`; `handler` answers each request. */
export function stubFetch(handler: (request: RecordedRequest) => Response | Promise<Response>) {
  const original = window.fetch;
  const requests: RecordedRequest[] = [];
  window.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const request: RecordedRequest = {
      url: new URL(input instanceof Request ? input.url : String(input)),
      method: init?.method ?? 'GET',
      headers: new Headers(init?.headers),
      signal: init?.signal ?? null,
    };
    requests.push(request);
    if (request.signal?.aborted) throw new DOMException('Aborted', 'AbortError');
    const answer = await handler(request);
    if (request.signal?.aborted) throw new DOMException('Aborted', 'AbortError');
    return answer;
  };
  return { requests, restore: () => (window.fetch = original) };
}

/** A promise with its resolve function, to hold an answer back. */
export function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

export async function waitForState(el: KohortCheckout, state: KohortCheckout['state']) {
  try {
    await waitUntil(() => el.state === state, '', { timeout: 5000 });
  } catch {
    throw new Error(`state never became ${state} (it is ${el.state})`);
  }
  await el.updateComplete;
}

export async function mount(attributes: { sessionId?: string; publishableKey?: string; apiBase?: string; locale?: string } = {}) {
  const { sessionId = 'cs_0123456789abcd', publishableKey = PK, apiBase = API, locale } = attributes;
  return fixture<KohortCheckout>(
    html`<kohort-checkout session-id=${sessionId} publishable-key=${publishableKey} api-base=${apiBase} locale=${locale ?? ''}></kohort-checkout>`,
  );
}

export function shadow(el: KohortCheckout): ShadowRoot {
  return el.shadowRoot!;
}

/** Folds template white space, but keeps the no-break spaces Intl puts in amounts. */
const tidy = (value: string | null | undefined) => (value ?? '').replace(/[ \t\n\r]+/g, ' ').trim();

export function text(el: KohortCheckout, selector: string): string {
  return tidy(shadow(el).querySelector(selector)?.textContent);
}

export function texts(el: KohortCheckout, selector: string): string[] {
  return [...shadow(el).querySelectorAll(selector)].map((node) => tidy(node.textContent));
}

/** A fresh OPEN session on the sandbox, created server-side by the test server (the merchant's backend). */
export async function createSandboxSession(overrides: Record<string, unknown> = {}): Promise<CheckoutSession> {
  const response = await fetch('/__merchant__/checkout-sessions', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      amountTotal: 8990,
      currency: 'EUR',
      locale: 'fr_FR',
      // One address per session: a group refuses an e-mail that already joined it.
      customerEmail: `client-${Math.random().toString(36).slice(2, 10)}@kohort.test`,
      successUrl: 'https://shop.example.com/merci',
      cancelUrl: 'https://shop.example.com/panier',
      lineItems: [
        { name: 'Pull en laine', price: 6990, quantity: 1, type: 'PRODUCT' },
        { name: 'Bonnet', price: 2000, quantity: 1, type: 'PRODUCT' },
      ],
      ...overrides,
    }),
  });
  if (response.status !== 201) throw new Error(`could not create a sandbox session: ${response.status} ${await response.text()}`);
  return (await response.json()) as CheckoutSession;
}

/** The sandbox's request log (sandbox-only route), to count what the widget sent. */
export async function sandboxRequests(filter: { method?: string; path?: string } = {}) {
  const query = new URLSearchParams(filter as Record<string, string>);
  const response = await fetch(`${sandbox.url}/sandbox/requests?${query}`, {
    headers: { Authorization: `Bearer ${sandbox.publishableKey}` },
  });
  const body = (await response.json()) as { data: { method: string; path: string; idempotency_key: string | null }[] };
  return body.data;
}

/** Mounts a widget on a sandbox session. */
export function mountOnSandbox(sessionId: string, extra: { locale?: string } = {}) {
  return mount({ sessionId, publishableKey: sandbox.publishableKey, apiBase: sandbox.url, ...extra });
}

/** The element's navigation, recorded instead of leaving the test page. */
export function recordNavigation(el: KohortCheckout): string[] {
  const visited: string[] = [];
  (el as unknown as { navigate: (url: string) => void }).navigate = (url) => visited.push(url);
  return visited;
}

/** Types into a field of the widget as a customer would (input, then change). */
export async function typeInto(el: KohortCheckout, selector: string, value: string) {
  const input = shadow(el).querySelector<HTMLInputElement>(selector)!;
  input.value = value;
  input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
  input.dispatchEvent(new Event('change', { bubbles: true }));
  await el.updateComplete;
}

/** Opens "Have a code from a friend?", types `code` and presses Apply, as a customer would. */
export async function applyFriendCode(el: KohortCheckout, code: string) {
  shadow(el).querySelector<HTMLButtonElement>('[part~="code-toggle"]')!.click();
  await el.updateComplete;
  await typeInto(el, '#code', code);
  shadow(el).querySelector<HTMLButtonElement>('[part~="apply-code-button"]')!.click();
  await el.updateComplete;
}

export function clickPay(el: KohortCheckout) {
  shadow(el).querySelector<HTMLButtonElement>('[part~="pay-button"]')!.click();
}

/**
 * The widget's own timers still pending (set from src/, lit or nanostores, not the test helpers'
 * polling), each described by its delay and callers, from now until `restore()`.
 */
export function trackWidgetTimers() {
  const original = { setTimeout: window.setTimeout, clearTimeout: window.clearTimeout };
  const pending = new Map<number, string>();
  window.setTimeout = ((handler: TimerHandler, timeout?: number, ...rest: unknown[]) => {
    const id = original.setTimeout.call(
      window,
      (...args: unknown[]) => {
        pending.delete(id);
        if (typeof handler === 'function') (handler as (...a: unknown[]) => void)(...args);
      },
      timeout,
      ...rest,
    );
    const stack = new Error().stack ?? '';
    if (/\/\/[^/]+\/(src\/|node_modules\/(lit|lit-html|lit-element|@lit|nanostores)\/)/.test(stack)) {
      pending.set(id, `${timeout}ms ${stack.split('\n').slice(2, 5).join(' | ')}`);
    }
    return id;
  }) as typeof window.setTimeout;
  window.clearTimeout = ((id?: number) => {
    if (id !== undefined) pending.delete(id);
    original.clearTimeout.call(window, id);
  }) as typeof window.clearTimeout;
  return {
    pending: () => [...pending.values()],
    restore: () => {
      window.setTimeout = original.setTimeout;
      window.clearTimeout = original.clearTimeout;
    },
  };
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Intl output for comparisons (it uses narrow no-break spaces in French). */
export const eur = (minor: number, locale = 'fr-FR') =>
  new Intl.NumberFormat(locale, { style: 'currency', currency: 'EUR' }).format(minor / 100);

// --- a referral group and the session paid into it, as the API sends them ---------------------

/** Ids of the paid session, its payment intent and its group in the fixtures below. */
export const PAID = {
  sessionId: 'cs_0123456789abcd',
  intentId: 'pi_0123456789abcd',
  groupId: 'pg_0123456789abcd',
  code: 'KHT-test-0A1B2C3D',
} as const;

/** The group's members, in the order they joined. */
export const PEOPLE: ReadonlyArray<readonly [string, string]> = [
  ['Marie', 'Dupont'],
  ['Lucas', 'Martin'],
  ['Camille', 'Bernard'],
  ['Léa', 'Moreau'],
  ['Hugo', 'Laurent'],
  ['Chloé', 'Simon'],
];

/** The contract's default tiers: 2 → 5 %, 5 → 10 %, 10 → 15 %. */
export const PERCENT_LEVELS: DiscountLevel[] = [
  { level: 1, value: 5, participants_to_unlock: 2 },
  { level: 2, value: 10, participants_to_unlock: 5 },
  { level: 3, value: 15, participants_to_unlock: 10 },
];

export interface GroupOptions {
  participants?: number;
  status?: PaymentGroupStatus;
  discountType?: DiscountType;
  levels?: DiscountLevel[];
  maxParticipants?: number;
  /** Without it: in 12 minutes for an open group, a minute ago for an ended one. */
  expiresAt?: string;
  /** Overrides the participants' intent statuses, one per participant. */
  intentStatuses?: PaymentIntentStatus[];
}

/** A `GET /payment-groups/{id}` answer with GROUP_EXPANSIONS; the last participant paid PAID.intentId. */
export function groupJson(options: GroupOptions = {}): PaymentGroup {
  const { participants = 3, status = 'OPEN', discountType = 'PERCENTAGE', levels = PERCENT_LEVELS, maxParticipants = 15 } = options;
  const createdAt = new Date(Date.now() - 2 * 3_600_000).toISOString();
  const intents: PaymentIntent[] = Array.from({ length: participants }, (_, index) => {
    const [first_name, last_name] = PEOPLE[index % PEOPLE.length]!;
    const id = index === participants - 1 ? PAID.intentId : `pi_00000000000${String(index).padStart(3, '0')}`;
    return {
      id,
      amount: 4990 + index * 1000,
      currency: 'EUR',
      customer_email: `${first_name.toLowerCase()}@example.com`,
      checkout_session_id: `cs_00000000000${String(index).padStart(3, '0')}`,
      payment_group_id: PAID.groupId,
      status: options.intentStatuses?.[index] ?? 'SUCCEEDED',
      livemode: false,
      created_at: createdAt,
      customer: { first_name, last_name },
    };
  });
  return {
    id: PAID.groupId,
    share_id: PAID.code,
    livemode: false,
    customer_id: 'cus_0123456789abcd',
    creator_email: 'marie@example.com',
    status,
    expires_at: options.expiresAt ?? new Date(Date.now() + (status === 'OPEN' ? 12 * 60_000 : -60_000)).toISOString(),
    mid_expire_at: null,
    created_at: createdAt,
    completed_at: status === 'COMPLETED' ? new Date().toISOString() : null,
    canceled_at: status === 'CANCELED' ? new Date().toISOString() : null,
    metadata: {},
    customer: { first_name: 'Marie', last_name: 'Dupont' },
    payment_group_settings: {
      discount_type: discountType,
      max_participants: maxParticipants,
      minutes_duration: 24 * 60,
      min_purchase_value: 3000,
      discount_levels: levels,
    },
    payment_intents: intents,
  };
}

/** A COMPLETED session whose payment intent belongs to `group` (expanded as SESSION_EXPANSIONS asks). */
export function paidSessionJson(group: PaymentGroup, overrides: Partial<CheckoutSession> = {}): CheckoutSession {
  const session = sessionJson({ id: PAID.sessionId, status: 'COMPLETED', completed_at: new Date().toISOString() });
  return {
    ...session,
    payment_intent: {
      id: PAID.intentId,
      amount: session.amount_total,
      currency: 'EUR',
      status: 'SUCCEEDED',
      checkout_session_id: overrides.id ?? PAID.sessionId,
      payment_group_id: group.id,
      payment_group: {
        id: group.id,
        share_id: group.share_id,
        status: group.status,
        livemode: false,
        expires_at: group.expires_at,
        created_at: group.created_at,
      },
    },
    ...overrides,
  };
}

/** One of the widget's timers held by `holdWidgetClock()`: the file that set it, its delay and when it is due. */
export interface HeldTimer {
  source: string;
  delay: number;
  due: number;
}

/**
 * A clock the test moves: from now until `restore()`, `Date.now()` stands still and the timers the
 * widget's own files (`src/…`) set are held instead of running. A timer is the widget's when the first
 * frame of its stack outside `test/` is under `/src/` (Chromium's and Firefox's stacks both name the
 * file's URL), so one set by a test function the widget calls (a `confirmPayment`, a stubbed fetch, a
 * listener of its events) is held too; served from elsewhere, `src/` would hold nothing. `delays` lists
 * every delay handed to them, in order; `advance(ms)` moves the clock on and runs, in order, each
 * held timer that falls due (including those they set), letting the page settle (a task) after each
 * before the clock moves again. Other timers (the test's, lit's) run as usual.
 */
export function holdWidgetClock() {
  const original = { setTimeout: window.setTimeout, clearTimeout: window.clearTimeout, now: Date.now };
  let now = original.now.call(Date);
  /** How far Date.now() is from the clock the timers run on (see `shiftWallClock`). */
  let wallAhead = 0;
  let nextId = -1;
  const held = new Map<number, HeldTimer & { run: () => void }>();
  const delays: { source: string; delay: number }[] = [];
  const callerIn = (stack: string) => {
    const caller = stack.split('\n').find((line) => line.includes('://') && !/\/\/[^/]+\/test\//.test(line));
    return /\/\/[^/]+\/src\/([^?:)\s]+)/.exec(caller ?? '')?.[1];
  };
  window.setTimeout = ((handler: TimerHandler, timeout = 0, ...rest: unknown[]) => {
    const source = callerIn(new Error().stack ?? '');
    if (!source || typeof handler !== 'function') return original.setTimeout.call(window, handler, timeout, ...rest);
    const delay = Number(timeout) || 0;
    const id = nextId--;
    delays.push({ source, delay });
    held.set(id, { source, delay, due: now + Math.max(0, delay), run: () => (handler as (...a: unknown[]) => void)(...rest) });
    return id;
  }) as typeof window.setTimeout;
  window.clearTimeout = ((id?: number) => {
    if (id !== undefined && held.delete(id)) return;
    original.clearTimeout.call(window, id);
  }) as typeof window.clearTimeout;
  Date.now = () => now + wallAhead;
  const from = (source?: string) => (timer: { source: string }) => !source || timer.source === source;
  return {
    /** The delays handed to setTimeout by `source` (a path under src/, e.g. 'stores/group.ts'), or by any src/ file. */
    delays: (source?: string) => delays.filter(from(source)).map((timer) => timer.delay),
    /** The held timers not yet run nor cleared, by `source` or all. */
    pending: (source?: string): HeldTimer[] => [...held.values()].filter(from(source)).map(({ source: file, delay, due }) => ({ source: file, delay, due })),
    now: () => now,
    /**
     * Moves `Date.now()` by `ms` and no timer: a clock set by hand or by NTP, or a laptop asleep
     * (timers count time the machine was awake, so theirs stands still, as here).
     */
    shiftWallClock(ms: number) {
      wallAhead += ms;
    },
    /** Moves the clock `ms` on, running each held timer due by then, earliest first, at its time. */
    async advance(ms: number) {
      const until = now + ms;
      for (;;) {
        const next = [...held.entries()].filter(([, timer]) => timer.due <= until).sort(([, a], [, b]) => a.due - b.due)[0];
        if (!next) break;
        held.delete(next[0]);
        now = next[1].due;
        next[1].run();
        await new Promise((resolve) => original.setTimeout.call(window, resolve, 0));
      }
      now = until;
    },
    restore() {
      window.setTimeout = original.setTimeout;
      window.clearTimeout = original.clearTimeout;
      Date.now = original.now;
    },
  };
}
