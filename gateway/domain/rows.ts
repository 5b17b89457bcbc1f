import type { Channel, IntentStatus } from '../entities/payment-intent.entity.ts';
import type { HoldStatus } from '../entities/hold.entity.ts';
import type { GiftCardStatus } from '../entities/gift-card.entity.ts';

/*
 * Plain rows of the tables the money path locks and changes, read with `select … for update`
 * (see services/settlement.ts). The entities in entities/ describe the same tables for the ORM.
 */

export interface IntentRow {
  id: string;
  merchantId: string;
  locationId: string | null;
  amount: number;
  currency: string;
  orderRef: string;
  channel: Channel;
  status: IntentStatus;
  heldAmount: number;
  capturedAmount: number;
  expiresAt: Date;
  createdAt: Date;
  /** expires_at has passed by the database clock. */
  expired: boolean;
}

export interface CardRow {
  id: string;
  merchantId: string;
  last4: string;
  pinHash: string | null;
  currency: string;
  balance: number;
  held: number;
  status: GiftCardStatus;
  expiresAt: Date | null;
  campaign: string | null;
  fundingSource: 'MERCHANT' | 'PARTNER';
  partner: string | null;
  createdAt: Date;
  expired: boolean;
}

export interface HoldRow {
  id: string;
  merchantId: string;
  intentId: string;
  cardId: string;
  cardLast4: string;
  amount: number;
  currency: string;
  capturedAmount: number;
  refundedAmount: number;
  status: HoldStatus;
  expiresAt: Date;
  createdAt: Date;
  resolvedAt: Date | null;
  expired: boolean;
}

type Raw = Record<string, any>;
const date = (v: unknown) => (v instanceof Date ? v : new Date(String(v)));
const dateOrNull = (v: unknown) => (v == null ? null : date(v));

export function intentRow(r: Raw): IntentRow {
  return {
    id: r.id, merchantId: r.merchant_id, locationId: r.location_id ?? null, amount: Number(r.amount),
    currency: r.currency, orderRef: r.order_ref, channel: r.channel, status: r.status,
    heldAmount: Number(r.held_amount), capturedAmount: Number(r.captured_amount),
    expiresAt: date(r.expires_at), createdAt: date(r.created_at), expired: r.expired === true,
  };
}

export function cardRow(r: Raw): CardRow {
  return {
    id: r.id, merchantId: r.merchant_id, last4: r.last4, pinHash: r.pin_hash ?? null, currency: r.currency,
    balance: Number(r.balance), held: Number(r.held), status: r.status, expiresAt: dateOrNull(r.expires_at),
    campaign: r.campaign ?? null, fundingSource: r.funding_source ?? 'MERCHANT', partner: r.partner ?? null,
    createdAt: date(r.created_at), expired: r.expired === true,
  };
}

export function holdRow(r: Raw): HoldRow {
  return {
    id: r.id, merchantId: r.merchant_id, intentId: r.intent_id, cardId: r.card_id, cardLast4: r.card_last4,
    amount: Number(r.amount), currency: r.currency, capturedAmount: Number(r.captured_amount),
    refundedAmount: Number(r.refunded_amount), status: r.status, expiresAt: date(r.expires_at),
    createdAt: date(r.created_at), resolvedAt: dateOrNull(r.resolved_at), expired: r.expired === true,
  };
}
