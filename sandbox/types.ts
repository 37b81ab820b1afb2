/**
 * The sandbox's in-memory records. They hold what the wire objects of
 * `src/api/types.ts` show plus the internals the real service keeps to itself
 * (client secrets, per-group settings snapshots, payer names).
 */
import type {
  BrandSettings,
  CheckoutLocale,
  CheckoutSessionStatus,
  LineItem,
  PaymentGroupSettings,
  PaymentGroupStatus,
  PaymentIntentStatus,
} from '../src/api/types.ts';

export interface SandboxKeys {
  publishableTest: string;
  secretTest: string;
  publishableLive: string;
  secretLive: string;
}

export interface OrganizationRecord {
  id: string;
  name: string;
  website_url: string;
  /** Paths are resolved against the sandbox's own origin at answer time (`/sandbox/assets/…`). */
  image_path: string;
  brand_settings: Array<Omit<BrandSettings, 'logo_url'> & { logo_path: string }>;
  payment_group_settings: { test: PaymentGroupSettings; live: PaymentGroupSettings };
}

export interface SessionRecord {
  /** Insertion order, the tie-breaker of "newest first". */
  seq: number;
  id: string;
  share_id: string;
  livemode: boolean;
  organization_id: string;
  url: string;
  amount_total: number;
  currency: string;
  locale: CheckoutLocale;
  status: CheckoutSessionStatus;
  success_url: string | null;
  cancel_url: string | null;
  customer_email: string | null;
  customer_first_name: string | null;
  customer_last_name: string | null;
  customer_phone_number: string | null;
  customer_id: string | null;
  payment_group_share_id: string | null;
  client_reference_id: string | null;
  metadata: Record<string, unknown>;
  expires_at: number;
  completed_at: number | null;
  /** When it stopped being OPEN (paid, expired by time or by hand): its keep time counts from here. */
  ended_at: number | null;
  created_at: number;
  updated_at: number;
  line_items: LineItem[];
  /** The latest intent created for the session, or the one going through (PROCESSING), or the one that paid it. */
  payment_intent_id: string | null;
}

export interface IntentRecord {
  seq: number;
  id: string;
  amount: number;
  amount_captured: number | null;
  amount_cashback: number | null;
  currency: string;
  customer_id: string | null;
  customer_email: string | null;
  /** Kept so a group can show its participants as "Marie D.". */
  customer_first_name: string | null;
  customer_last_name: string | null;
  checkout_session_id: string;
  payment_group_id: string | null;
  status: PaymentIntentStatus;
  client_reference_id: string | null;
  client_secret: string;
  livemode: boolean;
  metadata: Record<string, unknown>;
  created_at: number;
  updated_at: number;
  /** When a PROCESSING (slow card) confirmation settles on its own. */
  processing_until: number | null;
  /** Whether it is then declined (back to REQUIRES_PAYMENT_METHOD) rather than paid. */
  declines_after_processing?: boolean;
}

export interface GroupRecord {
  seq: number;
  id: string;
  share_id: string;
  livemode: boolean;
  organization_id: string;
  customer_id: string | null;
  creator_email: string | null;
  creator_first_name: string | null;
  creator_last_name: string | null;
  status: PaymentGroupStatus;
  expires_at: number;
  mid_expire_at: number;
  created_at: number;
  updated_at: number;
  completed_at: number | null;
  canceled_at: number | null;
  metadata: Record<string, unknown>;
  /** Snapshot taken at creation: later merchant changes do not rewrite running groups. */
  settings: PaymentGroupSettings;
}

/** Who is calling, from the `Authorization` header. */
export interface ApiKeyInfo {
  key: string;
  kind: 'publishable' | 'secret';
  livemode: boolean;
}
