import type { EntityManager } from '@mikro-orm/postgresql';
import type { App } from '../context.ts';
import { holdRow, intentRow } from '../domain/rows.ts';
import { holdEvent } from '../services/settlement.ts';
import { NOTIFY_CHANNEL, NOTIFY_PAYLOAD, executeWithEvents, trackEvents, trackedIds } from './outbox.ts';
import { BackgroundLoop } from './loop.ts';

/*
 * Hold expiry, inside every gateway instance.
 *
 * Due intents (past expires_at, not final) are claimed in batches with FOR UPDATE SKIP LOCKED, so
 * N sweepers never work on the same intent and each hold is released exactly once; the lock order
 * (intent → cards by id → holds) is the same as every money operation's. A batch expires all the
 * claimed intents' pending holds set-wise — holds EXPIRED, cards' held reduced, two ledger postings
 * per hold, HOLD_EXPIRED and INTENT_EXPIRED events — in one transaction. Ahead of that, HOLD_EXPIRING
 * is announced once per hold (marked by hold.expiring_notified_at). Deadlines are judged by the
 * database clock; the loop sleeps until the next deadline (at most `idleMs`).
 */

export interface SweeperOptions {
  batchSize?: number;
  idleMs?: number;
  expiringLeadSeconds?: number;
}

export class ExpirySweeper extends BackgroundLoop {
  #app: App;
  #opts: Required<SweeperOptions>;
  protected readonly name = 'expiry sweep';
  protected readonly retryMs: number;
  readonly stats = { expiredHolds: 0, expiredIntents: 0, expiringNotices: 0, batches: 0 };

  constructor(app: App, opts: SweeperOptions = {}) {
    super();
    this.#app = app;
    this.#opts = { batchSize: opts.batchSize ?? 2500, idleMs: opts.idleMs ?? 1000, expiringLeadSeconds: opts.expiringLeadSeconds ?? 60 };
    this.retryMs = this.#opts.idleMs;
  }

  protected async work(): Promise<number> {
    await this.notifyExpiring();
    while (!this.stopped && (await this.expireBatch()) === this.#opts.batchSize) { /* more are due */ }
    return this.#msUntilNextDeadline();
  }

  async #msUntilNextDeadline(): Promise<number> {
    const lead = this.#opts.expiringLeadSeconds;
    const [row] = await this.#app.orm.em.fork().execute<{ ms: number | null }[]>(`select greatest(0, least(
        (select extract(epoch from min(expires_at) - now()) * 1000 from payment_intent where status in ('OPEN', 'PARTIALLY_HELD', 'FULLY_HELD')),
        (select extract(epoch from min(expires_at) - make_interval(secs => ?) - now()) * 1000 from hold where status = 'PENDING' and expiring_notified_at is null)
      )) as ms`, [lead]);
    const ms = row?.ms == null ? this.#opts.idleMs : Number(row.ms);
    return Math.min(this.#opts.idleMs, Math.ceil(ms) + 5);
  }

  /** Announces HOLD_EXPIRING once for pending holds within the lead time of their deadline. */
  async notifyExpiring(): Promise<number> {
    const lead = this.#opts.expiringLeadSeconds;
    return this.#inTransaction(async (em) => {
      const rows = await em.execute(`with due as (
          select id from hold where status = 'PENDING' and expiring_notified_at is null
            and expires_at <= now() + make_interval(secs => ?) and expires_at > now()
          order by expires_at limit ? for update skip locked)
        update hold h set expiring_notified_at = now() from due where h.id = due.id
        returning h.*, false as expired,
          (select row_to_json(i) from (select i.*, false as expired from payment_intent i where i.id = h.intent_id) i) as intent`,
        [lead, this.#opts.batchSize]);
      const events = rows.map((r) => {
        const hold = holdRow(r as Record<string, unknown>);
        const intent = intentRow((r as { intent: Record<string, unknown> }).intent);
        return { ...holdEvent('HOLD_EXPIRING', intent, hold, hold.amount), data: { expiresAt: hold.expiresAt.toISOString() } };
      });
      if (events.length) await executeWithEvents(em, [], events);
      this.stats.expiringNotices += events.length;
      return events.length;
    });
  }

  /** Expires up to batchSize due intents and their pending holds. Returns how many intents. */
  async expireBatch(): Promise<number> {
    return this.#inTransaction(async (em) => {
      const rows = await em.execute<{ id: string }[]>(`select id from payment_intent
          where status in ('OPEN', 'PARTIALLY_HELD', 'FULLY_HELD') and expires_at <= now()
          order by expires_at limit ? for update skip locked`, [this.#opts.batchSize]);
      if (!rows.length) return 0;
      const ids = `{${rows.map((r) => r.id).join(',')}}`;
      await em.execute(`select id from gift_card where id in (
          select card_id from hold where intent_id = any(?::uuid[]) and status = 'PENDING') order by id for update`, [ids]);
      const [result] = await em.execute<{ holds: number; event_ids: string | null }[]>(EXPIRE_SQL, [ids]);
      if (result.event_ids) trackedIds(em)?.push(...result.event_ids.split(',').map(Number));
      this.stats.batches++;
      this.stats.expiredHolds += Number(result.holds);
      this.stats.expiredIntents += rows.length;
      return rows.length;
    });
  }

  async #inTransaction<T>(fn: (em: EntityManager) => Promise<T>): Promise<T> {
    const ids: number[] = [];
    const result = await this.#app.orm.em.fork().transactional(async (em) => {
      const tracked = trackEvents(em);
      const r = await fn(em);
      ids.push(...tracked);
      return r;
    });
    this.#app.bus.committed(ids);
    return result;
  }
}

const ISO_NOW = `to_char(clock_timestamp() at time zone 'utc', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/**
 * Set-wise expiry of the given (locked) intents, as ONE statement: their pending holds become
 * EXPIRED (value back on the cards, an EXPIRE transfer each), the intents EXPIRED (or CAPTURED
 * when part was captured), HOLD_EXPIRED and INTENT_EXPIRED events go to the outbox with their
 * webhook deliveries, and a notification is sent at commit. Built in SQL so that 10,000 holds
 * falling due together are released within a second.
 */
export const EXPIRE_SQL = `with
  ids as (select unnest(?::uuid[]) as id),
  h as (update hold set status = 'EXPIRED', resolved_at = clock_timestamp()
        where intent_id in (select id from ids) and status = 'PENDING' returning *),
  c as (update gift_card g set held = g.held - x.s, version = g.version + 1
        from (select card_id, sum(amount) as s from h group by card_id) x where g.id = x.card_id),
  i as (update payment_intent p set held_amount = p.held_amount - coalesce(x.s, 0),
          status = case when p.captured_amount > 0 then 'CAPTURED' else 'EXPIRED' end
        from ids left join (select intent_id, sum(amount) as s from h group by intent_id) x on x.intent_id = ids.id
        where p.id = ids.id returning p.*),
  t as (select h.*, gen_random_uuid() as transfer_id from h),
  l as (insert into ledger_entry (transfer_id, merchant_id, account, amount, currency, kind, card_id, hold_id, intent_id)
        select transfer_id, merchant_id, 'held:' || card_id, -amount, currency, 'EXPIRE', card_id, id, intent_id from t
        union all
        select transfer_id, merchant_id, 'card:' || card_id, amount, currency, 'EXPIRE', card_id, id, intent_id from t),
  ev as (
    select gen_random_uuid() as eid, 'HOLD_EXPIRED' as type, h.merchant_id, i.location_id, h.intent_id, h.id as hold_id,
      h.card_last4, h.amount, h.currency, i.status as intent_status, 'EXPIRED' as hold_status, 0 as ord, h.created_at as at
    from h join i on i.id = h.intent_id
    union all
    select gen_random_uuid(), case when i.status = 'CAPTURED' then 'INTENT_CAPTURED' else 'INTENT_EXPIRED' end, i.merchant_id,
      i.location_id, i.id, null, null, case when i.status = 'CAPTURED' then i.captured_amount else i.amount end, i.currency,
      i.status, null, 1, i.created_at
    from i),
  o as (insert into event_outbox (event_id, merchant_id, location_id, intent_id, hold_id, type, payload)
        select eid, merchant_id, location_id, intent_id, hold_id, type, jsonb_build_object(
          'id', eid, 'type', type, 'merchantId', merchant_id, 'locationId', location_id, 'intentId', intent_id,
          'holdId', hold_id, 'cardLast4', card_last4, 'amount', amount, 'currency', currency,
          'intentStatus', intent_status, 'holdStatus', hold_status, 'occurredAt', ${ISO_NOW}, 'data', null)
        from ev order by intent_id, ord, at
        returning id, event_id, merchant_id, type, payload),
  w as (insert into webhook_delivery (endpoint_id, merchant_id, event_id, event_type, body)
        select e.id, o.merchant_id, o.event_id, o.type, o.payload::text from o
        join webhook_endpoint e on e.merchant_id = o.merchant_id and e.disabled_at is null
          and (o.type = any(e.events) or '*' = any(e.events)))
select (select count(*) from h) as holds,
  (select string_agg(id::text, ',' order by id) from o) as event_ids,
  pg_notify('${NOTIFY_CHANNEL}', ${NOTIFY_PAYLOAD})`;
