import { defineEntity, p } from '@mikro-orm/postgresql';

export const CHANNELS = ['APP', 'POS_SCAN', 'MANUAL', 'ONLINE'] as const;
export type Channel = (typeof CHANNELS)[number];
export const INTENT_STATUSES = ['OPEN', 'PARTIALLY_HELD', 'FULLY_HELD', 'CAPTURED', 'CANCELED', 'EXPIRED'] as const;
export type IntentStatus = (typeof INTENT_STATUSES)[number];

/** A short-lived request to pay `amount` for one order. Holds reserve value against it. */
export const PaymentIntent = defineEntity({
  name: 'PaymentIntent',
  tableName: 'payment_intent',
  properties: {
    id: p.uuid().primary(),
    merchantId: p.uuid(),
    locationId: p.uuid().nullable(),
    amount: p.bigint('number'),
    currency: p.string().length(3),
    orderRef: p.string().length(200),
    channel: p.enum(CHANNELS),
    status: p.enum(INTENT_STATUSES).default('OPEN'),
    /** Sum of this intent's pending holds. */
    heldAmount: p.bigint('number').default(0),
    /** Sum captured from this intent's holds. */
    capturedAmount: p.bigint('number').default(0),
    expiresAt: p.datetime(),
    createdAt: p.datetime().onCreate(() => new Date()),
    /** True when `expires_at` has passed by the database clock. */
    expired: p.formula<boolean>((cols) => `(${cols.expiresAt} <= now())`).type('boolean').persist(false),
  },
});
export type PaymentIntentEntity = InstanceType<typeof PaymentIntent.class>;
