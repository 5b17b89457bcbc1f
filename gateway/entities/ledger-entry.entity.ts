import { defineEntity, p } from '@mikro-orm/postgresql';

export const LEDGER_KINDS = ['ISSUE', 'HOLD', 'CAPTURE', 'RELEASE', 'EXPIRE', 'REFUND'] as const;
export type LedgerKind = (typeof LEDGER_KINDS)[number];

/**
 * One posting of a double-entry transfer. Every transfer writes exactly two postings, +amount and
 * −amount, so entries sum to zero per transfer and overall. Rows are immutable (a database trigger
 * refuses UPDATE and DELETE); corrections are new transfers.
 *
 * Accounts: `card:<id>` (available value of a card), `held:<id>` (value held on a card),
 * `issued:<merchantId>` (value the merchant put on cards), `redeemed:<merchantId>` (value captured).
 * A card's balance = Σ card:<id> + Σ held:<id>; its held = Σ held:<id>.
 */
export const LedgerEntry = defineEntity({
  name: 'LedgerEntry',
  tableName: 'ledger_entry',
  properties: {
    id: p.bigint('number').primary().autoincrement(),
    transferId: p.uuid(),
    merchantId: p.uuid(),
    account: p.string().length(64),
    amount: p.bigint('number'),
    currency: p.string().length(3),
    kind: p.enum(LEDGER_KINDS),
    cardId: p.uuid(),
    holdId: p.uuid().nullable(),
    intentId: p.uuid().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});
export type LedgerEntryEntity = InstanceType<typeof LedgerEntry.class>;
