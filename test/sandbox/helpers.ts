/** Starts a sandbox on a free port with a clock the test moves, and talks to it over real HTTP. */
import assert from 'node:assert/strict';
import type { CheckoutSession, PaymentIntent } from '../../src/api/types.ts';
import { startSandbox, type RunningSandbox, type StartSandboxOptions } from '../../sandbox/server.ts';

export interface TestSandbox extends RunningSandbox {
  /** Moves the sandbox's clock forward. */
  advance(ms: number): void;
  call<T = Record<string, unknown>>(path: string, init?: CallInit): Promise<Answer<T>>;
}

export interface CallInit {
  method?: string;
  /** An API key, `null` for none; the publishable test key by default. */
  key?: string | null;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface Answer<T> {
  status: number;
  headers: Headers;
  body: T;
}

export interface ErrorAnswer {
  error: { type: string; message: string | string[]; code: string };
}

export const MINUTE = 60_000;

export async function startTestSandbox(options: StartSandboxOptions = {}): Promise<TestSandbox> {
  let time = Date.parse('2026-03-02T10:00:00.000Z');
  const sandbox = await startSandbox({ port: 0, quiet: true, now: () => time, ...options });
  return {
    ...sandbox,
    advance(ms) {
      time += ms;
    },
    async call<T>(path: string, init: CallInit = {}): Promise<Answer<T>> {
      const key = init.key === undefined ? sandbox.keys.publishableTest : init.key;
      const headers: Record<string, string> = { ...init.headers };
      if (key !== null) headers.authorization = `Bearer ${key}`;
      if (init.body !== undefined) headers['content-type'] = 'application/json';
      const response = await fetch(`${sandbox.url}${path}`, {
        method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
        headers,
        body: init.body === undefined ? undefined : typeof init.body === 'string' ? init.body : JSON.stringify(init.body),
      });
      const text = await response.text();
      return { status: response.status, headers: response.headers, body: (text ? JSON.parse(text) : null) as T };
    },
  };
}

/** A valid `POST /checkout-sessions` body, in camelCase as a merchant's Node SDK would send it. */
export function newSessionBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    amountTotal: 5490,
    locale: 'fr_FR',
    successUrl: 'https://shop.example/success',
    cancelUrl: 'https://shop.example/cancel',
    lineItems: [
      { name: 'Chemise en lin', price: 4500, quantity: 1, type: 'PRODUCT', imageUrl: 'https://img.example/c.jpg' },
      { name: 'Livraison', price: 990, quantity: 1, type: 'SHIPPING' },
    ],
    ...overrides,
  };
}

export type Answered<T> = T & ErrorAnswer;

/** `POST /checkout-sessions` as a merchant's server sends it, with the secret test key unless `key` is given. */
export function createSession(sandbox: TestSandbox, overrides: Record<string, unknown> = {}, key = sandbox.keys.secretTest) {
  return sandbox.call<Answered<CheckoutSession>>('/checkout-sessions', { key, body: newSessionBody(overrides) });
}

/** A new session that must be created (201): its body, for tests that only need one to pay. */
export async function newOpenSession(sandbox: TestSandbox, overrides: Record<string, unknown> = {}): Promise<CheckoutSession> {
  const answer = await createSession(sandbox, overrides);
  assert.equal(answer.status, 201);
  return answer.body;
}

/** `POST /payment-intents` for the whole session, as the widget sends it; `paymentGroupId` is a code to join, `key` the publishable test key unless given. */
export function createIntent(sandbox: TestSandbox, session: CheckoutSession, paymentGroupId?: string, key?: string) {
  return sandbox.call<Answered<PaymentIntent>>('/payment-intents', {
    key,
    body: { amount: session.amount_total, checkoutSessionId: session.id, ...(paymentGroupId ? { paymentGroupId } : {}) },
  });
}

/** The test provider's confirmation, as the widget's test mode sends it; `expand` names relations such as `payment_group`. */
export function confirmPayment<T = PaymentIntent>(sandbox: TestSandbox, intent: PaymentIntent, body: Record<string, unknown>, expand: string[] = []) {
  const query = expand.map((path) => `expand[]=${path}`).join('&');
  return sandbox.call<T>(`/sandbox/payment-intents/${intent.id}/confirm${query ? `?${query}` : ''}`, {
    body: { client_secret: intent.client_secret, ...body },
  });
}

/** A new session (with `overrides`) paid through the test provider: the session and the confirmation's answer, its group expanded. */
export async function payNewSession(sandbox: TestSandbox, overrides: Record<string, unknown> = {}, confirmation: Record<string, unknown> = {}) {
  const session = (await createSession(sandbox, overrides)).body;
  const intent = (await createIntent(sandbox, session)).body;
  const paid = await confirmPayment<Answered<PaymentIntent>>(sandbox, intent, confirmation, ['payment_group']);
  return { session, paid };
}
