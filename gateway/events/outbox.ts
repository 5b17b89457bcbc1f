import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';

/*
 * Transactional outbox. Every money change inserts its events into `event_outbox` in the same
 * statement (and so the same transaction) as the change, queues webhook deliveries for them, and
 * calls pg_notify — which PostgreSQL delivers only if the transaction commits. An event therefore
 * exists if and only if its change committed.
 */

export const EVENT_TYPES = [
  'HOLD_PLACED', 'HOLD_EXPIRING', 'HOLD_EXPIRED', 'HOLD_RELEASED', 'HOLD_CAPTURED',
  'INTENT_CAPTURED', 'INTENT_CANCELED', 'INTENT_EXPIRED', 'REFUNDED', 'GIFT_CARD_ISSUED',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

export const NOTIFY_CHANNEL = 'gc_events';

/**
 * NOTIFY payloads are limited to 8000 bytes, so a statement announces the range of outbox ids it
 * wrote ("first-last"); listeners read that range (other transactions' rows in it are de-duplicated
 * or, if not yet committed, announced by their own notification).
 */
export const NOTIFY_PAYLOAD = `(select min(id)::text || '-' || max(id)::text from o)`;

/** What an event says. Never a full card code: at most its last four characters. */
export interface EventPayload {
  id: string;
  type: EventType;
  merchantId: string;
  locationId: string | null;
  intentId: string | null;
  holdId: string | null;
  cardLast4: string | null;
  amount: number | null;
  currency: string | null;
  intentStatus: string | null;
  holdStatus: string | null;
  occurredAt: string;
  /** Type-specific extras (e.g. count and campaign of GIFT_CARD_ISSUED). */
  data: Record<string, unknown> | null;
}

/** An event as stored: its payload plus its position in the outbox (increasing, per database). */
export interface GatewayEvent extends EventPayload {
  sequence: number;
}

export type NewEvent = Omit<EventPayload, 'id' | 'occurredAt' | 'data' | 'locationId' | 'holdId' | 'cardLast4' | 'amount' | 'currency' | 'intentStatus' | 'holdStatus' | 'intentId'>
  & Partial<Pick<EventPayload, 'locationId' | 'holdId' | 'cardLast4' | 'amount' | 'currency' | 'intentStatus' | 'holdStatus' | 'intentId' | 'data'>>;

export interface CteMember {
  name: string;
  sql: string;
  params: unknown[];
}

/** Event ids written by the transaction that `em` belongs to, for publishing after commit. */
const written = new WeakMap<EntityManager, number[]>();

/** The list `trackEvents` started for this transaction, for code that writes events itself. */
export function trackedIds(em: EntityManager): number[] | undefined {
  return written.get(em);
}

export function trackEvents(em: EntityManager): number[] {
  const ids: number[] = [];
  written.set(em, ids);
  return ids;
}

/**
 * Runs the data-modifying CTE `members` plus the outbox insert of `events`, the webhook
 * deliveries they cause and the notification, as ONE statement.
 */
export async function executeWithEvents(em: EntityManager, members: CteMember[], events: NewEvent[]): Promise<void> {
  const now = new Date().toISOString();
  const params: unknown[] = [];
  const ctes = members.map((m) => {
    params.push(...m.params);
    return `${m.name} as (${m.sql})`;
  });
  if (events.length) {
    const rows = events.map((e) => {
      const payload: EventPayload = {
        id: randomUUID(), type: e.type, merchantId: e.merchantId, locationId: e.locationId ?? null,
        intentId: e.intentId ?? null, holdId: e.holdId ?? null, cardLast4: e.cardLast4 ?? null,
        amount: e.amount ?? null, currency: e.currency ?? null, intentStatus: e.intentStatus ?? null,
        holdStatus: e.holdStatus ?? null, occurredAt: now, data: e.data ?? null,
      };
      params.push(payload.id, payload.merchantId, payload.locationId, payload.intentId, payload.holdId, payload.type, JSON.stringify(payload), now);
      return '(?, ?, ?, ?, ?, ?, ?::jsonb, ?)';
    });
    ctes.push(`o as (insert into event_outbox (event_id, merchant_id, location_id, intent_id, hold_id, type, payload, created_at)
      values ${rows.join(', ')} returning id, event_id, merchant_id, type, payload)`);
    ctes.push(`w as (insert into webhook_delivery (endpoint_id, merchant_id, event_id, event_type, body)
      select e.id, o.merchant_id, o.event_id, o.type, o.payload::text from o
      join webhook_endpoint e on e.merchant_id = o.merchant_id and e.disabled_at is null
        and (o.type = any(e.events) or '*' = any(e.events)))`);
  }
  const select = events.length
    ? `select (select string_agg(id::text, ',' order by id) from o) as ids, pg_notify('${NOTIFY_CHANNEL}', ${NOTIFY_PAYLOAD})`
    : 'select null as ids';
  const rows = await em.execute<{ ids: string | null }[]>(`${ctes.length ? `with ${ctes.join(',\n')}\n` : ''}${select}`, params);
  const ids = rows[0]?.ids;
  if (ids) written.get(em)?.push(...ids.split(',').map(Number));
}
