import { randomUUID } from 'node:crypto';
import type { LedgerKind } from '../entities/ledger-entry.entity.ts';

/** Ledger accounts (see ledger-entry.entity.ts). */
export const account = {
  card: (cardId: string) => `card:${cardId}`,
  held: (cardId: string) => `held:${cardId}`,
  issued: (merchantId: string) => `issued:${merchantId}`,
  redeemed: (merchantId: string) => `redeemed:${merchantId}`,
};

export interface Transfer {
  kind: LedgerKind;
  merchantId: string;
  currency: string;
  amount: number;
  /** Account that gives value (posting of −amount). */
  from: string;
  /** Account that receives value (posting of +amount). */
  to: string;
  cardId: string;
  holdId?: string | null;
  intentId?: string | null;
}

/** Rows of one double-entry transfer: −amount on `from`, +amount on `to`, sharing a transfer id. */
export function transferRows(t: Transfer, now = new Date()) {
  if (!Number.isSafeInteger(t.amount) || t.amount <= 0) throw new Error(`transfer amount must be positive: ${t.amount}`);
  const transferId = randomUUID();
  const base = {
    transferId,
    merchantId: t.merchantId,
    currency: t.currency,
    kind: t.kind,
    cardId: t.cardId,
    holdId: t.holdId ?? null,
    intentId: t.intentId ?? null,
    createdAt: now,
  };
  return [
    { ...base, account: t.from, amount: -t.amount },
    { ...base, account: t.to, amount: t.amount },
  ];
}
