/**
 * Bad API answers never break the widget: a seeded fuzz test. It starts from the contract's
 * real shapes (an open session with its expansions, a paid session with its intent and group,
 * a payment group, a payment intent), breaks one to three fields each time (null, missing,
 * wrong type, empty, huge, negative, fractional, Infinity, long, unknown enum, prototype
 * names, nested garbage) or the whole answer (cut short, not JSON, odd statuses), mounts the
 * widget and checks what a customer would see and a page would receive.
 *
 * Deterministic: the same SEED gives the same cases. A failure names its case and seed; to
 * replay one, set ONLY_CASE to its number.
 */
import { expect, waitUntil } from '@open-wc/testing';
import type { KohortCheckout, KohortErrorEvent, PaymentIntentHandle } from '../../src/kohort-checkout.js';
import type { CheckoutSession } from '../../src/api/types.js';
import { API, PAID, PK, clickPay, groupJson, json, mount, paidSessionJson, sessionJson, settleQuickly, shadow, stubFetch, type RecordedRequest } from './helpers.js';

const SEED = 0x5eed_2026;
/** Replays one case (its number from a failure's title), or null for all of them. */
const ONLY_CASE: number | null = null;

/** mulberry32: small, fast and the same in every browser. */
function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
const next = random(SEED);
const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;

/** A number JSON.stringify cannot write (Infinity, -0, an underflow): spliced into the text as written. */
const raw = (literal: string) => `__RAW__${literal}__`;
const unraw = (text: string) => text.replace(/"__RAW__(.*?)__"/g, '$1');

type Json = unknown;
type Mutation = { name: string; apply: (value: Json) => Json | typeof MISSING };
const MISSING = Symbol('missing');

/** The words no customer should read; a case that puts one in as data is not held to it. */
const FORBIDDEN = ['NaN', 'undefined', 'null', '[object', 'Infinity', 'function', '∞'];

/** Values the contract uses somewhere, to put where another one belongs. */
const CONTRACT_VALUES = ['OPEN', 'COMPLETED', 'EXPIRED', 'CANCELED', 'SUCCEEDED', 'PROCESSING', 'REQUIRES_CAPTURE', 'REQUIRES_ACTION', 'CASHBACK_SENT', 'AMOUNT', 'PERCENTAGE', 'DISCOUNT', 'SHIPPING', 'GIFT_CARD', 'USD', 'JPY', 'KWD', 'en_US', 'xx_XX'];

const MUTATIONS: Mutation[] = [
  { name: 'null', apply: () => null },
  { name: 'missing', apply: () => MISSING },
  { name: 'number↔string', apply: (v) => (typeof v === 'number' ? String(v) : typeof v === 'string' ? 42 : v) },
  { name: 'object↔array', apply: (v) => (Array.isArray(v) ? { 0: v[0] ?? {} } : v && typeof v === 'object' ? Object.values(v) : [v]) },
  { name: 'true', apply: () => true },
  { name: 'false', apply: () => false },
  { name: 'empty string', apply: () => '' },
  { name: 'huge', apply: () => 1e308 },
  { name: 'unsafe integer', apply: () => 2 ** 53 + 2 },
  { name: 'max safe integer', apply: () => Number.MAX_SAFE_INTEGER },
  { name: 'negative', apply: (v) => (typeof v === 'number' && v > 0 ? -v : -1) },
  { name: 'fractional', apply: (v) => (typeof v === 'number' ? v + 0.5 : 0.5) },
  { name: 'Infinity', apply: () => raw('1e999') },
  { name: '-Infinity', apply: () => raw('-1e999') },
  { name: '-0', apply: () => raw('-0') },
  { name: 'underflow', apply: () => raw('1e-400') },
  { name: 'tiny', apply: () => 1e-7 },
  { name: '"NaN"', apply: () => 'NaN' },
  { name: '"Infinity"', apply: () => 'Infinity' },
  { name: 'long string', apply: () => 'x'.repeat(20_000) },
  { name: 'unknown enum', apply: () => 'SOMETHING_NEW' },
  { name: 'another contract value', apply: () => pick(CONTRACT_VALUES) },
  { name: 'lowercase', apply: (v) => (typeof v === 'string' ? v.toLowerCase() : 'open') },
  { name: '"__proto__"', apply: () => '__proto__' },
  { name: '"constructor"', apply: () => 'constructor' },
  { name: '"toString"', apply: () => 'toString' },
  { name: 'javascript: URL', apply: () => 'javascript:alert(1)' },
  { name: 'past date', apply: () => '1970-01-01T00:00:00.000Z' },
  { name: 'far date', apply: () => '+275760-09-13T00:00:00.000Z' },
  { name: 'not a date', apply: () => '2026-13-45T99:00:00Z' },
  { name: 'nested garbage', apply: () => ({ a: [{ b: null }, [], 'x', 1e308], __proto__: null }) },
  { name: 'empty object', apply: () => ({}) },
  { name: 'empty array', apply: () => [] },
  {
    name: 'own __proto__ and constructor keys',
    apply: (v) => {
      const target: Record<string, unknown> = v && typeof v === 'object' && !Array.isArray(v) ? { ...(v as object) } : {};
      for (const key of ['__proto__', 'constructor']) {
        Object.defineProperty(target, key, { value: { status: 'OPEN', amount: 1, toString: 'x' }, enumerable: true, writable: true, configurable: true });
      }
      return target;
    },
  },
];

/** Every field of `value`, as paths, objects and arrays included (the answer itself is left to the body mutations). */
function paths(value: Json, prefix: (string | number)[] = []): (string | number)[][] {
  if (!value || typeof value !== 'object') return [];
  // A list's first and last entries stand for the others (five participants have one shape).
  const entries: [string | number, Json][] = Array.isArray(value)
    ? value.flatMap((item, index) => (index === 0 || index === value.length - 1 ? [[index, item] as [number, Json]] : []))
    : Object.entries(value);
  return entries.flatMap(([key, child]) => [[...prefix, key], ...paths(child, [...prefix, key])]);
}

/** The answer with one field changed, and the text of what was put in. */
/** The mutations that mean most for a value of this kind (a number made huge, a string made long…). */
const BY_KIND: Record<string, string[]> = {
  number: ['huge', 'unsafe integer', 'max safe integer', 'negative', 'fractional', 'Infinity', '-Infinity', '-0', 'underflow', 'tiny', 'number↔string', '"NaN"'],
  string: ['empty string', 'long string', 'unknown enum', 'another contract value', 'lowercase', '"__proto__"', '"constructor"', '"toString"', 'javascript: URL', 'past date', 'far date', 'not a date', 'number↔string', '"Infinity"'],
  object: ['object↔array', 'empty object', 'empty array', 'nested garbage', 'own __proto__ and constructor keys', 'null', 'missing'],
};

function mutationFor(value: Json): Mutation {
  const names = BY_KIND[value === null ? 'object' : typeof value];
  if (!names || next() < 0.35) return pick(MUTATIONS);
  const name = pick(names);
  return MUTATIONS.find((mutation) => mutation.name === name)!;
}

function valueAt(value: Json, path: (string | number)[]): Json {
  return path.reduce<Json>((node, key) => (node as Record<string | number, Json> | undefined)?.[key], value);
}

function mutate(value: Json, path: (string | number)[], mutation: Mutation): [Json, string] {
  const copy = JSON.parse(JSON.stringify(value)) as Json;
  let parent = copy as Record<string | number, Json>;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, Json>;
  const key = path.at(-1)!;
  const replaced = mutation.apply(parent[key]);
  if (replaced === MISSING) {
    if (Array.isArray(parent)) parent.splice(Number(key), 1);
    else delete parent[key];
  } else parent[key] = replaced;
  return [copy, replaced === MISSING ? '' : JSON.stringify(replaced) ?? ''];
}

/** What is sent for a case: a status, a body (text), a content type. */
interface Answer {
  status: number;
  body: string | null;
  contentType?: string;
  headers?: Record<string, string>;
}

interface Case {
  number: number;
  /** What was broken, to read in a failure. */
  description: string;
  answer: Answer;
  /** The words this case put in as data (shown as data, legitimately). */
  injected: string;
}

let caseCount = 0;

/** One to three fields broken, or the answer as a whole; then `fixed` cases, each one field set to a value. */
function casesFor(base: Json, count: number, label: string, fixed: [string, Json][] = []): Case[] {
  // Every field in turn, in a shuffled order, before any field twice.
  const fields = paths(base)
    .map((path) => [next(), path] as const)
    .sort(([a], [b]) => a - b)
    .map(([, path]) => path);
  const cases: Case[] = [];
  for (let i = 0; i < count; i++) {
    const number = ++caseCount;
    if (next() < 0.12) {
      cases.push({ number, ...wholeAnswerBroken(base, label) });
      continue;
    }
    let value = base;
    const changes: string[] = [];
    let injected = '';
    const times = next() < 0.7 ? 1 : next() < 0.6 ? 2 : 3;
    for (let t = 0; t < times; t++) {
      const path = t === 0 ? fields[i % fields.length]! : pick(paths(value).length ? paths(value) : fields);
      const mutation = mutationFor(valueAt(value, path));
      let put: string;
      [value, put] = mutate(value, path, mutation);
      injected += put;
      changes.push(`${label}.${path.join('.')} ← ${mutation.name}`);
    }
    const body = unraw(JSON.stringify(value));
    cases.push({ number, description: changes.join('; '), answer: { status: 200, body }, injected });
  }
  for (const [path, value] of fixed) {
    const [changed, injected] = mutate(base, path.split('.'), { name: 'fixed', apply: () => value });
    cases.push({ number: ++caseCount, description: `${label}.${path} = ${JSON.stringify(value)}`, answer: { status: 200, body: unraw(JSON.stringify(changed)) }, injected });
  }
  return cases;
}

function wholeAnswerBroken(base: Json, label: string): Omit<Case, 'number'> {
  const text = JSON.stringify(base);
  const cut = Math.floor(next() * text.length);
  const html = '<!doctype html><title>502 Bad Gateway</title><h1>Bad Gateway</h1>';
  const answers: [string, Answer][] = [
    [`cut at ${cut}`, { status: 200, body: text.slice(0, cut) }],
    ['an HTML page', { status: 200, body: html, contentType: 'text/html' }],
    ['empty body', { status: 200, body: '' }],
    ['the JSON as text/plain', { status: 200, body: text, contentType: 'text/plain' }],
    ['a JSON string', { status: 200, body: '"OPEN"' }],
    ['a JSON number', { status: 200, body: '42' }],
    ['JSON null', { status: 200, body: 'null' }],
    ['a list of it', { status: 200, body: `[${text}]` }],
    ['wrapped in data', { status: 200, body: `{"data":${text}}` }],
    ['201 with it', { status: 201, body: text }],
    ['204 with no body', { status: 204, body: null }],
    ['200 with an error body', { status: 200, body: '{"error":{"type":"api_error","message":"boom","code":"INTERNAL"}}' }],
    ['400 with an HTML body', { status: 400, body: html, contentType: 'text/html' }],
    ['404 with the message as an object', { status: 404, body: '{"error":{"message":{"a":1},"code":42}}' }],
    ['409 with the message as a list of garbage', { status: 409, body: '{"error":{"message":[null,{},1e308],"code":null}}' }],
    ['500 cut short', { status: 500, body: '{"error":{"mess' }],
    ['503 with an HTML body', { status: 503, body: html, contentType: 'text/html' }],
    ['429 with Retry-After: soon', { status: 429, body: '{}', headers: { 'Retry-After': 'soon' } }],
    ['429 with Retry-After: -1', { status: 429, body: '{}', headers: { 'Retry-After': '-1' } }],
    ['422 with a list for an error', { status: 422, body: '{"error":["a","b"]}' }],
    ['418 with no body', { status: 418, body: null }],
  ];
  const [name, answer] = pick(answers);
  return { description: `${label}: ${name}`, answer, injected: '' };
}

function respond({ status, body, contentType = 'application/json', headers = {} }: Answer): Response {
  return new Response(body, { status, headers: { 'Content-Type': contentType, ...headers } });
}

// --- what a customer sees and a page receives ---------------------------------------------------

/** Every text of the shadow tree, and every attribute's value (alt, aria-label, href, data-…). */
function renderedText(el: KohortCheckout): string {
  const root = shadow(el);
  const attributes = [...root.querySelectorAll('*')].flatMap((node) => [...node.attributes].map((attribute) => attribute.value));
  return `${root.textContent ?? ''} ${attributes.join(' ')}`.replace(/\s+/g, ' ');
}

/** The currency symbol as Intl writes it for this locale ("€", "$US", "JPY"…). */
function currencySymbol(currency: string, locale: string): string {
  return new Intl.NumberFormat(locale, { style: 'currency', currency }).formatToParts(1).find((part) => part.type === 'currency')!.value;
}

interface Watch {
  errors: KohortErrorEvent['detail'][];
  uncaught: unknown[];
  session: CheckoutSession | null;
  stop(): void;
}

/** Records kohort-error events, the session of kohort-ready/success, and anything uncaught. */
function watch(): Watch {
  const result: Watch = { errors: [], uncaught: [], session: null, stop: () => undefined };
  const onError = (event: Event) => result.errors.push((event as KohortErrorEvent).detail);
  const onReady = (event: Event) => (result.session = (event as CustomEvent<{ session: CheckoutSession }>).detail.session);
  const onUncaught = (event: ErrorEvent) => result.uncaught.push(event.error ?? event.message);
  const onRejection = (event: PromiseRejectionEvent) => result.uncaught.push(event.reason);
  document.addEventListener('kohort-error', onError);
  document.addEventListener('kohort-ready', onReady);
  window.addEventListener('error', onUncaught);
  window.addEventListener('unhandledrejection', onRejection);
  result.stop = () => {
    document.removeEventListener('kohort-error', onError);
    document.removeEventListener('kohort-ready', onReady);
    window.removeEventListener('error', onUncaught);
    window.removeEventListener('unhandledrejection', onRejection);
  };
  return result;
}

async function settled(el: KohortCheckout) {
  try {
    await waitUntil(() => el.state !== 'loading', '', { timeout: 4000 });
  } catch {
    throw new Error(`stuck in ${el.state}`);
  }
  await el.updateComplete;
}

/** The group section done loading: the group shown, or "cannot be shown right now". */
async function groupSettled(el: KohortCheckout) {
  try {
    await waitUntil(() => shadow(el).querySelector('[part~="group"]') && !shadow(el).querySelector('[part~="group"] [aria-busy="true"]'), '', { timeout: 4000 });
  } catch {
    throw new Error('the group section never left "loading"');
  }
  await el.updateComplete;
}

/** What holds whatever the answer: a final state, words, no crash, no broken text, money as money. */
function checkView(el: KohortCheckout, seen: Watch, injected: string) {
  expect(seen.uncaught.map(String), 'uncaught errors').to.deep.equal([]);
  expect(['ready', 'completed', 'expired', 'error']).to.include(el.state);
  const text = renderedText(el);
  expect(text.trim().length, 'a blank widget').to.be.greaterThan(20);
  for (const word of FORBIDDEN) {
    const at = injected.includes(word) ? -1 : text.indexOf(word);
    expect(at, `"${word}" shown: …${text.slice(Math.max(0, at - 80), at + 40)}…`).to.equal(-1);
  }
  const root = shadow(el);
  if (el.state === 'error') {
    expect(seen.errors.length, 'kohort-error fired').to.be.greaterThan(0);
    const last = seen.errors.at(-1)!;
    expect(last.code).to.be.a('string').and.not.equal('');
    expect(last.message).to.be.a('string').and.not.equal('');
    expect(root.querySelector('[part~="message"]')?.textContent?.trim(), 'the error is shown').to.not.equal('');
  }
  // Pay, or "Check again" while a payment's outcome is awaited.
  if (el.state === 'ready') expect(root.querySelector('[part~="pay-button"], [part~="check-again-button"]'), 'Pay or Check again').to.exist;
  if (el.state === 'completed') expect(root.querySelector('#outcome-heading'), 'the paid heading').to.exist;
  // Money only in a currency format: the session's currency, in the widget's language.
  const session = seen.session;
  if (session && (el.state === 'ready' || el.state === 'completed')) {
    const locale = root.querySelector('.container')!.getAttribute('lang')!;
    const symbol = currencySymbol(session.currency, locale);
    const amounts = [...root.querySelectorAll('.line-item .amount, .totals dd, .paid-amount, [part~="cashback"], [part~="pay-button"]')];
    for (const node of amounts) {
      const amount = node.textContent!.replace(/\s+/g, ' ').trim();
      if (node.matches('[part~="pay-button"]') && !/\d/.test(amount)) continue; // "Processing…"
      expect(amount, 'money with its currency').to.contain(symbol).and.match(/\d/);
    }
    for (const node of root.querySelectorAll('[part~="tier"] strong')) {
      // (A cashback may be 0,00 €: 5 % of an order of a cent.)
      expect(node.textContent, 'a tier worth something').to.match(/[1-9]/);
      expect(node.textContent, 'a tier as a percentage or money').to.match(new RegExp(`\\d.*(%|${symbol.replace(/[$.]/g, '\\$&')})|(%|${symbol.replace(/[$.]/g, '\\$&')}).*\\d`));
    }
  }
}

/** Runs `body` with a stub, a watch and a mounted widget, removing them whatever happens. */
async function withWidget(handler: (request: RecordedRequest) => Response, body: (el: KohortCheckout, seen: Watch) => Promise<void>) {
  const stub = stubFetch(handler);
  const seen = watch();
  let el: KohortCheckout | undefined;
  try {
    el = await mount();
    await body(el, seen);
    // Bad answers are not asked again and again: reads are retried a few times at most.
    expect(stub.requests.length, 'requests sent').to.be.below(12);
  } finally {
    el?.remove();
    seen.stop();
    stub.restore();
  }
}

const title = (item: Case) => `#${item.number} (seed ${SEED.toString(16)}): ${item.description.slice(0, 160)}`;
const selected = (cases: Case[]) => cases.filter((item) => ONLY_CASE === null || item.number === ONLY_CASE);
const MONEY_MOVING = ['PROCESSING', 'REQUIRES_CAPTURE', 'SUCCEEDED', 'CASHBACK_AVAILABLE', 'CASHBACK_PROCESSING', 'CASHBACK_SENT'];

/** A top-level field of the answer, or undefined when it is not a JSON object. */
function fieldOf(answer: Answer, key: string): unknown {
  try {
    return (JSON.parse(answer.body ?? '') as Record<string, unknown> | null)?.[key];
  } catch {
    return undefined;
  }
}

function intentStatusOf(answer: Answer): string | null {
  const status = fieldOf(answer, 'status');
  return typeof status === 'string' ? status : null;
}

const isSessionRead = (request: RecordedRequest) => request.method === 'GET' && request.url.pathname.startsWith('/checkout-sessions/');

describe(`fuzzing the API answers (seed ${SEED.toString(16)})`, () => {
  describe('an open session', () => {
    const base = sessionJson({
      line_items: [
        { id: 'li_1', name: 'Tote bag en lin', description: 'Lin lavé', image_url: 'https://images.example.com/tote.jpg', price: 2990, quantity: 2, amount_total: 5980, type: 'PRODUCT' },
        { id: 'li_2', name: 'Colissimo', price: 490, quantity: 1, amount_total: 490, type: 'SHIPPING' },
        { id: 'li_3', name: 'BIENVENUE', price: -500, quantity: 1, amount_total: -500, type: 'DISCOUNT' },
      ],
    });
    base.amount_total = 5970;
    for (const item of selected(casesFor(base, 110, 'session'))) {
      it(title(item), async () => {
        await withWidget(
          () => respond(item.answer),
          async (el, seen) => {
            await settled(el);
            checkView(el, seen, item.injected);
            // Unpaid, an intent that is there but not an object may be a payment under way: never Pay, an unreadable answer.
            const intent = fieldOf(item.answer, 'payment_intent');
            if (fieldOf(item.answer, 'status') !== 'COMPLETED' && intent != null && (typeof intent !== 'object' || Array.isArray(intent))) expect(el.state, 'an unreadable payment_intent').to.equal('error');
          },
        );
      });
    }
  });

  describe('a paid session, with its payment intent and group', () => {
    const group = groupJson();
    const base = paidSessionJson(group);
    for (const item of selected(casesFor(base, 60, 'paid session'))) {
      it(title(item), async () => {
        await withWidget(
          (request) => (isSessionRead(request) ? respond(item.answer) : json(group)),
          async (el, seen) => {
            await settled(el);
            if (el.state === 'completed' && shadow(el).querySelector('[part~="group"]')) await groupSettled(el);
            checkView(el, seen, item.injected);
            // What the paid view does not show, broken, is left out: the customer still sees they have paid.
            if (item.description.split('; ').every((change) => /^paid session\.(line_items|expires_at|payment_intent)\b/.test(change))) {
              expect(el.state, 'paid, whatever its line items, expiry or intent').to.equal('completed');
            }
          },
        );
      });
    }
  });

  describe('the group of a paid session', () => {
    const group = groupJson({ participants: 5, discountType: 'AMOUNT', levels: [
      { level: 1, value: 5, participants_to_unlock: 2 },
      { level: 2, value: 12.5, participants_to_unlock: 5 },
      { level: 3, value: 20, participants_to_unlock: 10 },
    ] });
    const session = paidSessionJson(group);
    for (const item of selected(casesFor(group, 90, 'group', [
      ['payment_group_settings.discount_levels.0.value', 1e-7],
      ['payment_group_settings.discount_levels.2.value', 1e308],
      ['payment_group_settings.discount_type', 'PERCENTAGE'],
      ['expires_at', '1970-01-01T00:00:00.000Z'],
    ]))) {
      it(title(item), async () => {
        await withWidget(
          (request) => (isSessionRead(request) ? json(session) : respond(item.answer)),
          async (el, seen) => {
            await settled(el);
            expect(el.state).to.equal('completed');
            await groupSettled(el);
            checkView(el, seen, item.injected);
          },
        );
      });
    }
  });

  describe('the payment intent created on Pay', () => {
    settleQuickly([0, 10]);
    const session = sessionJson();
    const base = {
      id: 'pi_0123456789abcd',
      amount: session.amount_total,
      amount_cashback: null,
      currency: 'EUR',
      customer_email: null,
      checkout_session_id: session.id,
      payment_group_id: null,
      status: 'REQUIRES_PAYMENT_METHOD',
      client_secret: 'pi_0123456789abcd_secret_abc',
      livemode: false,
      created_at: new Date().toISOString(),
    };
    for (const item of selected(casesFor(base, 70, 'payment intent', [
      ...MONEY_MOVING.map((status): [string, Json] => ['status', status]),
      ['currency', null],
      ['currency', 'eur'],
      ['amount', base.amount + 1],
    ]))) {
      it(title(item), async () => {
        const confirmed: PaymentIntentHandle[] = [];
        const wrong: string[] = [];
        await withWidget(
          (request) => (request.method === 'POST' && request.url.pathname === '/payment-intents' ? respond(item.answer) : json(session)),
          async (el, seen) => {
            el.confirmPayment = async (intent) => {
              confirmed.push({ ...intent });
              return { status: 'failed', message: 'Carte refusée par le test.' };
            };
            await settled(el);
            clickPay(el);
            try {
              await waitUntil(() => shadow(el).querySelector('[part~="payment-error"], [part~="check-again-button"]') || el.state !== 'ready', '', { timeout: 4000 });
            } catch {
              throw new Error(`no outcome after Pay (confirmPayment called ${confirmed.length} times)`);
            }
            await el.updateComplete;
            checkView(el, seen, item.injected);
            if (!confirmed.length) {
              expect(seen.errors.length, 'kohort-error when the intent is not confirmed').to.be.greaterThan(0);
              expect(shadow(el).querySelector('[part~="payment-error"], [part~="check-again-button"]'), 'the customer is told').to.exist;
            }
            // What confirmPayment receives is the order's own intent, still to be paid.
            const status = intentStatusOf(item.answer);
            for (const intent of confirmed) {
              expect(`${intent.amount} ${intent.currency.toUpperCase()}`, 'confirmPayment with the order’s amount and currency').to.equal(`${session.amount_total} ${session.currency}`);
              if (!intent.clientSecret) wrong.push('confirmPayment without a client secret');
              if (status && MONEY_MOVING.includes(status)) wrong.push(`confirmPayment of an intent already ${status}`);
            }
          },
        );
        expect(wrong.join('; ')).to.equal('');
      });
    }
  });

  describe('the answer to a friend’s code (validate)', () => {
    const group = groupJson({ participants: 2 });
    const base = {
      ...group,
      ...group.payment_group_settings,
      current_discount_level: { level: 2, value: 10, participants_to_unlock: 5 },
    };
    const session = sessionJson();
    for (const item of selected(casesFor(base, 40, 'validate'))) {
      it(title(item), async () => {
        const stub = stubFetch((request) => (request.url.pathname.endsWith('/validate') ? respond(item.answer) : json(session)));
        const seen = watch();
        const el = document.createElement('kohort-checkout');
        Object.assign(el, { sessionId: session.id, publishableKey: PK, apiBase: API, shareCode: PAID.code });
        try {
          document.body.append(el);
          await settled(el);
          try {
            await waitUntil(() => shadow(el).querySelector('[part~="code-accepted"], [part~="code-field"] [part~="field-error"]'), '', { timeout: 4000 });
          } catch {
            throw new Error('the code was neither accepted nor refused');
          }
          await el.updateComplete;
          checkView(el, seen, item.injected);
          const accepted = shadow(el).querySelector('[part~="code-accepted"]');
          if (accepted) expect(accepted.textContent, 'the cashback as money').to.not.match(/NaN|∞|undefined/);
        } finally {
          el.remove();
          seen.stop();
          stub.restore();
        }
      });
    }
  });
});
