/**
 * The KohortPay API's objects as they travel over the wire (snake_case), per
 * docs/API.md. Money is always an integer in minor units.
 * Both the widget's client and the sandbox API are written against these types.
 */

export type CheckoutSessionStatus = 'OPEN' | 'COMPLETED' | 'EXPIRED';
export type CheckoutLocale = 'fr_FR' | 'en_US' | 'en_GB';
export type LineItemType = 'PRODUCT' | 'SHIPPING' | 'DISCOUNT' | 'GIFT_CARD' | 'STORE_CREDIT';

export interface LineItem {
  id: string;
  name: string;
  description?: string | null;
  image_url?: string | null;
  /** Unit price, minor units. Negative for DISCOUNT, GIFT_CARD and STORE_CREDIT. */
  price: number;
  quantity: number;
  /** price × quantity, minor units. */
  amount_total: number;
  type: LineItemType;
}

export interface BrandSettings {
  livemode: boolean;
  /** Hex colour, stored without `#` (e.g. `C62344`); may be empty. */
  color?: string | null;
  logo_url?: string | null;
}

export interface Organization {
  id?: string;
  name?: string | null;
  website_url?: string | null;
  image_url?: string | null;
  brand_settings?: BrandSettings[];
  payment_group_settings?: PaymentGroupSettings;
}

export type PaymentIntentStatus =
  | 'REQUIRES_PAYMENT_METHOD'
  | 'REQUIRES_CONFIRMATION'
  | 'REQUIRES_ACTION'
  | 'PROCESSING'
  | 'REQUIRES_CAPTURE'
  | 'SUCCEEDED'
  | 'CANCELED'
  | 'CASHBACK_AVAILABLE'
  | 'CASHBACK_PROCESSING'
  | 'CASHBACK_SENT';

export interface PaymentIntent {
  id: string;
  amount: number;
  amount_captured?: number | null;
  amount_cashback?: number | null;
  currency: string;
  customer_id?: string | null;
  customer_email?: string | null;
  checkout_session_id: string;
  payment_group_id?: string | null;
  status: PaymentIntentStatus;
  client_reference_id?: string | null;
  /** Handed to the payment provider's confirmation step. */
  client_secret?: string | null;
  livemode?: boolean;
  created_at?: string;
  /** Expanded: the group this intent belongs to (created for the payer on success). */
  payment_group?: PaymentGroup | null;
  /** Expanded (`payment_intents.customer` on a group): the participant's name. */
  customer?: PaymentGroupCustomer | null;
}

export type DiscountType = 'PERCENTAGE' | 'AMOUNT';

export interface DiscountLevel {
  level: number;
  /** PERCENTAGE: a percent (e.g. 5 or 10.5). AMOUNT: whole currency units. */
  value: number;
  participants_to_unlock: number;
}

export interface PaymentGroupSettings {
  discount_type: DiscountType;
  max_participants: number;
  minutes_duration: number;
  min_purchase_value: number;
  discount_levels: DiscountLevel[];
}

/** The contract's statuses; one from a newer API is passed on as it came (`string & {}` keeps the hints). */
export type PaymentGroupStatus = 'OPEN' | 'COMPLETED' | 'CANCELED' | 'EXPIRED' | (string & {});

export interface PaymentGroupCustomer {
  first_name?: string | null;
  last_name?: string | null;
}

export interface PaymentGroup {
  id: string;
  /** The code friends type: `KHT-…`, `KHT-test-…` or the older `KHTPAY-…`. */
  share_id: string;
  livemode: boolean;
  customer_id?: string | null;
  creator_email?: string | null;
  status: PaymentGroupStatus;
  expires_at: string;
  mid_expire_at?: string | null;
  created_at: string;
  completed_at?: string | null;
  canceled_at?: string | null;
  metadata?: Record<string, unknown>;
  customer?: PaymentGroupCustomer | null;
  payment_group_settings?: PaymentGroupSettings;
  payment_intents?: PaymentIntent[];
}

/** `POST /payment-groups/{code}/validate`: the group with its settings merged in. */
export interface ValidatedPaymentGroup extends PaymentGroup, Partial<PaymentGroupSettings> {
  /** The level the group reaches with one more participant (null when none). */
  current_discount_level?: DiscountLevel | null;
}

export interface CheckoutSession {
  id: string;
  share_id: string;
  livemode: boolean;
  organization_id: string;
  url: string;
  amount_total: number;
  currency: string;
  locale: CheckoutLocale | string;
  status: CheckoutSessionStatus;
  success_url?: string | null;
  cancel_url?: string | null;
  customer_email?: string | null;
  customer_first_name?: string | null;
  customer_last_name?: string | null;
  customer_phone_number?: string | null;
  customer_id?: string | null;
  payment_group_share_id?: string | null;
  client_reference_id?: string | null;
  metadata?: Record<string, unknown>;
  /** ISO 8601; `null` only in a paid (`COMPLETED`) session whose expiry could not be read (the console says why). */
  expires_at: string | null;
  completed_at?: string | null;
  created_at: string;
  updated_at: string;
  line_items?: LineItem[];
  payment_intent?: PaymentIntent | null;
  payment_group?: PaymentGroup | null;
  organization?: Organization;
}

export interface ApiErrorBody {
  error: {
    type: 'invalid_request_error' | 'api_error';
    message: string | string[];
    code: string;
  };
}

export interface ListResponse<T> {
  data: T[];
  count: number;
}
