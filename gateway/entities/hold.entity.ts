import { defineEntity, p } from '@mikro-orm/postgresql';

export const HOLD_STATUSES = ['PENDING', 'CAPTURED', 'RELEASED', 'EXPIRED'] as const;
export type HoldStatus = (typeof HOLD_STATUSES)[number];

/** Value reserved on one card for one intent (a pending transfer). Leaves PENDING at most once. */
export const Hold = defineEntity({
  name: 'Hold',
  tableName: 'hold',
  properties: {
    id: p.uuid().primary(),
    merchantId: p.uuid(),
    intentId: p.uuid(),
    cardId: p.uuid(),
    cardLast4: p.string().length(4),
    amount: p.bigint('number'),
    currency: p.string().length(3),
    capturedAmount: p.bigint('number').default(0),
    refundedAmount: p.bigint('number').default(0),
    status: p.enum(HOLD_STATUSES).default('PENDING'),
    expiresAt: p.datetime(),
    createdAt: p.datetime().onCreate(() => new Date()),
    resolvedAt: p.datetime().nullable(),
    /** True when `expires_at` has passed by the database clock. */
    expired: p.formula<boolean>((cols) => `(${cols.expiresAt} <= now())`).type('boolean').persist(false),
  },
});
export type HoldEntity = InstanceType<typeof Hold.class>;
