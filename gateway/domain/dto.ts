import type { CardRow, HoldRow, IntentRow } from './rows.ts';
import type { GiftCard, Hold, PaymentIntent } from '../generated/graphql.ts';

/** A row or an ORM entity of it (entities type nullable columns as optional). */
type Source<T> = { [K in keyof T]: null extends T[K] ? T[K] | undefined : T[K] };

/**
 * Plain, JSON-native views of entities (dates as ISO strings). Services return these so that a
 * result can be stored for idempotent replay and served again unchanged.
 */
/** The API's own types (generated from the SDL), minus what is resolved on demand. */
export type HoldDto = Omit<Hold, '__typename' | 'card'> & { cardId: string };
export type IntentDto = Omit<PaymentIntent, '__typename' | 'holds'>;
export type GiftCardDto = Omit<GiftCard, '__typename'>;

const iso = (d: Date) => d.toISOString();

export function holdDto(h: Source<Omit<HoldRow, 'expired'>>): HoldDto {
  return {
    id: h.id,
    intentId: h.intentId,
    cardId: h.cardId,
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
    fundingSource: c.fundingSource,
    partner: c.partner ?? null,
    createdAt: iso(c.createdAt),
  };
}
