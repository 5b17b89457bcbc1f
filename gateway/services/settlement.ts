import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { IntentStatus } from '../entities/payment-intent.entity.ts';
import type { LedgerKind } from '../entities/ledger-entry.entity.ts';
import { cardRow, holdRow, intentRow, type CardRow, type HoldRow, type IntentRow } from '../domain/rows.ts';
import { account, transferRows } from './ledger.service.ts';
import { executeWithEvents, type EventType, type NewEvent } from '../events/outbox.ts';

/*
 * The money path: row locks and the primitive moves every operation is made of.
 *
 * Invariants (also CHECK constraints in the schema): a card's held ≤ balance (available never
 * negative); an intent's held + captured ≤ amount; a hold leaves PENDING once; every move writes a
 * balanced ledger transfer in the same transaction.
 *
 * Lock order, everywhere: payment intent → gift card(s) by id → hold(s). Rows are locked with
 * `select … for update` inside the caller's transaction (MikroORM's `em.transactional`), and each
 * move is then ONE statement (data-modifying CTEs) that updates the card, the intent and the hold
 * and inserts the ledger postings and the change's events (events/outbox.ts). Statements go through `em.execute` rather than the unit of work:
 * on this path the ORM's change-set machinery cost about half of the gateway's CPU per request
 * (bench/README.md). Moves also update the in-memory rows so results can be built without
 * re-reading.
 */

const INTENT_COLS = 'i.*, (i.expires_at <= now()) as expired';
const CARD_COLS = 'c.*, (c.expires_at is not null and c.expires_at <= now()) as expired';
const HOLD_COLS = 'h.*, (h.expires_at <= now()) as expired';

async function lockOne<T>(em: EntityManager, map: (r: Record<string, unknown>) => T, sql: string, params: unknown[]): Promise<T | null> {
  const rows = await em.execute(sql, params);
  return rows[0] ? map(rows[0] as Record<string, unknown>) : null;
}

export function lockIntent(em: EntityManager, merchantId: string, id: string): Promise<IntentRow | null> {
  return lockOne(em, intentRow, `select ${INTENT_COLS} from payment_intent i where i.id = ? and i.merchant_id = ? for update`, [id, merchantId]);
}

/** Locks the intent of a hold of this merchant (null if there is no such hold). */
export function lockIntentOfHold(em: EntityManager, merchantId: string, holdId: string): Promise<IntentRow | null> {
  return lockOne(em, intentRow, `select ${INTENT_COLS} from payment_intent i
    where i.id = (select intent_id from hold where id = ? and merchant_id = ?) for update`, [holdId, merchantId]);
}

export function lockCardOfHold(em: EntityManager, merchantId: string, holdId: string): Promise<CardRow | null> {
  return lockOne(em, cardRow, `select ${CARD_COLS} from gift_card c
    where c.id = (select card_id from hold where id = ? and merchant_id = ?) for update`, [holdId, merchantId]);
}

export function lockCardByCodeHash(em: EntityManager, merchantId: string, codeHash: string): Promise<CardRow | null> {
  return lockOne(em, cardRow, `select ${CARD_COLS} from gift_card c where c.code_hash = ? and c.merchant_id = ? for update`, [codeHash, merchantId]);
}

export function findCardByCodeHash(em: EntityManager, merchantId: string, codeHash: string): Promise<CardRow | null> {
  return lockOne(em, cardRow, `select ${CARD_COLS} from gift_card c where c.code_hash = ? and c.merchant_id = ?`, [codeHash, merchantId]);
}

export function lockHold(em: EntityManager, id: string): Promise<HoldRow | null> {
  return lockOne(em, holdRow, `select ${HOLD_COLS} from hold h where h.id = ? for update`, [id]);
}

/** Locks the cards of an intent's pending holds in id order, then those holds (oldest first). */
export async function lockPendingHoldsWithCards(em: EntityManager, intentId: string): Promise<{ holds: HoldRow[]; cards: Map<string, CardRow> }> {
  const cards = (await em.execute(`select ${CARD_COLS} from gift_card c
      where c.id in (select card_id from hold where intent_id = ? and status = 'PENDING') order by c.id for update`, [intentId]))
    .map((r) => cardRow(r as Record<string, unknown>));
  const holds = (await em.execute(`select ${HOLD_COLS} from hold h where h.intent_id = ? and h.status = 'PENDING'
      order by h.created_at, h.id for update`, [intentId]))
    .map((r) => holdRow(r as Record<string, unknown>));
  return { holds, cards: new Map(cards.map((c) => [c.id, c])) };
}

const FINAL: ReadonlySet<IntentStatus> = new Set(['CAPTURED', 'CANCELED', 'EXPIRED']);

export function isFinal(status: IntentStatus): boolean {
  return FINAL.has(status);
}

/** Status of a non-final intent after its held/captured amounts changed. */
export function settleIntentStatus(i: IntentRow): void {
  if (isFinal(i.status)) return;
  if (i.heldAmount === 0 && i.capturedAmount > 0) i.status = 'CAPTURED';
  else if (i.heldAmount + i.capturedAmount >= i.amount) i.status = 'FULLY_HELD';
  else if (i.heldAmount + i.capturedAmount > 0) i.status = 'PARTIALLY_HELD';
  else i.status = 'OPEN';
}

interface Posting {
  kind: LedgerKind;
  amount: number;
  from: string;
  to: string;
}

/** `insert into ledger_entry` for transfers of one card/hold, as a CTE member, with its params. */
function ledgerInsert(hold: Pick<HoldRow, 'id' | 'merchantId' | 'currency' | 'cardId' | 'intentId'>, postings: Posting[], now: Date) {
  const rows = postings.flatMap((p) => transferRows({ ...p, merchantId: hold.merchantId, currency: hold.currency, cardId: hold.cardId, holdId: hold.id, intentId: hold.intentId }, now));
  if (!rows.length) return null;
  return {
    sql: `insert into ledger_entry (transfer_id, merchant_id, account, amount, currency, kind, card_id, hold_id, intent_id, created_at)
          values ${rows.map(() => '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}`,
    params: rows.flatMap((r) => [r.transferId, r.merchantId, r.account, r.amount, r.currency, r.kind, r.cardId, r.holdId, r.intentId, r.createdAt]),
  };
}

/** Reserves `amount` on the card for the intent: card:<id> → held:<id>. One statement. */
export async function reserve(em: EntityManager, intent: IntentRow, card: CardRow, amount: number): Promise<HoldRow> {
  const now = new Date();
  const hold: HoldRow = {
    id: randomUUID(), merchantId: intent.merchantId, intentId: intent.id, cardId: card.id, cardLast4: card.last4,
    amount, currency: card.currency, capturedAmount: 0, refundedAmount: 0, status: 'PENDING',
    expiresAt: intent.expiresAt, createdAt: now, resolvedAt: null, expired: false,
  };
  card.held += amount;
  intent.heldAmount += amount;
  settleIntentStatus(intent);
  const ledger = ledgerInsert(hold, [{ kind: 'HOLD', amount, from: account.card(card.id), to: account.held(card.id) }], now)!;
  await executeWithEvents(em, [
    { name: 'c', sql: 'update gift_card set held = held + ?, version = version + 1 where id = ?', params: [amount, card.id] },
    { name: 'i', sql: 'update payment_intent set held_amount = held_amount + ?, status = ? where id = ?', params: [amount, intent.status, intent.id] },
    { name: 'h', sql: `insert into hold (id, merchant_id, intent_id, card_id, card_last4, amount, currency, status, expires_at, created_at)
        values (?, ?, ?, ?, ?, ?, ?, 'PENDING', ?, ?)`,
      params: [hold.id, hold.merchantId, hold.intentId, hold.cardId, hold.cardLast4, amount, hold.currency, hold.expiresAt, now] },
    { name: 'l', ...ledger },
  ], [holdEvent('HOLD_PLACED', intent, hold, amount)]);
  return hold;
}

/**
 * Ends a PENDING hold, once: captures `captured` (0 ≤ captured ≤ hold.amount) to
 * redeemed:<merchant> and returns the rest to card:<id>. `outcome` is CAPTURED, RELEASED or
 * EXPIRED (the latter two with captured = 0). One statement.
 */
export async function resolveHold(
  em: EntityManager, intent: IntentRow, card: CardRow, hold: HoldRow,
  outcome: 'CAPTURED' | 'RELEASED' | 'EXPIRED', captured = 0,
): Promise<void> {
  if (hold.status !== 'PENDING') throw new Error(`hold ${hold.id} is already ${hold.status}`);
  if (captured < 0 || captured > hold.amount || (outcome !== 'CAPTURED' && captured !== 0)) throw new Error('bad capture amount');
  const now = new Date();
  const rest = hold.amount - captured;
  const statusBefore = intent.status;
  card.held -= hold.amount;
  card.balance -= captured;
  intent.heldAmount -= hold.amount;
  intent.capturedAmount += captured;
  settleIntentStatus(intent);
  hold.status = outcome;
  hold.capturedAmount = captured;
  hold.resolvedAt = now;
  const postings: Posting[] = [];
  if (captured > 0) postings.push({ kind: 'CAPTURE', amount: captured, from: account.held(card.id), to: account.redeemed(hold.merchantId) });
  if (rest > 0) postings.push({ kind: outcome === 'EXPIRED' ? 'EXPIRE' : 'RELEASE', amount: rest, from: account.held(card.id), to: account.card(card.id) });
  const ledger = ledgerInsert(hold, postings, now);
  const type = outcome === 'CAPTURED' ? 'HOLD_CAPTURED' : outcome === 'RELEASED' ? 'HOLD_RELEASED' : 'HOLD_EXPIRED';
  const events: NewEvent[] = [holdEvent(type, intent, hold, outcome === 'CAPTURED' ? captured : hold.amount)];
  if (intent.status === 'CAPTURED' && statusBefore !== 'CAPTURED') events.push(intentEvent('INTENT_CAPTURED', intent));
  await executeWithEvents(em, [
    { name: 'c', sql: 'update gift_card set held = held - ?, balance = balance - ?, version = version + 1 where id = ?', params: [hold.amount, captured, card.id] },
    { name: 'i', sql: 'update payment_intent set held_amount = held_amount - ?, captured_amount = captured_amount + ?, status = ? where id = ?',
      params: [hold.amount, captured, intent.status, intent.id] },
    { name: 'h', sql: `update hold set status = ?, captured_amount = ?, resolved_at = ? where id = ? and status = 'PENDING'`, params: [outcome, captured, now, hold.id] },
    ...(ledger ? [{ name: 'l', ...ledger }] : []),
  ], events);
}

/** Returns captured value to the card: redeemed:<merchant> → card:<id>. One statement. */
export async function refundHold(em: EntityManager, intent: IntentRow, card: CardRow, hold: HoldRow, amount: number): Promise<void> {
  card.balance += amount;
  hold.refundedAmount += amount;
  const ledger = ledgerInsert(hold, [{ kind: 'REFUND', amount, from: account.redeemed(hold.merchantId), to: account.card(card.id) }], new Date())!;
  await executeWithEvents(em, [
    { name: 'c', sql: 'update gift_card set balance = balance + ?, version = version + 1 where id = ?', params: [amount, card.id] },
    { name: 'h', sql: 'update hold set refunded_amount = refunded_amount + ? where id = ?', params: [amount, hold.id] },
    { name: 'l', ...ledger },
  ], [holdEvent('REFUNDED', intent, hold, amount)]);
}

/** Sets a final status on a locked intent (captureIntent, cancel, expiry) and announces the change. */
export async function setIntentStatus(em: EntityManager, intent: IntentRow, status: 'CAPTURED' | 'CANCELED' | 'EXPIRED'): Promise<void> {
  if (intent.status === status) return;
  intent.status = status;
  const type = status === 'CAPTURED' ? 'INTENT_CAPTURED' : status === 'CANCELED' ? 'INTENT_CANCELED' : 'INTENT_EXPIRED';
  await executeWithEvents(em, [{ name: 'i', sql: 'update payment_intent set status = ? where id = ?', params: [status, intent.id] }], [intentEvent(type, intent)]);
}

export function holdEvent(type: EventType, intent: IntentRow, hold: HoldRow, amount: number): NewEvent {
  return {
    type, merchantId: intent.merchantId, locationId: intent.locationId, intentId: intent.id, holdId: hold.id,
    cardLast4: hold.cardLast4, amount, currency: hold.currency, intentStatus: intent.status, holdStatus: hold.status,
  };
}

export function intentEvent(type: EventType, intent: IntentRow): NewEvent {
  return {
    type, merchantId: intent.merchantId, locationId: intent.locationId, intentId: intent.id,
    amount: type === 'INTENT_CAPTURED' ? intent.capturedAmount : intent.amount, currency: intent.currency, intentStatus: intent.status,
  };
}
