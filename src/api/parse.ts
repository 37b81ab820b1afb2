/**
 * Turns an untrusted API answer into a well-typed object, or throws an
 * `invalid_response` ApiError. Only known fields are kept, URLs are checked, and
 * every number that becomes money is a safe integer, so templates never see
 * `undefined`, `NaN` or a `javascript:` link.
 */
import { ApiError } from './errors.js';
import type {
  BrandSettings,
  CheckoutSession,
  CheckoutSessionStatus,
  DiscountLevel,
  LineItem,
  Organization,
  PaymentGroup,
  PaymentGroupSettings,
  PaymentIntent,
  PaymentIntentStatus,
  ValidatedPaymentGroup,
} from './types.js';
import { isSupportedCurrency } from '../money/format.js';
import { secureUrl, safeNavigationUrl } from '../internal/safe-values.js';

type Json = Record<string, unknown>;

const SESSION_STATUSES: readonly CheckoutSessionStatus[] = ['OPEN', 'COMPLETED', 'EXPIRED'];

/** Retryable: a proxy or a deploy in progress may answer better next time, as the customer's message says. */
export function invalid(what: string): never {
  throw new ApiError('invalid_response', `The API answer is not valid (${what}).`, { retryable: true });
}

/** A JSON object: not null, not a list. */
function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `where`: the object's place in the answer, named in the error (`line_items[2]`). */
function requireString(object: Json, key: string, where: string): string {
  const value = object[key];
  if (typeof value !== 'string' || value === '') invalid(`${where}.${key} must be a string`);
  return value;
}

/** An empty string is no value either. */
function optionalString(object: Json, key: string): string | null {
  const value = object[key];
  return typeof value === 'string' && value !== '' ? value : null;
}

function requireInteger(object: Json, key: string, where: string): number {
  const value = object[key];
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) invalid(`${where}.${key} must be an integer`);
  return value;
}

function requireDate(object: Json, key: string, where: string): string {
  const value = requireString(object, key, where);
  if (Number.isNaN(Date.parse(value))) invalid(`${where}.${key} must be a date`);
  return value;
}

function parseLineItem(value: unknown, index: number, imageOrigin?: string): LineItem {
  const where = `line_items[${index}]`;
  if (!isObject(value)) invalid(`${where} must be an object`);
  const price = requireInteger(value, 'price', where);
  // null is "not given" for a field with a default, as the contract's own answers use it.
  const quantity = value.quantity == null ? 1 : requireInteger(value, 'quantity', where);
  if (quantity < 1) invalid(`${where}.quantity must be positive`);
  const amountTotal = value.amount_total == null ? price * quantity : requireInteger(value, 'amount_total', where);
  if (!Number.isSafeInteger(amountTotal)) invalid(`${where} is too large`);
  return {
    id: optionalString(value, 'id') ?? where,
    name: requireString(value, 'name', where),
    description: optionalString(value, 'description'),
    image_url: secureUrl(value.image_url, imageOrigin),
    price,
    quantity,
    amount_total: amountTotal,
    // An unknown type stays as it is: the summary shows it as a plain line.
    type: (optionalString(value, 'type') ?? 'PRODUCT') as LineItem['type'],
  };
}

function parseBrandSettings(value: unknown, imageOrigin?: string): BrandSettings[] {
  if (!Array.isArray(value)) return [];
  return value.filter(isObject).map((entry) => ({
    livemode: entry.livemode === true,
    color: optionalString(entry, 'color'),
    logo_url: secureUrl(entry.logo_url, imageOrigin),
  }));
}

function parseOrganization(value: unknown, imageOrigin?: string): Organization | undefined {
  if (!isObject(value)) return undefined;
  return {
    name: optionalString(value, 'name'),
    website_url: safeNavigationUrl(value.website_url),
    image_url: secureUrl(value.image_url, imageOrigin),
    brand_settings: parseBrandSettings(value.brand_settings, imageOrigin),
  };
}

function parseDiscountLevels(value: unknown): DiscountLevel[] {
  if (!Array.isArray(value)) return [];
  return value
    .filter(isObject)
    // Below 1e9: a fixed tier (whole currency units) stays a safe integer in minor units; 1e308 showed "∞ €".
    .filter((level) => typeof level.value === 'number' && level.value < 1e9 && Number.isSafeInteger(level.participants_to_unlock))
    .map((level, index) => ({
      level: Number.isSafeInteger(level.level) ? (level.level as number) : index + 1,
      value: level.value as number,
      participants_to_unlock: level.participants_to_unlock as number,
    }))
    .sort((a, b) => a.participants_to_unlock - b.participants_to_unlock);
}

/** The tier warnings already printed. */
const warned = new Set<string>();

/**
 * The tiers a group can reach, as the contract has them: the first at 2 participants or more,
 * thresholds and values strictly increasing, none above the group's size, a percentage at most
 * 100, a value of at least 0.01. Others would promise what no customer can get ("10 participants"
 * in a group of 4, 1e6 %, "0 %"): they are left out, and the page's console says so once. So are all
 * tiers of a `type` the contract does not list (a newer API's): their values are neither % nor money.
 */
function reachableLevels(levels: DiscountLevel[], type: string, maxParticipants: number): DiscountLevel[] {
  const kept: DiscountLevel[] = [];
  for (const level of levels) {
    const previous = kept.at(-1);
    const fits = level.participants_to_unlock >= 2 && level.participants_to_unlock <= maxParticipants && level.value >= 0.01;
    const increases = !previous || (level.participants_to_unlock > previous.participants_to_unlock && level.value > previous.value);
    if (fits && increases && (type === 'AMOUNT' || (type === 'PERCENTAGE' && level.value <= 100))) kept.push(level);
  }
  const ignored = levels.length - kept.length;
  const warning = `[kohort-checkout] Ignored ${ignored} ${type} cashback tier(s) from the API: unknown, or no group of ${maxParticipants} reaches them.`;
  if (kept.length < levels.length && !warned.has(warning)) {
    warned.add(warning); // once, not at every read of the group
    console.warn(warning);
  }
  return kept;
}

/** Settings either nested (`payment_group_settings`) or merged at top level (the validate answer). */
function parseGroupSettings(value: unknown): PaymentGroupSettings | undefined {
  if (!isObject(value)) return undefined;
  const type = optionalString(value, 'discount_type') ?? 'PERCENTAGE';
  const discountType = type === 'AMOUNT' ? 'AMOUNT' : 'PERCENTAGE';
  const integerOr = (key: string, fallback: number) => (Number.isSafeInteger(value[key]) ? (value[key] as number) : fallback);
  // A group holds its creator and at least one friend; anything less is not a size.
  const size = integerOr('max_participants', 15);
  const maxParticipants = size >= 2 ? size : 15;
  return {
    discount_type: discountType,
    max_participants: maxParticipants,
    minutes_duration: integerOr('minutes_duration', 0),
    min_purchase_value: integerOr('min_purchase_value', 0),
    discount_levels: reachableLevels(parseDiscountLevels(value.discount_levels), type, maxParticipants),
  };
}

function parseCustomerName(value: unknown): PaymentGroup['customer'] {
  if (!isObject(value)) return null;
  return { first_name: optionalString(value, 'first_name'), last_name: optionalString(value, 'last_name') };
}

/**
 * `where` set (in a paid session, a field its view does not need): what cannot be read is left out, with a console
 * warning, rather than fail the read; the customer has paid and must see it. Otherwise it throws.
 */
function readOrLeaveOut<T>(parse: () => T, where: string): T | null {
  if (!where) return parse();
  try {
    return parse();
  } catch (error) {
    console.warn(`[kohort-checkout] Ignored ${where} of a paid session: ${(error as Error).message}`);
    return null;
  }
}

/** `paid`: the intent of a COMPLETED session, whose group, if unreadable, is left out (see readOrLeaveOut). */
export function parsePaymentIntent(value: unknown, paid?: boolean): PaymentIntent {
  const where = 'payment_intent';
  if (!isObject(value)) invalid(`${where} must be an object`);
  return {
    id: requireString(value, 'id', where),
    amount: requireInteger(value, 'amount', where),
    amount_cashback: Number.isSafeInteger(value.amount_cashback) ? (value.amount_cashback as number) : null,
    currency: optionalString(value, 'currency') ?? 'EUR',
    customer_email: optionalString(value, 'customer_email'),
    checkout_session_id: optionalString(value, 'checkout_session_id') ?? '',
    payment_group_id: optionalString(value, 'payment_group_id'),
    status: requireString(value, 'status', where) as PaymentIntentStatus,
    client_secret: optionalString(value, 'client_secret'),
    livemode: value.livemode === true,
    // Never a string id: relations come as objects when expanded and are absent otherwise (docs/API.md), and the widget
    // always expands it; the paid view follows payment_group_id, which comes either way (see #groupIdOf).
    payment_group: isObject(value.payment_group)
      ? readOrLeaveOut(() => parsePaymentGroup(value.payment_group), paid ? 'payment_intent.payment_group' : '')
      : null,
    customer: parseCustomerName(value.customer),
  } as PaymentIntent;
}

export function parsePaymentGroup(value: unknown): PaymentGroup {
  const where = 'payment_group';
  if (!isObject(value)) invalid(`${where} must be an object`);
  const intents = Array.isArray(value.payment_intents) ? value.payment_intents : undefined;
  return {
    id: requireString(value, 'id', where),
    share_id: requireString(value, 'share_id', where),
    livemode: value.livemode === true,
    // A status this version does not know (a newer API) is kept as it came: the group is shown
    // as no longer open, without saying why, instead of failing the whole checkout.
    status: requireString(value, 'status', where),
    expires_at: requireDate(value, 'expires_at', where),
    created_at: optionalString(value, 'created_at') ?? '',
    completed_at: optionalString(value, 'completed_at'),
    canceled_at: optionalString(value, 'canceled_at'),
    customer: parseCustomerName(value.customer),
    payment_group_settings: parseGroupSettings(value.payment_group_settings),
    ...(intents ? { payment_intents: intents.map((intent) => parsePaymentIntent(intent)) } : {}),
  };
}

/**
 * The validate answer has the group's settings merged in at its top (docs/API.md; the service spreads them in,
 * `{ ...settings, ...group, current_discount_level }`), and no nested `payment_group_settings`: that one is not read.
 */
export function parseValidatedGroup(value: unknown): ValidatedPaymentGroup {
  const group = parsePaymentGroup(value);
  // An object (parsePaymentGroup threw otherwise): settings, with the contract's defaults for what is missing.
  const settings = parseGroupSettings(value)!;
  const { current_discount_level: currentAsSent } = value as Json;
  const current = isObject(currentAsSent) ? parseDiscountLevels([currentAsSent])[0] : undefined;
  // Only a tier the group can reach (see reachableLevels): otherwise the customer is promised what it cannot give.
  const reachable =
    current &&
    settings.discount_levels.find(
      (level) => level.participants_to_unlock === current.participants_to_unlock && level.value === current.value,
    );
  return { ...group, payment_group_settings: settings, current_discount_level: reachable ?? null };
}

/** URLs from data that were refused, so the widget can report them. */
export interface ParsedSession {
  session: CheckoutSession;
  refusedUrls: string[];
}

/** `apiOrigin`: images and the hosted checkout on the API's own origin are accepted even over http (a local sandbox). */
export function parseCheckoutSession(value: unknown, apiOrigin?: string): ParsedSession {
  if (!isObject(value)) invalid('not an object');
  const status = requireString(value, 'status', 'session');
  // Paid: an unreadable intent or group, line items or expiry (the paid view shows none of them) is
  // left out. Open or expired, money is about to move: all must be exact.
  const paid = status === 'COMPLETED';
  const unlessPaid = <T>(parse: () => T, where: string) => readOrLeaveOut(parse, paid ? where : '');
  if (!(SESSION_STATUSES as readonly string[]).includes(status)) {
    invalid(`unknown status "${status.slice(0, 40)}"`);
  }
  const currency = requireString(value, 'currency', 'session');
  if (!isSupportedCurrency(currency)) invalid('unknown currency');
  const lineItems = unlessPaid(() => {
    if (value.line_items != null && !Array.isArray(value.line_items)) invalid('line_items must be a list');
    return ((value.line_items as unknown[] | null | undefined) ?? []).map((item, index) => parseLineItem(item, index, apiOrigin));
  }, 'line_items');
  const amountTotal = requireInteger(value, 'amount_total', 'session');
  if (amountTotal < 0) invalid('amount_total must not be negative');

  const refusedUrls: string[] = [];
  const checkedUrl = (key: string): string | null => {
    const raw = value[key];
    if (raw === undefined || raw === null || raw === '') return null;
    // The shop's own pages may be http (a merchant's local shop); the card page may not.
    const safe = key === 'url' ? secureUrl(raw, apiOrigin) : safeNavigationUrl(raw);
    if (!safe) refusedUrls.push(key);
    return safe;
  };

  return {
    refusedUrls,
    session: {
      id: requireString(value, 'id', 'session'),
      share_id: optionalString(value, 'share_id') ?? '',
      livemode: value.livemode === true,
      organization_id: optionalString(value, 'organization_id') ?? '',
      url: checkedUrl('url') ?? '',
      amount_total: amountTotal,
      currency: currency.toUpperCase(),
      // No default here: without a session locale the page's `lang` decides.
      locale: optionalString(value, 'locale') ?? '',
      status: status as CheckoutSessionStatus,
      success_url: checkedUrl('success_url'),
      cancel_url: checkedUrl('cancel_url'),
      customer_email: optionalString(value, 'customer_email'),
      customer_first_name: optionalString(value, 'customer_first_name'),
      customer_last_name: optionalString(value, 'customer_last_name'),
      payment_group_share_id: optionalString(value, 'payment_group_share_id'),
      client_reference_id: optionalString(value, 'client_reference_id'),
      // The merchant's own (their order's id…): passed on untouched, as the contract says.
      metadata: isObject(value.metadata) ? value.metadata : {},
      expires_at: unlessPaid(() => requireDate(value, 'expires_at', 'session'), 'expires_at'),
      completed_at: optionalString(value, 'completed_at'),
      created_at: optionalString(value, 'created_at') ?? '',
      updated_at: optionalString(value, 'updated_at') ?? '',
      line_items: lineItems ?? [],
      // Only null or absent is "no intent": a string or a list may hide a payment under way.
      payment_intent:
        value.payment_intent == null
          ? null
          : unlessPaid(() => {
              const intent = parsePaymentIntent(value.payment_intent, paid);
              // Another order's (an API mix-up): its group, its participants' names and its id are not this customer's.
              return [value.id, ''].includes(intent.checkout_session_id) ? intent : invalid('payment_intent.checkout_session_id');
            }, 'payment_intent'),
      organization: parseOrganization(value.organization, apiOrigin),
    },
  };
}
