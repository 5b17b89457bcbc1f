import { LockMode, type EntityDictionary, type EntityManager, type EntityName } from '@mikro-orm/postgresql';
import { GiftCard, type GiftCardEntity } from '../entities/gift-card.entity.ts';
import { Hold, type HoldEntity } from '../entities/hold.entity.ts';
import { PaymentIntent, type PaymentIntentEntity, type IntentStatus } from '../entities/payment-intent.entity.ts';
import { account, postTransfer } from './ledger.service.ts';

/*
 * Locking and the primitive money moves shared by every operation.
 *
 * Lock order, everywhere: payment intent → gift card(s) by id → hold(s). Every balance change
 * happens with these rows locked FOR UPDATE inside one transaction, and writes its ledger transfer
 * in the same transaction.
 */

const WRITE = { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true } as const;

/** Runs a `select … for update` and returns the row as a managed entity of this transaction. */
async function lockOne<T extends object>(em: EntityManager, entity: EntityName<T>, sql: string, params: unknown[]): Promise<T | null> {
  const rows = await em.execute(sql, params);
  return rows[0] ? em.map(entity, rows[0] as EntityDictionary<T>) : null;
}

const INTENT_COLS = 'i.*, (i.expires_at <= now()) as expired';
const CARD_COLS = 'c.*, (c.expires_at is not null and c.expires_at <= now()) as expired';

export function lockIntent(em: EntityManager, merchantId: string, id: string): Promise<PaymentIntentEntity | null> {
  return lockOne(em, PaymentIntent, `select ${INTENT_COLS} from payment_intent i where i.id = ? and i.merchant_id = ? for update`, [id, merchantId]);
}

/** Locks the intent of a hold of this merchant (null if there is no such hold). */
export function lockIntentOfHold(em: EntityManager, merchantId: string, holdId: string): Promise<PaymentIntentEntity | null> {
  return lockOne(em, PaymentIntent, `select ${INTENT_COLS} from payment_intent i
    where i.id = (select intent_id from hold where id = ? and merchant_id = ?) for update`, [holdId, merchantId]);
}

export function lockCardOfHold(em: EntityManager, merchantId: string, holdId: string): Promise<GiftCardEntity | null> {
  return lockOne(em, GiftCard, `select ${CARD_COLS} from gift_card c
    where c.id = (select card_id from hold where id = ? and merchant_id = ?) for update`, [holdId, merchantId]);
}

export function lockCardByCodeHash(em: EntityManager, merchantId: string, codeHash: string): Promise<GiftCardEntity | null> {
  return lockOne(em, GiftCard, `select ${CARD_COLS} from gift_card c where c.code_hash = ? and c.merchant_id = ? for update`, [codeHash, merchantId]);
}

export function lockHold(em: EntityManager, id: string): Promise<HoldEntity | null> {
  return lockOne(em, Hold, `select h.*, (h.expires_at <= now()) as expired from hold h where h.id = ? for update`, [id]);
}

/** Locks several cards in id order (avoids deadlocks between transactions touching the same cards). */
export async function lockCards(em: EntityManager, ids: string[]): Promise<Map<string, GiftCardEntity>> {
  const unique = [...new Set(ids)].sort();
  const cards = unique.length
    ? await em.find(GiftCard, { id: { $in: unique } }, { ...WRITE, orderBy: { id: 'asc' } })
    : [];
  return new Map(cards.map((c) => [c.id, c]));
}

/** Pending holds of an intent, oldest first, locked. Call with the intent (and its cards) locked. */
export function lockPendingHolds(em: EntityManager, intentId: string): Promise<HoldEntity[]> {
  return em.find(Hold, { intentId, status: 'PENDING' }, { ...WRITE, orderBy: { createdAt: 'asc', id: 'asc' } });
}

const FINAL: ReadonlySet<IntentStatus> = new Set(['CAPTURED', 'CANCELED', 'EXPIRED']);

export function isFinal(status: IntentStatus): boolean {
  return FINAL.has(status);
}

/** Status of a non-final intent after its held/captured amounts changed. */
export function settleIntentStatus(i: PaymentIntentEntity): void {
  if (isFinal(i.status)) return;
  if (i.heldAmount === 0 && i.capturedAmount > 0) i.status = 'CAPTURED';
  else if (i.heldAmount + i.capturedAmount >= i.amount) i.status = 'FULLY_HELD';
  else if (i.heldAmount + i.capturedAmount > 0) i.status = 'PARTIALLY_HELD';
  else i.status = 'OPEN';
}

/** Reserves `amount` on the card for the intent: card:<id> → held:<id>. */
export function reserve(em: EntityManager, intent: PaymentIntentEntity, card: GiftCardEntity, amount: number): HoldEntity {
  const hold = em.create(Hold, {
    id: crypto.randomUUID(),
    merchantId: intent.merchantId,
    intentId: intent.id,
    cardId: card.id,
    cardLast4: card.last4,
    amount,
    currency: card.currency,
    capturedAmount: 0,
    refundedAmount: 0,
    status: 'PENDING',
    expiresAt: intent.expiresAt,
    createdAt: new Date(),
    resolvedAt: null,
  });
  card.held += amount;
  intent.heldAmount += amount;
  settleIntentStatus(intent);
  postTransfer(em, {
    kind: 'HOLD', merchantId: intent.merchantId, currency: card.currency, amount,
    from: account.card(card.id), to: account.held(card.id), cardId: card.id, holdId: hold.id, intentId: intent.id,
  });
  return hold;
}

/**
 * Captures `amount` (≤ hold.amount) of a PENDING hold: held:<id> → redeemed:<merchant>; any
 * remainder goes back held:<id> → card:<id>. The hold leaves PENDING here, once.
 */
export function capture(em: EntityManager, intent: PaymentIntentEntity, card: GiftCardEntity, hold: HoldEntity, amount: number): void {
  if (hold.status !== 'PENDING') throw new Error(`capture of a ${hold.status} hold`);
  const rest = hold.amount - amount;
  card.held -= hold.amount;
  card.balance -= amount;
  intent.heldAmount -= hold.amount;
  intent.capturedAmount += amount;
  hold.status = 'CAPTURED';
  hold.capturedAmount = amount;
  hold.resolvedAt = new Date();
  const common = { merchantId: hold.merchantId, currency: hold.currency, cardId: card.id, holdId: hold.id, intentId: intent.id };
  if (amount > 0) postTransfer(em, { ...common, kind: 'CAPTURE', amount, from: account.held(card.id), to: account.redeemed(hold.merchantId) });
  if (rest > 0) postTransfer(em, { ...common, kind: 'RELEASE', amount: rest, from: account.held(card.id), to: account.card(card.id) });
}

/** Returns a PENDING hold's value to the card (RELEASED or EXPIRED): held:<id> → card:<id>. */
export function release(
  em: EntityManager, intent: PaymentIntentEntity, card: GiftCardEntity, hold: HoldEntity, outcome: 'RELEASED' | 'EXPIRED',
): void {
  if (hold.status !== 'PENDING') throw new Error(`release of a ${hold.status} hold`);
  card.held -= hold.amount;
  intent.heldAmount -= hold.amount;
  hold.status = outcome;
  hold.resolvedAt = new Date();
  postTransfer(em, {
    kind: outcome === 'RELEASED' ? 'RELEASE' : 'EXPIRE', merchantId: hold.merchantId, currency: hold.currency,
    amount: hold.amount, from: account.held(card.id), to: account.card(card.id), cardId: card.id, holdId: hold.id, intentId: intent.id,
  });
}
