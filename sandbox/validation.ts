/**
 * Request bodies: camelCase or snake_case in (normalised to snake_case), checked with every
 * failure reported at once, as the real API's validation pipe does.
 */
import type { Context } from 'hono';
import type { CheckoutLocale, LineItemType } from '../src/api/types.ts';
import type { NewSession } from './db.ts';
import { badRequest } from './errors.ts';

export type JsonObject = Record<string, unknown>;

export const isObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export const snake = (key: string): string => key.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);

/** camelCase keys → snake_case, recursively, except inside `metadata` (passed through untouched). */
export function snakeKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(snakeKeys);
  if (!isObject(value)) return value;
  const out: JsonObject = {};
  for (const [key, inner] of Object.entries(value)) {
    const name = snake(key);
    out[name] = name === 'metadata' ? inner : snakeKeys(inner);
  }
  return out;
}

/** The JSON body as sent (keys untouched, for messages that name them); an empty body reads as `{}`. */
export async function readJson(c: Context): Promise<JsonObject> {
  const text = await c.req.text();
  if (!text.trim()) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw badRequest(['The request body must be valid JSON.']);
  }
  if (!isObject(parsed)) throw badRequest(['The request body must be a JSON object.']);
  if (deeperThan(parsed, MAX_BODY_DEPTH)) throw badRequest([`The request body is nested too deeply (more than ${MAX_BODY_DEPTH} levels).`]);
  return parsed;
}

/**
 * JSON.parse takes any depth, but reading the body, storing it and answering with it later are
 * recursive: a body nested thousands deep (in `metadata`, passed through) was a 500, and every
 * later read of what it created too. No real body comes near this.
 */
export const MAX_BODY_DEPTH = 32;

/**
 * Bodies over this are refused while they stream in (413). A 200-line cart is about 25 KB and a
 * payment intent under 1 KB, so no real body comes near; a larger one would only fill memory.
 */
export const MAX_BODY_BYTES = 1024 * 1024;

/** Whether `value` holds objects or lists nested more than `levels` deep (at most `levels` calls deep itself). */
export function deeperThan(value: unknown, levels: number): boolean {
  if (typeof value !== 'object' || value === null) return false;
  return levels === 0 || Object.values(value).some((inner) => deeperThan(inner, levels - 1));
}

/** The JSON body as a snake_case object; an empty body reads as `{}`. */
export async function readBody(c: Context): Promise<JsonObject> {
  return snakeKeys(await readJson(c)) as JsonObject;
}

/** class-validator's `forbidNonWhitelisted` wording, naming each key as the caller spelt it. */
export function unknownProperties(body: JsonObject, allowed: readonly string[]): string[] {
  return Object.keys(body)
    .filter((key) => !allowed.includes(snake(key)))
    .map((key) => `property ${key} should not exist`);
}

/** A whole number JSON and JavaScript keep exactly: minor units past 2^53 would be rounded. */
export const isInteger = (value: unknown): value is number => typeof value === 'number' && Number.isSafeInteger(value);
export const isPositiveInteger = (value: unknown): value is number => isInteger(value) && value > 0;
/** The specs' `format: email`, as the widget checks it: a dotted domain with no empty label (`marie@example.com.`). */
export const isEmail = (value: unknown): value is string =>
  typeof value === 'string' && /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/.test(value);

export function isHttpUrl(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

const LOCALES: readonly CheckoutLocale[] = ['fr_FR', 'en_US', 'en_GB'];
const LANGUAGE_DEFAULTS: Record<string, CheckoutLocale> = { fr: 'fr_FR', en: 'en_US' };

/** `en-US`, `en_us`, `EN-us` → `en_US`; a bare `fr`/`en` gets its usual region. */
export function normaliseLocale(value: string): CheckoutLocale | null {
  const [language = '', region] = value.trim().split(/[-_]/);
  const tag = region ? `${language.toLowerCase()}_${region.toUpperCase()}` : '';
  if ((LOCALES as readonly string[]).includes(tag)) return tag as CheckoutLocale;
  return region ? null : (LANGUAGE_DEFAULTS[language.toLowerCase()] ?? null);
}

const LINE_TYPES: readonly LineItemType[] = ['PRODUCT', 'SHIPPING', 'DISCOUNT', 'GIFT_CARD', 'STORE_CREDIT'];
const NEGATIVE_TYPES: ReadonlySet<LineItemType> = new Set(['DISCOUNT', 'GIFT_CARD', 'STORE_CREDIT']);

/**
 * The sandbox's own limit (neither spec nor the contract gives one): the widget is benchmarked
 * with 1,000 lines. Without it a 1 MB body of tiny lines (some 45,000) was stored as about 7 MB.
 */
export const MAX_LINE_ITEMS = 1000;

/**
 * The sandbox's own limits on what one call may store (the contract gives none): a publishable test key is public,
 * and 10,000 intents of 1 MB each, kept twice with their Idempotency-Key's answer, were 20 GB per mode.
 */
export const MAX_STRING_LENGTH = 2048;
export const MAX_METADATA_CHARACTERS = 8192;

/** Reads optional string fields, noting a wrong type or a string past MAX_STRING_LENGTH (far above any id, name, e-mail or URL). */
export function optionalString(body: JsonObject, field: string, errors: string[]): string | null {
  const value = body[field];
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') {
    errors.push(`${field} must be a string`);
    return null;
  }
  if (value.length > MAX_STRING_LENGTH) {
    errors.push(`${field} must be at most ${MAX_STRING_LENGTH} characters`);
    return null;
  }
  return value;
}

export function optionalMetadata(body: JsonObject, errors: string[]): JsonObject | undefined {
  const value = body.metadata;
  if (value === undefined || value === null) return undefined;
  if (!isObject(value)) {
    errors.push('metadata must be an object');
    return undefined;
  }
  if (JSON.stringify(value).length > MAX_METADATA_CHARACTERS) {
    errors.push(`metadata must be at most ${MAX_METADATA_CHARACTERS} characters of JSON`);
    return undefined;
  }
  return value;
}

const MINUTE = 60_000;
/** Client and server clocks and the request's flight time differ a little: forgive a minute. */
const CLOCK_TOLERANCE = MINUTE;

/** `POST /checkout-sessions`: the contract's rules, every failure listed. */
export function parseNewSession(body: JsonObject, now: number, livemode: boolean): NewSession {
  const errors: string[] = [];

  const amountTotal = body.amount_total;
  if (!isPositiveInteger(amountTotal)) errors.push('amount_total must be a positive integer (minor units)');

  const lineItems: NewSession['line_items'] = [];
  const rawItems = body.line_items;
  if (!Array.isArray(rawItems) || rawItems.length === 0) {
    errors.push('line_items must be a non-empty array');
  } else if (rawItems.length > MAX_LINE_ITEMS) {
    // class-validator's ArrayMaxSize wording, as the real service's validation pipe would word it.
    errors.push(`line_items must contain no more than ${MAX_LINE_ITEMS} elements`);
  } else {
    rawItems.forEach((raw: unknown, index) => {
      const at = `line_items[${index}]`;
      if (!isObject(raw)) {
        errors.push(`${at} must be an object`);
        return;
      }
      const itemErrors: string[] = [];
      const name = raw.name;
      if (typeof name !== 'string' || !name.trim()) itemErrors.push(`${at}.name must be a non-empty string`);
      const type = (raw.type ?? 'PRODUCT') as LineItemType;
      if (!LINE_TYPES.includes(type)) itemErrors.push(`${at}.type must be one of ${LINE_TYPES.join(', ')}`);
      const quantity = raw.quantity ?? 1;
      if (!isPositiveInteger(quantity)) {
        itemErrors.push(`${at}.quantity must be a positive integer`);
      } else if (quantity > 1 && type !== 'PRODUCT') {
        itemErrors.push(`${at}.quantity must be 1 for a ${type} line (only PRODUCT lines may have a quantity > 1)`);
      }
      const price = raw.price;
      if (!isInteger(price)) {
        itemErrors.push(`${at}.price must be an integer (minor units)`);
      } else if (NEGATIVE_TYPES.has(type) && price >= 0) {
        itemErrors.push(`${at}.price must be negative for a ${type} line`);
      } else if (!NEGATIVE_TYPES.has(type) && price < 0) {
        itemErrors.push(`${at}.price must be zero or positive for a ${type} line`);
      } else if (isPositiveInteger(quantity) && !Number.isSafeInteger(price * quantity)) {
        itemErrors.push(`${at}.price × quantity is too large to be counted exactly`);
      }
      const imageUrl = raw.image_url;
      if (imageUrl != null && !isHttpUrl(imageUrl)) itemErrors.push(`${at}.image_url must be an http(s) URL`);
      const description = raw.description;
      if (description != null && typeof description !== 'string') itemErrors.push(`${at}.description must be a string`);
      errors.push(...itemErrors);
      if (itemErrors.length === 0) {
        lineItems.push({
          name: (name as string).trim(),
          description: (description as string | undefined) ?? null,
          image_url: (imageUrl as string | undefined) ?? null,
          price: price as number,
          quantity: quantity as number,
          type,
        });
      }
    });
  }
  if (
    isPositiveInteger(amountTotal) &&
    Array.isArray(rawItems) &&
    lineItems.length === rawItems.length &&
    lineItems.length > 0
  ) {
    // In BigInt: a float sum of large lines could round onto amount_total.
    const sum = lineItems.reduce((total, item) => total + BigInt(item.price * item.quantity), 0n);
    if (sum !== BigInt(amountTotal)) errors.push(`amount_total (${amountTotal}) must equal the sum of the line items (${sum})`);
  }

  let expiresAt = now + 24 * 60 * MINUTE;
  if (body.expires_at != null) {
    const parsed = typeof body.expires_at === 'string' ? Date.parse(body.expires_at) : Number.NaN;
    if (Number.isNaN(parsed)) {
      errors.push('expires_at must be an ISO 8601 date');
    } else if (parsed < now + 30 * MINUTE - CLOCK_TOLERANCE || parsed > now + 24 * 60 * MINUTE + CLOCK_TOLERANCE) {
      errors.push('expires_at must be between 30 minutes and 24 hours from now');
    } else {
      expiresAt = parsed;
    }
  }

  let locale: CheckoutLocale = 'fr_FR';
  if (body.locale != null) {
    const normalised = typeof body.locale === 'string' ? normaliseLocale(body.locale) : null;
    if (normalised) locale = normalised;
    else errors.push(`locale must be one of ${LOCALES.join(', ')}`);
  }

  if (body.currency != null && (typeof body.currency !== 'string' || body.currency.toUpperCase() !== 'EUR')) {
    errors.push('currency must be EUR');
  }

  const successUrl = optionalString(body, 'success_url', errors);
  if (successUrl !== null && !isHttpUrl(successUrl)) errors.push('success_url must be an http(s) URL');
  const cancelUrl = optionalString(body, 'cancel_url', errors);
  if (cancelUrl !== null && !isHttpUrl(cancelUrl)) errors.push('cancel_url must be an http(s) URL');
  const customerEmail = optionalString(body, 'customer_email', errors);
  if (customerEmail !== null && !isEmail(customerEmail)) errors.push('customer_email must be an e-mail address');

  const session: NewSession = {
    livemode,
    amount_total: amountTotal as number,
    locale,
    success_url: successUrl,
    cancel_url: cancelUrl,
    customer_email: customerEmail,
    customer_first_name: optionalString(body, 'customer_first_name', errors),
    customer_last_name: optionalString(body, 'customer_last_name', errors),
    customer_phone_number: optionalString(body, 'customer_phone_number', errors),
    customer_id: optionalString(body, 'customer_id', errors),
    client_reference_id: optionalString(body, 'client_reference_id', errors),
    payment_group_share_id: optionalString(body, 'payment_group_share_id', errors),
    metadata: optionalMetadata(body, errors),
    expires_at: expiresAt,
    line_items: lineItems,
  };
  if (errors.length > 0) throw badRequest(errors);
  return session;
}

export interface NewIntentBody {
  amount: number;
  checkout_session_id: string;
  customer_id: string | null;
  payment_group_id: string | null;
  metadata: JsonObject | undefined;
}

/** The contract's body, and nothing else: the payer's e-mail comes from the session or the confirm call. */
const NEW_INTENT_FIELDS = ['amount', 'checkout_session_id', 'customer_id', 'payment_group_id', 'metadata'] as const;

/** `POST /payment-intents` (the body as sent): shapes only; the session and group are checked against the store. */
export function parseNewIntent(raw: JsonObject): NewIntentBody {
  const errors = unknownProperties(raw, NEW_INTENT_FIELDS);
  const body = snakeKeys(raw) as JsonObject;
  if (!isPositiveInteger(body.amount)) errors.push('amount must be a positive integer (minor units)');
  const sessionId = optionalString(body, 'checkout_session_id', errors);
  if (!sessionId) errors.push('checkout_session_id must be a checkout session id');
  const groupId = optionalString(body, 'payment_group_id', errors);
  const parsed: NewIntentBody = {
    amount: body.amount as number,
    checkout_session_id: sessionId ?? '',
    customer_id: optionalString(body, 'customer_id', errors),
    // An empty code field means "no group", not "the group with an empty code".
    payment_group_id: groupId?.trim() ? groupId.trim() : null,
    metadata: optionalMetadata(body, errors),
  };
  if (errors.length > 0) throw badRequest(errors);
  return parsed;
}

/** openapi.json, on every list's `take`: "Maximum number of items to retrieve. Default is 25." */
const DEFAULT_TAKE = 25;

export interface ListQuery {
  take: number;
  skip: number;
  /** A snake_case property and its direction; `created_at:desc` (newest first) by default. */
  orderBy: { field: string; direction: 'asc' | 'desc' };
  /** A snake_case property and the exact, case-sensitive value it must have; null lists everything. */
  search: { field: string; value: string } | null;
}

/**
 * `?take=&skip=&orderBy=field:asc|desc&search=property:value` (or `order_by`), as openapi-full.json's
 * "Pagination" and "Search" describe them. `fields` are the snake_case properties a list may
 * sort and filter on; camelCase names are accepted too. What the spec leaves vague (free text,
 * `~` partial matches, several terms) is refused with a 400 rather than ignored.
 */
export function readListQuery(url: URL, fields: readonly string[]): ListQuery {
  const errors: string[] = [];
  // Digits only: parseInt would read `1.5` as 1 and `10abc` as 10, where the spec asks for an int.
  const whole = (name: string) => {
    const text = url.searchParams.get(name) ?? '';
    return /^\d+$/.test(text) ? Number(text) : Number.NaN;
  };
  const take = whole('take');
  const skip = whole('skip');
  if (url.searchParams.has('take') && (!Number.isInteger(take) || take < 1 || take > 100)) {
    errors.push('take must be an integer between 1 and 100');
  }
  if (url.searchParams.has('skip') && (!Number.isInteger(skip) || skip < 0)) {
    errors.push('skip must be a non-negative integer');
  }
  const known = `one of ${fields.join(', ')}`;

  let orderBy: ListQuery['orderBy'] = { field: 'created_at', direction: 'desc' };
  // Query strings, like bodies, may be camelCase or snake_case (docs/API.md, Transport).
  const orders = [...url.searchParams.getAll('orderBy'), ...url.searchParams.getAll('order_by')];
  if (orders.length > 1) errors.push('orderBy may be given once');
  if (orders.length === 1) {
    const [name = '', direction = '', ...rest] = (orders[0] ?? '').split(':');
    const field = snake(name.trim());
    const wanted = direction.trim().toLowerCase() || 'asc';
    if (!fields.includes(field)) errors.push(`orderBy must be field:asc|desc with a field ${known}`);
    if (rest.length > 0 || (wanted !== 'asc' && wanted !== 'desc')) errors.push('orderBy direction must be asc or desc');
    orderBy = { field, direction: wanted === 'asc' ? 'asc' : 'desc' };
  }

  let search: ListQuery['search'] = null;
  const searches = url.searchParams.getAll('search');
  if (searches.length > 1) errors.push('search takes a single property:value');
  if (searches.length === 1) {
    const term = searches[0] ?? '';
    const colon = term.indexOf(':');
    if (term.includes('~')) {
      errors.push('search does not support partial matches (~): the value must match exactly');
    } else if (colon < 0) {
      errors.push('search must be property:value (e.g. status:OPEN); free-text search is not supported');
    } else {
      const field = snake(term.slice(0, colon).trim());
      const value = term.slice(colon + 1);
      if (!fields.includes(field)) errors.push(`search property must be ${known}`);
      if (!value) errors.push('search value must not be empty');
      search = { field, value };
    }
  }

  if (errors.length > 0) throw badRequest(errors);
  return { take: Number.isInteger(take) ? take : DEFAULT_TAKE, skip: Number.isInteger(skip) ? skip : 0, orderBy, search };
}
