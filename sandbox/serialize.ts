/**
 * Records → wire objects (snake_case, ISO dates), expanding relations only when asked,
 * as the contract's `expand[]` describes.
 */
import type {
  CheckoutSession,
  Organization,
  PaymentGroup,
  PaymentGroupCustomer,
  PaymentGroupSettings,
  PaymentIntent,
  ValidatedPaymentGroup,
} from '../src/api/types.ts';
import type { SandboxDb } from './db.ts';
import { levelReached } from './group-rules.ts';
import { isBlockedCustomer } from './test-provider.ts';
import type { ApiKeyInfo, GroupRecord, IntentRecord, SessionRecord } from './types.ts';
import { snake } from './validation.ts';

// Fields the sandbox returns beyond `src/api/types.ts` (harmless extras, like the real service's).

/** A session's `customer`: the specs' Customer (`CustomerDto`: `emailAddress`, `isBlocked`…), snake_cased. */
export interface SandboxCustomer {
  id: string | null;
  email_address: string;
  first_name: string | null;
  last_name: string | null;
  phone_number: string | null;
  livemode: boolean;
  is_blocked: boolean;
  organization_id: string;
  metadata: Record<string, unknown>;
}
export interface SandboxPaymentIntent extends Omit<PaymentIntent, 'checkout_session_id' | 'payment_group'> {
  /** Null in the view a browser key gets of someone else's intent (see `IntentView`). */
  checkout_session_id: string | null;
  metadata: Record<string, unknown>;
  updated_at: string;
  customer?: PaymentGroupCustomer;
  payment_group?: SandboxPaymentGroup | null;
}
export interface SandboxPaymentGroup extends Omit<PaymentGroup, 'payment_intents'> {
  /** Both required by openapi.json's PaymentGroupDto (`organizationId`, `updatedAt`). */
  organization_id: string;
  updated_at: string;
  payment_intents?: SandboxPaymentIntent[];
}
export type SandboxValidatedPaymentGroup = SandboxPaymentGroup & Omit<ValidatedPaymentGroup, keyof PaymentGroup>;
export interface SandboxCheckoutSession extends Omit<CheckoutSession, 'payment_intent' | 'payment_group'> {
  // No `payment_intent_id`: the contract's CheckoutSession model has none; the intent is `payment_intent`, expanded.
  payment_intent?: SandboxPaymentIntent | null;
  payment_group?: SandboxPaymentGroup | null;
  customer?: SandboxCustomer | null;
}

export interface WireContext {
  db: SandboxDb;
  /** The sandbox's own origin, so asset URLs work whatever port it listens on. */
  origin: string;
  caller: ApiKeyInfo;
}

/**
 * Collects `expand[]=a`, `expand=a`, `expand[0]=a` and comma lists; a nested path implies its
 * parents (`payment_intent.payment_group` expands `payment_intent`). A camelCase path names the
 * same relation (`paymentIntent.paymentGroup`): query strings may be either case.
 */
export function parseExpand(url: URL): Set<string> {
  const paths = new Set<string>();
  for (const [key, value] of url.searchParams) {
    if (!/^expand(\[\d*\])?$/.test(key)) continue;
    for (const raw of value.split(',')) {
      const path = raw.trim();
      if (!path) continue;
      const parts = path.split('.').map(snake);
      for (let i = 1; i <= parts.length; i += 1) paths.add(parts.slice(0, i).join('.'));
    }
  }
  return paths;
}

/** The sub-paths under `prefix`: `within({'a', 'a.b'}, 'a')` is `{'b'}`. */
function within(expand: Set<string>, prefix: string): Set<string> {
  const inner = new Set<string>();
  for (const path of expand) if (path.startsWith(`${prefix}.`)) inner.add(path.slice(prefix.length + 1));
  return inner;
}

const iso = (ms: number): string => new Date(ms).toISOString();
const isoOrNull = (ms: number | null): string | null => (ms === null ? null : iso(ms));

export function sessionToWire(session: SessionRecord, ctx: WireContext, expand: Set<string>): SandboxCheckoutSession {
  const wire: SandboxCheckoutSession = {
    id: session.id,
    share_id: session.share_id,
    livemode: session.livemode,
    organization_id: session.organization_id,
    url: session.url,
    amount_total: session.amount_total,
    currency: session.currency,
    locale: session.locale,
    status: session.status,
    success_url: session.success_url,
    cancel_url: session.cancel_url,
    customer_email: session.customer_email,
    customer_first_name: session.customer_first_name,
    customer_last_name: session.customer_last_name,
    customer_phone_number: session.customer_phone_number,
    customer_id: session.customer_id,
    payment_group_share_id: session.payment_group_share_id,
    client_reference_id: session.client_reference_id,
    metadata: session.metadata,
    expires_at: iso(session.expires_at),
    completed_at: isoOrNull(session.completed_at),
    created_at: iso(session.created_at),
    updated_at: iso(session.updated_at),
  };
  if (expand.has('line_items')) {
    // Seeded pictures are sandbox paths: answer with absolute URLs, as the API does.
    wire.line_items = session.line_items.map((item) => ({
      ...item,
      image_url: item.image_url?.startsWith('/') ? `${ctx.origin}${item.image_url}` : item.image_url,
    }));
  }
  const intent = session.payment_intent_id ? ctx.db.intents.get(session.payment_intent_id) : undefined;
  if (expand.has('payment_intent')) {
    wire.payment_intent = intent ? intentToWire(intent, ctx, within(expand, 'payment_intent')) : null;
  }
  if (expand.has('payment_group')) {
    const group =
      (intent?.payment_group_id ? ctx.db.groups.get(intent.payment_group_id) : undefined) ??
      (session.payment_group_share_id ? ctx.db.findGroup(session.payment_group_share_id, session.livemode) : undefined);
    wire.payment_group = group ? groupToWire(group, ctx, within(expand, 'payment_group')) : null;
  }
  if (expand.has('customer')) {
    wire.customer = session.customer_email
      ? {
          id: session.customer_id,
          email_address: session.customer_email,
          first_name: session.customer_first_name,
          last_name: session.customer_last_name,
          phone_number: session.customer_phone_number,
          livemode: session.livemode,
          is_blocked: isBlockedCustomer(session.customer_email),
          organization_id: session.organization_id,
          metadata: {},
        }
      : null;
  }
  if (expand.has('organization')) {
    wire.organization = organizationToWire(ctx, session.livemode, within(expand, 'organization'));
  }
  return wire;
}

function organizationToWire(ctx: WireContext, livemode: boolean, expand: Set<string>): Organization {
  const org = ctx.db.organization;
  const wire: Organization = {
    id: org.id,
    name: org.name,
    website_url: org.website_url,
    image_url: `${ctx.origin}${org.image_path}`,
  };
  if (expand.has('brand_settings')) {
    wire.brand_settings = org.brand_settings.map(({ logo_path, ...rest }) => ({
      ...rest,
      logo_url: `${ctx.origin}${logo_path}`,
    }));
  }
  if (expand.has('payment_group_settings')) {
    wire.payment_group_settings = settingsToWire(ctx.db.settingsFor(livemode));
  }
  return wire;
}

/** Levels come with the settings whether or not `.discount_levels` is named: the wire type requires them. */
function settingsToWire(settings: PaymentGroupSettings): PaymentGroupSettings {
  return { ...settings, discount_levels: settings.discount_levels.map((level) => ({ ...level })) };
}

/** `m***@example.com`: a browser key may list a group's participants but not harvest addresses. */
export function maskEmail(email: string | null): string | null {
  if (!email) return email;
  const at = email.indexOf('@');
  return at <= 0 ? '***' : `${email[0]}***${email.slice(at)}`;
}

interface IntentView {
  /**
   * Read outside its own checkout session (a group's participants, `GET /payment-intents/{id}`).
   * A browser key then sees what the group widget shows of another buyer: the e-mail masked, and
   * nothing that leads to their session, customer record or order (`checkout_session_id`,
   * `customer_id`, `client_reference_id`, `metadata`); the session read would give out the rest.
   */
  outsideItsSession?: boolean;
  /** The creation answer: the one place a browser key receives the client secret. */
  withSecret?: boolean;
}

export function intentToWire(
  intent: IntentRecord,
  ctx: WireContext,
  expand: Set<string>,
  view: IntentView = {},
): SandboxPaymentIntent {
  const isSecretKey = ctx.caller.kind === 'secret';
  const restricted = view.outsideItsSession === true && !isSecretKey;
  const wire: SandboxPaymentIntent = {
    id: intent.id,
    amount: intent.amount,
    amount_captured: intent.amount_captured,
    amount_cashback: intent.amount_cashback,
    currency: intent.currency,
    customer_id: restricted ? null : intent.customer_id,
    customer_email: restricted ? maskEmail(intent.customer_email) : intent.customer_email,
    checkout_session_id: restricted ? null : intent.checkout_session_id,
    payment_group_id: intent.payment_group_id,
    status: intent.status,
    client_reference_id: restricted ? null : intent.client_reference_id,
    livemode: intent.livemode,
    metadata: restricted ? {} : intent.metadata,
    created_at: iso(intent.created_at),
    updated_at: iso(intent.updated_at),
  };
  // A secret read by a browser key later (GET, expansions) would let any page holding the id confirm it.
  if (isSecretKey || view.withSecret === true) wire.client_secret = intent.client_secret;
  if (expand.has('customer')) {
    wire.customer = { first_name: intent.customer_first_name, last_name: intent.customer_last_name };
  }
  if (expand.has('payment_group')) {
    const group = intent.payment_group_id ? ctx.db.groups.get(intent.payment_group_id) : undefined;
    wire.payment_group = group ? groupToWire(group, ctx, within(expand, 'payment_group')) : null;
  }
  return wire;
}

export function groupToWire(group: GroupRecord, ctx: WireContext, expand: Set<string>): SandboxPaymentGroup {
  const wire: SandboxPaymentGroup = {
    id: group.id,
    share_id: group.share_id,
    livemode: group.livemode,
    organization_id: group.organization_id,
    customer_id: group.customer_id,
    // Masked for browser keys, like the participants' e-mails: a share code must not leak an address.
    creator_email: ctx.caller.kind === 'secret' ? group.creator_email : maskEmail(group.creator_email),
    status: group.status,
    expires_at: iso(group.expires_at),
    mid_expire_at: iso(group.mid_expire_at),
    created_at: iso(group.created_at),
    updated_at: iso(group.updated_at),
    completed_at: isoOrNull(group.completed_at),
    canceled_at: isoOrNull(group.canceled_at),
    metadata: group.metadata,
  };
  if (expand.has('customer')) wire.customer = creatorOf(group);
  if (expand.has('payment_group_settings')) {
    wire.payment_group_settings = settingsToWire(group.settings);
  }
  if (expand.has('payment_intents')) {
    const inner = within(expand, 'payment_intents');
    wire.payment_intents = ctx.db
      .participantsOf(group)
      .map((intent) => intentToWire(intent, ctx, inner, { outsideItsSession: true }));
  }
  return wire;
}

function creatorOf(group: GroupRecord): PaymentGroupCustomer {
  return { first_name: group.creator_first_name, last_name: group.creator_last_name };
}

/**
 * The validate answer: the group, its settings merged in, and the level one more friend reaches
 * (docs/API.md). Its relations, the creator's `customer` too, come only with `expand[]`, as on every answer.
 */
export function validatedGroupToWire(
  group: GroupRecord,
  ctx: WireContext,
  expand: Set<string>,
): SandboxValidatedPaymentGroup {
  const next = levelReached(group.settings, ctx.db.participantsOf(group).length + 1);
  return {
    ...groupToWire(group, ctx, expand),
    ...settingsToWire(group.settings),
    current_discount_level: next ? { ...next } : null,
  };
}
