// Generated from schema/*.graphql by `npm run codegen`. Do not edit.

/** The amount is larger than what remains. */
export interface AmountExceedsRemainingError {
  __typename?: 'AmountExceedsRemainingError';
  /** Machine-readable code. */
  errorCode: ErrorCode;
  /** Human-readable explanation. */
  message: string;
  /** What is left (to hold on the intent, to capture on the hold, or to refund). */
  remaining: number;
  /** What was asked for. */
  requested: number;
}

/** A gift-card brand in the merchant's catalog. */
export interface Brand {
  __typename?: 'Brand';
  /** Unique id. */
  id: string;
  /** Display name. */
  name: string;
  /** URL-friendly name, unique per merchant. */
  slug: string;
  /** ISO 3166-1 alpha-2 country where the cards are used. */
  country: string;
  /** ISO-4217 currency of the cards. */
  currency: string;
  /** Category, e.g. Food & Drink. */
  category: string;
  /** What the brand is. */
  description: string;
  /** How a holder redeems the card. */
  redemptionInstructions: string;
  /** The logo as an SVG document (made locally; no external images). */
  logoSvg: string;
  /** Active and with at least one denomination in stock. */
  available: boolean;
  /** Amounts the brand's cards can be bought for. */
  denominations: Array<Denomination>;
}

/** A page of brands (Relay connection), ordered by name. */
export interface BrandConnection {
  __typename?: 'BrandConnection';
  /** The brands of this page. */
  edges: Array<BrandEdge>;
  /** Paging. */
  pageInfo: PageInfo;
  /** Brands matching the filter, all pages. */
  totalCount: number;
  /** Counts for filter menus. */
  facets: CatalogFacets;
}

/** A brand in a page of the catalog. */
export interface BrandEdge {
  __typename?: 'BrandEdge';
  /** Opaque position, for `after`. */
  cursor: string;
  /** The brand. */
  node: Brand;
}

/** An intent to cancel. */
export interface CancelPaymentIntentInput {
  /** The intent. */
  intentId: string;
  /** Makes the call safe to retry: same key + same input replays the first result. */
  idempotencyKey?: string | null;
}

/** Result of cancelPaymentIntent. */
export type CancelPaymentIntentResult = IntentCanceled | GenericError;

/** A hold to capture. */
export interface CaptureHoldInput {
  /** The hold. */
  holdId: string;
  /** Amount to capture; omitted = the whole hold. A smaller amount returns the rest to the card. */
  amount?: number | null;
  /** Makes the call safe to retry: same key + same input replays the first result. */
  idempotencyKey?: string | null;
}

/** Result of captureHold. */
export type CaptureHoldResult = HoldCaptured | AmountExceedsRemainingError | InvalidAmountError | GenericError;

/** An intent to capture. */
export interface CaptureIntentInput {
  /** The intent. */
  intentId: string;
  /** Amount to capture; omitted = everything held. A smaller amount captures holds oldest first and releases the rest. */
  amount?: number | null;
  /** Makes the call safe to retry: same key + same input replays the first result. */
  idempotencyKey?: string | null;
}

/** Result of captureIntent. */
export type CaptureIntentResult = IntentCaptured | AmountExceedsRemainingError | InvalidAmountError | GenericError;

/** Counts for building filter menus. */
export interface CatalogFacets {
  __typename?: 'CatalogFacets';
  /** Per country, with every filter applied except country. */
  countries: Array<FacetCount>;
  /** Per category, with every filter applied except category. */
  categories: Array<FacetCount>;
}

/** Filters for the catalog; all optional, combined with AND. */
export interface CatalogFilter {
  /** ISO country code. */
  country?: string | null;
  /** ISO-4217 currency. */
  currency?: string | null;
  /** Exact category. */
  category?: string | null;
  /** Part of the brand's name; case and accents are ignored. */
  search?: string | null;
}

/** Where and how a payment is made. One backend serves all channels. */
export type Channel = 'APP' | 'POS_SCAN' | 'MANUAL' | 'ONLINE';

/** A payment to prepare. */
export interface CreatePaymentIntentInput {
  /** Amount to pay, in minor units (positive integer). */
  amount: number;
  /** ISO-4217 currency. */
  currency: string;
  /** The merchant's order reference (1–200 characters). */
  orderRef: string;
  /** Optional location of the sale (must belong to the merchant). */
  locationId?: string | null;
  /** Seconds until the intent expires: 2 to 86,400; default 900 (15 minutes). */
  ttlSeconds?: number | null;
  /** Channel of the payment; default ONLINE. */
  channel?: Channel | null;
  /** Makes the call safe to retry: same key + same input replays the first result. */
  idempotencyKey?: string | null;
}

/** Result of createPaymentIntent. */
export type CreatePaymentIntentResult = PaymentIntentCreated | InvalidAmountError | GenericError;

/** An endpoint to create. */
export interface CreateWebhookEndpointInput {
  /** http(s) URL that receives POSTs. */
  url: string;
  /** Event types to deliver; empty or omitted = all. */
  events?: Array<EventType> | null;
  /** Makes the call safe to retry: same key + same input replays the first result. */
  idempotencyKey?: string | null;
}

/** Result of createWebhookEndpoint. */
export type CreateWebhookEndpointResult = WebhookEndpointCreated | GenericError;

/** Currencies do not match. */
export interface CurrencyMismatchError {
  __typename?: 'CurrencyMismatchError';
  /** Machine-readable code. */
  errorCode: ErrorCode;
  /** Human-readable explanation. */
  message: string;
  /** The currency that was expected. */
  expected: string;
  /** The currency that was given. */
  actual: string;
}

/** An amount (FIXED) or a range of amounts (RANGE) a brand's cards can be bought for. */
export interface Denomination {
  __typename?: 'Denomination';
  /** FIXED or RANGE. */
  kind: DenominationKind;
  /** FIXED: the amount, in minor units. */
  amount: number | null;
  /** RANGE: the smallest amount. */
  minAmount: number | null;
  /** RANGE: the largest amount. */
  maxAmount: number | null;
  /** RANGE: amounts go up in these steps from minAmount. */
  step: number | null;
  /** Cards left at this amount; null = unlimited (always null for RANGE). */
  stock: number | null;
  /** Whether it can be bought now. */
  inStock: boolean;
}

/** How an amount is chosen for a brand. */
export type DenominationKind = 'FIXED' | 'RANGE';

/** Machine-readable codes of expected failures. Each is returned as a member of a mutation's result union. */
export type ErrorCode = 'INSUFFICIENT_FUNDS' | 'CARD_NOT_FOUND' | 'CARD_INACTIVE' | 'CURRENCY_MISMATCH' | 'INTENT_EXPIRED' | 'INTENT_NOT_OPEN' | 'INTENT_NOT_FOUND' | 'INVALID_CLIENT_TOKEN' | 'HOLD_NOT_FOUND' | 'HOLD_NOT_PENDING' | 'HOLD_EXPIRED' | 'AMOUNT_EXCEEDS_REMAINING' | 'INVALID_AMOUNT' | 'INVALID_CURRENCY' | 'INVALID_INPUT' | 'IDEMPOTENCY_KEY_REUSED' | 'IDEMPOTENCY_KEY_IN_USE' | 'RATE_LIMITED' | 'INVALID_DENOMINATION' | 'OUT_OF_STOCK' | 'BRAND_NOT_FOUND' | 'VELOCITY_LIMIT';

/** Every expected failure implements this interface. */
export interface ErrorResult {
  /** Machine-readable code. */
  errorCode: ErrorCode;
  /** Human-readable explanation. */
  message: string;
}

/** What happened. INTENT_STATE is the first event of every paymentIntentEvents subscription: the intent as it stands. */
export type EventType = 'INTENT_STATE' | 'HOLD_PLACED' | 'HOLD_EXPIRING' | 'HOLD_EXPIRED' | 'HOLD_RELEASED' | 'HOLD_CAPTURED' | 'INTENT_CAPTURED' | 'INTENT_CANCELED' | 'INTENT_EXPIRED' | 'REFUNDED' | 'GIFT_CARD_ISSUED';

/** How many brands have a value (for filter menus). */
export interface FacetCount {
  __typename?: 'FacetCount';
  /** The value (a country code or a category). */
  value: string;
  /** Brands with it, under the other filters. */
  count: number;
}

/** Outstanding liability of one currency, split by who funded the cards. */
export interface FundedLiabilityLine {
  __typename?: 'FundedLiabilityLine';
  /** ISO-4217 currency. */
  currency: string;
  /** MERCHANT or PARTNER. */
  fundingSource: FundingSource;
  /** The partner, for PARTNER. */
  partner: string | null;
  /** Outstanding liability, minor units. */
  outstanding: number;
}

/** Who funds a card's value. */
export type FundingSource = 'MERCHANT' | 'PARTNER';

/** A generic expected failure with no extra context. */
export interface GenericError {
  __typename?: 'GenericError';
  /** Machine-readable code. */
  errorCode: ErrorCode;
  /** Human-readable explanation. */
  message: string;
  /** The input field the error is about, if any. */
  field: string | null;
}

/** A gift card as its merchant sees it. The full code is never shown again after issue. */
export interface GiftCard {
  __typename?: 'GiftCard';
  /** Unique id. */
  id: string;
  /** Last four characters of the code. */
  last4: string;
  /** ISO-4217 currency. */
  currency: string;
  /** Posted balance (minor units). */
  balance: number;
  /** Sum of pending holds. */
  held: number;
  /** balance − held. */
  available: number;
  /** Current status. */
  status: GiftCardStatus;
  /** After this time the card cannot be used. */
  expiresAt: string | null;
  /** Campaign the card was issued under, if any. */
  campaign: string | null;
  /** Who funded the value. */
  fundingSource: FundingSource;
  /** The funding partner, if any. */
  partner: string | null;
  /** When the card was issued. */
  createdAt: string;
}

/** What a balance check reveals: no more than the holder of the code may know. */
export interface GiftCardBalance {
  __typename?: 'GiftCardBalance';
  /** Available balance (posted balance minus pending holds). */
  available: number;
  /** ISO-4217 currency. */
  currency: string;
  /** Whether the card can be used. */
  status: GiftCardStatus;
  /** After this time the card cannot be used. */
  expiresAt: string | null;
  /** Last four characters of the code. */
  last4: string;
}

/** Result of giftCardBalance. */
export type GiftCardBalanceResult = GiftCardBalance | RateLimitedError | GenericError;

/** A purchased card, ready to hand over. */
export interface GiftCardOrder {
  __typename?: 'GiftCardOrder';
  /** Unique id. */
  id: string;
  /** The merchant's reference id. */
  referenceId: string;
  /** The brand. */
  brandId: string;
  /** The recipient. */
  recipientEmail: string;
  /** The issued card. */
  card: GiftCard;
  /** The card's full code (delivered to the recipient). */
  code: string;
  /** The card's PIN, if any. */
  pin: string | null;
  /** How to redeem it. */
  redemptionInstructions: string;
  /** A QR code of the card's code (SVG) for the POS_SCAN channel. */
  qrSvg: string;
  /** When the order was placed. */
  createdAt: string;
}

/** The order was placed (or, for a repeated referenceId, the original order). */
export interface GiftCardOrdered {
  __typename?: 'GiftCardOrdered';
  /** The order. */
  order: GiftCardOrder;
  /** True when this is the original order returned again for a repeated referenceId. */
  replayed: boolean;
}

/** Cards were issued. */
export interface GiftCardsIssued {
  __typename?: 'GiftCardsIssued';
  /** The new cards, with their codes (shown only here). */
  cards: Array<IssuedGiftCard>;
}

/** Whether a card can be used. */
export type GiftCardStatus = 'ACTIVE' | 'FROZEN' | 'DEACTIVATED';

/** Value reserved on one card for one payment intent. */
export interface Hold {
  __typename?: 'Hold';
  /** Unique id. */
  id: string;
  /** The payment intent the hold belongs to. */
  intentId: string;
  /** Last four characters of the card's code. */
  cardLast4: string;
  /** Reserved amount, in minor units. */
  amount: number;
  /** ISO-4217 currency. */
  currency: string;
  /** Captured amount (0 until captured). */
  capturedAmount: number;
  /** Refunded amount (never more than captured). */
  refundedAmount: number;
  /** Current status. */
  status: HoldStatus;
  /** After this time the hold cannot be captured. */
  expiresAt: string;
  /** When the hold was placed. */
  createdAt: string;
  /** When the hold left PENDING, if it has. */
  resolvedAt: string | null;
  /** The card, with its balance now (secret key; null with a publishable key). For receipts. */
  card: GiftCard | null;
}

/** A hold was captured. */
export interface HoldCaptured {
  __typename?: 'HoldCaptured';
  /** The captured hold. */
  hold: Hold;
  /** The intent after the capture. */
  intent: PaymentIntent;
}

/** A hold was placed. */
export interface HoldPlaced {
  __typename?: 'HoldPlaced';
  /** The new PENDING hold. */
  hold: Hold;
  /** The intent after the hold. */
  intent: PaymentIntent;
  /** What the card has left available after the hold. */
  cardAvailable: number;
}

/** A hold was released; its value is available on the card again. */
export interface HoldReleased {
  __typename?: 'HoldReleased';
  /** The released hold. */
  hold: Hold;
  /** The intent after the release. */
  intent: PaymentIntent;
}

/** Lifecycle of a hold. A hold leaves PENDING at most once. */
export type HoldStatus = 'PENDING' | 'CAPTURED' | 'RELEASED' | 'EXPIRED';

/** The card cannot cover the requested amount. */
export interface InsufficientFundsError {
  __typename?: 'InsufficientFundsError';
  /** Machine-readable code. */
  errorCode: ErrorCode;
  /** Human-readable explanation. */
  message: string;
  /** What the card could cover right now. */
  available: number;
  /** What was asked for. */
  requested: number;
}

/** An intent was canceled; all its pending holds were released. */
export interface IntentCanceled {
  __typename?: 'IntentCanceled';
  /** The CANCELED intent. */
  intent: PaymentIntent;
}

/** An intent was captured. */
export interface IntentCaptured {
  __typename?: 'IntentCaptured';
  /** The CAPTURED intent. */
  intent: PaymentIntent;
}

/** The amount is not acceptable. */
export interface InvalidAmountError {
  __typename?: 'InvalidAmountError';
  /** Machine-readable code. */
  errorCode: ErrorCode;
  /** Human-readable explanation. */
  message: string;
  /** The input field holding the amount. */
  field: string;
}

/** A newly issued card with its code. The code (and PIN) are shown only here, once. */
export interface IssuedGiftCard {
  __typename?: 'IssuedGiftCard';
  /** The card as its merchant sees it. */
  card: GiftCard;
  /** The full code. Store it or hand it to the customer now; it cannot be retrieved later. */
  code: string;
  /** The PIN, if one was requested. */
  pin: string | null;
}

/** Cards to issue, all alike. */
export interface IssueGiftCardsInput {
  /** How many cards: 1 to 10,000. */
  count: number;
  /** Initial balance of each card, in minor units. */
  amount: number;
  /** ISO-4217 currency. */
  currency: string;
  /** Optional campaign name (up to 100 characters). */
  campaign?: string | null;
  /** Who funds the value; default MERCHANT. Reports split liability by it. */
  fundingSource?: FundingSource | null;
  /** With PARTNER: the partner's name (up to 100 characters). */
  partner?: string | null;
  /** Optional expiry of the cards. */
  expiresAt?: Date | null;
  /** Give each card a 4-digit PIN. */
  withPin?: boolean | null;
  /** Makes the call safe to retry: same key + same input replays the first result (codes included). */
  idempotencyKey?: string | null;
}

/** Result of issueGiftCards. */
export type IssueGiftCardsResult = GiftCardsIssued | InvalidAmountError | GenericError;

/** What cards of one currency are still worth at the end of the period (posted balances, held included). */
export interface LiabilityLine {
  __typename?: 'LiabilityLine';
  /** ISO-4217 currency. */
  currency: string;
  /** Outstanding liability, minor units. */
  outstanding: number;
}

/** A delivery e-mail (stored always; sent when SMTP is configured). */
export interface MailMessage {
  __typename?: 'MailMessage';
  /** Unique id. */
  id: string;
  /** The order it delivers. */
  orderId: string;
  /** Recipient. */
  to: string;
  /** Subject line. */
  subject: string;
  /** HTML body. */
  html: string;
  /** Plain-text body. */
  text: string;
  /** STORED (no SMTP configured), PENDING (to send, or to retry after a failure), SENT, or FAILED (given up after GC_MAIL_MAX_ATTEMPTS). */
  status: string;
  /** Why the last attempt failed, if it did. */
  error: string | null;
  /** SMTP attempts so far. */
  attempts: number;
  /** When it was written. */
  createdAt: string;
  /** When SMTP accepted it. */
  sentAt: string | null;
}

/** An amount together with its ISO-4217 currency. */
export interface Money {
  __typename?: 'Money';
  /** Integer amount in minor units. */
  amount: number;
  /** ISO-4217 currency code, e.g. USD. */
  currency: string;
}

/** A catalog purchase: one card of one brand. */
export interface OrderGiftCardInput {
  /** The brand (from the catalog). */
  brandId: string;
  /** One of the brand's fixed amounts, or an amount on its range's steps (minor units). */
  amount: number;
  /** Must be the brand's currency. */
  currency: string;
  /** Where the card is sent. */
  recipientEmail: string;
  /** The merchant's own order id (1–200 characters). A repeat returns the original order, never a second card, whatever else differs. */
  referenceId: string;
  /** The buyer's IP address as your server received it (IPv4 or IPv6). When given, orders per
   * address are limited too (GC_ORDERS_PER_IP_PER_DAY, default 10 per 24 hours → VELOCITY_LIMIT).
   * Only a keyed hash of it is stored. */
  customerIp?: string | null;
}

/** Result of orderGiftCard. */
export type OrderGiftCardResult = GiftCardOrdered | InvalidAmountError | CurrencyMismatchError | GenericError;

/** Where a page ends. */
export interface PageInfo {
  __typename?: 'PageInfo';
  /** Whether more brands follow. */
  hasNextPage: boolean;
  /** Cursor of the last edge, for the next page. */
  endCursor: string | null;
}

/** A money event. Ids and amounts only: never a full card code. */
export interface PaymentEvent {
  __typename?: 'PaymentEvent';
  /** Unique event id: de-duplicate on it. */
  id: string;
  /** Position in the gateway's event log; increases over time. */
  sequence: string;
  /** What happened. */
  type: EventType;
  /** The payment intent concerned, if any. */
  intentId: string | null;
  /** The hold concerned, if any. */
  holdId: string | null;
  /** The intent's location, if any. */
  locationId: string | null;
  /** Last four characters of the card's code, if a card is concerned. */
  cardLast4: string | null;
  /** Amount in minor units (see EventType for its meaning per type). */
  amount: number | null;
  /** ISO-4217 currency of amount. */
  currency: string | null;
  /** The intent's status after the event. */
  intentStatus: PaymentIntentStatus | null;
  /** The hold's status after the event. */
  holdStatus: HoldStatus | null;
  /** When it happened. */
  occurredAt: string;
  /** For INTENT_STATE: the intent with its holds. Null for other types. */
  intent: PaymentIntent | null;
  /** Type-specific extras as a JSON string (GIFT_CARD_ISSUED: count, campaign). */
  data: string | null;
}

/** A short-lived request to pay one amount for one order, created by the merchant's server. */
export interface PaymentIntent {
  __typename?: 'PaymentIntent';
  /** Unique id. */
  id: string;
  /** The amount to pay, in minor units. */
  amount: number;
  /** ISO-4217 currency. */
  currency: string;
  /** The merchant's own order reference. */
  orderRef: string;
  /** The location the payment is for, if any. */
  locationId: string | null;
  /** The channel the payment is made through. */
  channel: Channel;
  /** Current status. */
  status: PaymentIntentStatus;
  /** Sum of pending holds. */
  heldAmount: number;
  /** Sum captured. */
  capturedAmount: number;
  /** What is still to be held: amount − held − captured while the intent accepts holds, else 0. */
  remainingAmount: number;
  /** When the intent (and its holds) expire. */
  expiresAt: string;
  /** When the intent was created. */
  createdAt: string;
  /** Holds placed for this intent, oldest first. */
  holds: Array<Hold>;
}

/** The intent and the token the browser uses to pay it. */
export interface PaymentIntentCreated {
  __typename?: 'PaymentIntentCreated';
  /** The new intent (OPEN). */
  intent: PaymentIntent;
  /** Signed token (ES256 JWS) that lets a publishable key place holds on this intent only. */
  clientToken: string;
}

/** Lifecycle of a payment intent. */
export type PaymentIntentStatus = 'OPEN' | 'PARTIALLY_HELD' | 'FULLY_HELD' | 'CAPTURED' | 'CANCELED' | 'EXPIRED';

/** A hold to place on one card for the intent named by the client token. */
export interface PlaceHoldInput {
  /** The intent's client token. */
  clientToken: string;
  /** The gift card's code (spaces and dashes are ignored). */
  code: string;
  /** The card's PIN, if it has one. */
  pin?: string | null;
  /** Amount to hold; omitted = min(card available, intent remaining) — a partial payment. */
  amount?: number | null;
  /** Makes the call safe to retry: same key + same input replays the first result. */
  idempotencyKey?: string | null;
}

/** Result of placeHold. */
export type PlaceHoldResult = HoldPlaced | InsufficientFundsError | AmountExceedsRemainingError | CurrencyMismatchError | InvalidAmountError | RateLimitedError | GenericError;

/** Too many failed attempts. */
export interface RateLimitedError {
  __typename?: 'RateLimitedError';
  /** Machine-readable code. */
  errorCode: ErrorCode;
  /** Human-readable explanation. */
  message: string;
  /** Seconds until a new attempt is accepted. */
  retryAfterSeconds: number;
}

/** Captured value was returned to the card. */
export interface Refunded {
  __typename?: 'Refunded';
  /** The hold after the refund. */
  hold: Hold;
  /** The amount refunded by this call. */
  amount: number;
}

/** Captured value to return to a card. */
export interface RefundInput {
  /** The captured hold. */
  holdId: string;
  /** Amount to refund; omitted = everything captured and not yet refunded. */
  amount?: number | null;
  /** Makes the call safe to retry: same key + same input replays the first result. */
  idempotencyKey?: string | null;
}

/** Result of refund. */
export type RefundResult = Refunded | AmountExceedsRemainingError | InvalidAmountError | GenericError;

/** A hold to release. */
export interface ReleaseHoldInput {
  /** The hold. */
  holdId: string;
  /** Required with a publishable key: the client token of the hold's intent. */
  clientToken?: string | null;
  /** Makes the call safe to retry: same key + same input replays the first result. */
  idempotencyKey?: string | null;
}

/** Result of releaseHold. */
export type ReleaseHoldResult = HoldReleased | GenericError;

/** A reconciliation report computed from the ledger. */
export interface Report {
  __typename?: 'Report';
  /** Start of the period (inclusive). */
  from: string;
  /** End of the period (exclusive). */
  to: string;
  /** Flows per currency and location. */
  lines: Array<ReportLine>;
  /** Outstanding liability per currency at `to`. */
  liability: Array<LiabilityLine>;
  /** Outstanding liability per currency and funder at `to`. */
  liabilityByFunding: Array<FundedLiabilityLine>;
}

/** Money that moved in a period, for one currency and one location (null = not tied to a location, e.g. issuing). */
export interface ReportLine {
  __typename?: 'ReportLine';
  /** ISO-4217 currency. */
  currency: string;
  /** The location of the payments, or null. */
  locationId: string | null;
  /** Value put on cards (issued), minor units. */
  issued: number;
  /** Value captured from cards (redeemed). */
  redeemed: number;
  /** Captured value returned to cards. */
  refunded: number;
  /** Held value returned to cards because holds expired. */
  expiredReleased: number;
}

/** One event's delivery to one endpoint, with its attempts. */
export interface WebhookDelivery {
  __typename?: 'WebhookDelivery';
  /** Unique id. */
  id: string;
  /** The endpoint. */
  endpointId: string;
  /** The event's id (also sent in the Giftcard-Event-Id header). */
  eventId: string;
  /** The event's type. */
  eventType: EventType;
  /** Delivery state. */
  status: WebhookDeliveryStatus;
  /** Attempts made so far. */
  attempts: number;
  /** HTTP status of the last attempt, if it got an answer. */
  lastStatusCode: number | null;
  /** Why the last attempt failed, if it did. */
  lastError: string | null;
  /** When the next attempt is due (PENDING only). */
  nextAttemptAt: string | null;
  /** When it was delivered. */
  deliveredAt: string | null;
  /** When the event was queued for this endpoint. */
  createdAt: string;
}

/** Delivery state of one event to one endpoint. */
export type WebhookDeliveryStatus = 'PENDING' | 'DELIVERED' | 'FAILED';

/** A URL of the merchant's that receives signed event deliveries. */
export interface WebhookEndpoint {
  __typename?: 'WebhookEndpoint';
  /** Unique id. */
  id: string;
  /** Where deliveries are POSTed (http or https). */
  url: string;
  /** Event types delivered; empty means all. */
  events: Array<EventType>;
  /** When it was created. */
  createdAt: string;
}

/** A new endpoint and its signing secret. */
export interface WebhookEndpointCreated {
  __typename?: 'WebhookEndpointCreated';
  /** The endpoint. */
  endpoint: WebhookEndpoint;
  /** HMAC-SHA256 signing secret (whsec_…), shown only here. See the README for the verification recipe. */
  secret: string;
}
