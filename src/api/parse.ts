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
  LineItem,
  Organization,
  PaymentIntent,
  PaymentGroup,
} from './types.js';
import { isSupportedCurrency } from '../money/format.js';
import { safeImageUrl, safeNavigationUrl } from '../internal/safe-values.js';

type Json = Record<string, unknown>;

const SESSION_STATUSES: readonly CheckoutSessionStatus[] = ['OPEN', 'COMPLETED', 'EXPIRED'];

function invalid(what: string): never {
  throw new ApiError('invalid_response', `The API answer is not a valid checkout session (${what}).`);
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function requireString(object: Json, key: string, where: string): string {
  const value = object[key];
  if (typeof value !== 'string' || value === '') invalid(`${where}.${key} must be a string`);
  return value;
}

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

function parseLineItem(value: unknown, index: number): LineItem {
  const where = `line_items[${index}]`;
  if (!isObject(value)) invalid(`${where} must be an object`);
  const price = requireInteger(value, 'price', where);
  const quantity = value.quantity === undefined ? 1 : requireInteger(value, 'quantity', where);
  if (quantity < 1) invalid(`${where}.quantity must be positive`);
  const amountTotal = value.amount_total === undefined ? price * quantity : requireInteger(value, 'amount_total', where);
  return {
    id: optionalString(value, 'id') ?? `${where}`,
    name: requireString(value, 'name', where),
    description: optionalString(value, 'description'),
    image_url: safeImageUrl(value.image_url),
    price,
    quantity,
    amount_total: amountTotal,
    // An unknown type stays as it is: the summary shows it as a plain line.
    type: (optionalString(value, 'type') ?? 'PRODUCT') as LineItem['type'],
  };
}

function parseBrandSettings(value: unknown): BrandSettings[] {
  if (!Array.isArray(value)) return [];
  return value.filter(isObject).map((entry) => ({
    livemode: entry.livemode === true,
    color: optionalString(entry, 'color'),
    logo_url: safeImageUrl(entry.logo_url),
  }));
}

function parseOrganization(value: unknown): Organization | undefined {
  if (!isObject(value)) return undefined;
  return {
    name: optionalString(value, 'name'),
    website_url: safeNavigationUrl(value.website_url),
    image_url: safeImageUrl(value.image_url),
    brand_settings: parseBrandSettings(value.brand_settings),
  };
}

function parseGroup(value: unknown): PaymentGroup | null {
  if (!isObject(value)) return null;
  return value as unknown as PaymentGroup;
}

function parsePaymentIntent(value: unknown): PaymentIntent | null {
  if (!isObject(value)) return null;
  const intent = value as unknown as PaymentIntent;
  return { ...intent, payment_group: parseGroup(value.payment_group) };
}

/** URLs from data that were refused, so the widget can report them. */
export interface ParsedSession {
  session: CheckoutSession;
  refusedUrls: string[];
}

export function parseCheckoutSession(value: unknown): ParsedSession {
  if (!isObject(value)) invalid('not an object');
  const status = requireString(value, 'status', 'session');
  if (!(SESSION_STATUSES as readonly string[]).includes(status)) {
    invalid(`unknown status "${status.slice(0, 40)}"`);
  }
  const currency = requireString(value, 'currency', 'session');
  if (!isSupportedCurrency(currency)) invalid('unknown currency');
  if (value.line_items !== undefined && !Array.isArray(value.line_items)) invalid('line_items must be a list');
  const lineItems = ((value.line_items as unknown[] | undefined) ?? []).map(parseLineItem);
  const amountTotal = requireInteger(value, 'amount_total', 'session');
  if (amountTotal < 0) invalid('amount_total must not be negative');

  const refusedUrls: string[] = [];
  const checkedUrl = (key: string): string | null => {
    const raw = value[key];
    if (raw === undefined || raw === null || raw === '') return null;
    const safe = safeNavigationUrl(raw);
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
      expires_at: requireDate(value, 'expires_at', 'session'),
      completed_at: optionalString(value, 'completed_at'),
      created_at: optionalString(value, 'created_at') ?? '',
      updated_at: optionalString(value, 'updated_at') ?? '',
      line_items: lineItems,
      payment_intent: parsePaymentIntent(value.payment_intent),
      organization: parseOrganization(value.organization),
    },
  };
}
