import type { CardRow, HoldRow, IntentRow } from './rows.ts';

/** A row or an ORM entity of it (entities type nullable columns as optional). */
type Source<T> = { [K in keyof T]: null extends T[K] ? T[K] | undefined : T[K] };

/**
 * Plain, JSON-native views of entities (dates as ISO strings). Services return these so that a
 * result can be stored for idempotent replay and served again unchanged.
 */
export interface HoldDto {
  id: string;
  intentId: string;
  cardLast4: string;
  amount: number;
  currency: string;
  capturedAmount: number;
  refundedAmount: number;
  status: string;
  expiresAt: string;
  createdAt: string;
  resolvedAt: string | null;
}

export interface IntentDto {
  id: string;
  amount: number;
  currency: string;
  orderRef: string;
  locationId: string | null;
  channel: string;
  status: string;
  heldAmount: number;
  capturedAmount: number;
  remainingAmount: number;
  expiresAt: string;
  createdAt: string;
}

export interface GiftCardDto {
  id: string;
  last4: string;
  currency: string;
  balance: number;
  held: number;
  available: number;
  status: string;
  expiresAt: string | null;
  campaign: string | null;
  createdAt: string;
}

const iso = (d: Date) => d.toISOString();

export function holdDto(h: Source<Omit<HoldRow, 'expired'>>): HoldDto {
  return {
    id: h.id,
    intentId: h.intentId,
    cardLast4: h.cardLast4,
    amount: h.amount,
    currency: h.currency,
    capturedAmount: h.capturedAmount,
    refundedAmount: h.refundedAmount,
    status: h.status,
    expiresAt: iso(h.expiresAt),
    createdAt: iso(h.createdAt),
    resolvedAt: h.resolvedAt ? iso(h.resolvedAt) : null,
  };
}

const ACCEPTING = new Set(['OPEN', 'PARTIALLY_HELD', 'FULLY_HELD']);

export function remainingOf(i: Pick<IntentRow, 'status' | 'amount' | 'heldAmount' | 'capturedAmount'>): number {
  return ACCEPTING.has(i.status) ? i.amount - i.heldAmount - i.capturedAmount : 0;
}

/** An intent without its holds: `PaymentIntent.holds` is resolved when a client selects it. */
export function intentDto(i: Source<Omit<IntentRow, 'expired'>>): IntentDto {
  return {
    id: i.id,
    amount: i.amount,
    currency: i.currency,
    orderRef: i.orderRef,
    locationId: i.locationId ?? null,
    channel: i.channel,
    status: i.status,
    heldAmount: i.heldAmount,
    capturedAmount: i.capturedAmount,
    remainingAmount: remainingOf(i),
    expiresAt: iso(i.expiresAt),
    createdAt: iso(i.createdAt),
  };
}

export function giftCardDto(c: Source<Omit<CardRow, 'expired' | 'pinHash' | 'merchantId'>>): GiftCardDto {
  return {
    id: c.id,
    last4: c.last4,
    currency: c.currency,
    balance: c.balance,
    held: c.held,
    available: c.balance - c.held,
    status: c.status,
    expiresAt: c.expiresAt ? iso(c.expiresAt) : null,
    campaign: c.campaign ?? null,
    createdAt: iso(c.createdAt),
  };
}
