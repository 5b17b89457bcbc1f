import { defineEntity, p } from '@mikro-orm/postgresql';

export const GIFT_CARD_STATUSES = ['ACTIVE', 'FROZEN', 'DEACTIVATED'] as const;
export type GiftCardStatus = (typeof GIFT_CARD_STATUSES)[number];

/**
 * A gift card. `balance` is the posted value, `held` the sum of its pending holds;
 * available = balance − held. Both change only inside a transaction that holds the row lock and
 * writes the matching ledger entries. The code is stored as a hash plus its last four characters.
 */
export const GiftCard = defineEntity({
  name: 'GiftCard',
  tableName: 'gift_card',
  properties: {
    id: p.uuid().primary(),
    merchantId: p.uuid(),
    codeHash: p.string().length(64).unique(),
    last4: p.string().length(4),
    pinHash: p.string().length(64).nullable(),
    currency: p.string().length(3),
    balance: p.bigint('number'),
    held: p.bigint('number').default(0),
    status: p.enum(GIFT_CARD_STATUSES).default('ACTIVE'),
    expiresAt: p.datetime().nullable(),
    campaign: p.string().length(100).nullable(),
    /** Who funded the value: MERCHANT or PARTNER (then `partner` names it). */
    fundingSource: p.enum(['MERCHANT', 'PARTNER'] as const).default('MERCHANT'),
    partner: p.string().length(100).nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
    /** True when `expires_at` has passed by the database clock. */
    expired: p.formula<boolean>((cols) => `(${cols.expiresAt} is not null and ${cols.expiresAt} <= now())`).type('boolean').persist(false),
    version: p.integer().version(),
  },
});
export type GiftCardEntity = InstanceType<typeof GiftCard.class>;
