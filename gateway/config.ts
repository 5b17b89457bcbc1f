/** Gateway settings, from the environment with safe defaults. */
export interface GatewayConfig {
  /** Largest balance a single issued card may carry (minor units). */
  maxCardAmount: number;
  /** Largest amount of one payment intent (minor units). */
  maxIntentAmount: number;
  /** Failed code look-ups allowed per publishable key + client IP per window. */
  lookupFailureLimit: number;
  lookupWindowSeconds: number;
  /** How long idempotency records are kept. */
  idempotencyTtlHours: number;
  /** Seconds before a hold's deadline that HOLD_EXPIRING is announced. */
  expiringLeadSeconds: number;
  /** A claimed webhook delivery is retried after this many seconds if its sender died. */
  webhookLeaseSeconds: number;
  /** Longest wait between two attempts of one webhook delivery. */
  webhookMaxBackoffSeconds: number;
  /** Catalog orders allowed per recipient e-mail per 24 hours. */
  ordersPerRecipientPerDay: number;
  /** Catalog orders allowed per buyer IP address (`customerIp`) per 24 hours. */
  ordersPerCustomerIpPerDay: number;
  /** Delivery e-mail attempts before a message is given up (FAILED). */
  mailMaxAttempts: number;
  /** Wait after the first failed attempt; doubles per attempt, at most an hour. */
  mailRetryBaseSeconds: number;
  /** Trust X-Forwarded-For for the client IP (behind a reverse proxy). */
  trustProxy: boolean;
}

function int(name: string, fallback: number): number {
  const v = process.env[name];
  if (v === undefined || v === '') return fallback;
  const n = Number(v);
  if (!Number.isSafeInteger(n) || n <= 0) throw new Error(`${name} must be a positive integer, got ${v}`);
  return n;
}

export function loadConfig(overrides: Partial<GatewayConfig> = {}): GatewayConfig {
  return {
    maxCardAmount: int('GC_MAX_CARD_AMOUNT', 100_000_000),
    maxIntentAmount: int('GC_MAX_INTENT_AMOUNT', 100_000_000),
    lookupFailureLimit: int('GC_LOOKUP_FAILURE_LIMIT', 10),
    lookupWindowSeconds: int('GC_LOOKUP_WINDOW_SECONDS', 600),
    idempotencyTtlHours: int('GC_IDEMPOTENCY_TTL_HOURS', 48),
    expiringLeadSeconds: int('GC_EXPIRING_LEAD_SECONDS', 60),
    webhookLeaseSeconds: int('GC_WEBHOOK_LEASE_SECONDS', 60),
    webhookMaxBackoffSeconds: int('GC_WEBHOOK_MAX_BACKOFF_SECONDS', 3600),
    ordersPerRecipientPerDay: int('GC_ORDERS_PER_RECIPIENT_PER_DAY', 5),
    ordersPerCustomerIpPerDay: int('GC_ORDERS_PER_IP_PER_DAY', 10),
    mailMaxAttempts: int('GC_MAIL_MAX_ATTEMPTS', 8),
    mailRetryBaseSeconds: int('GC_MAIL_RETRY_BASE_SECONDS', 30),
    trustProxy: process.env.GC_TRUST_PROXY === '1',
    ...overrides,
  };
}
