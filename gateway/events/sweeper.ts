import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { App } from '../context.ts';
import { holdRow, intentRow, type HoldRow, type IntentRow } from '../domain/rows.ts';
import { account } from '../services/ledger.service.ts';
import { holdEvent, intentEvent, settleIntentStatus } from '../services/settlement.ts';
import { executeWithEvents, trackEvents, type CteMember, type NewEvent } from './outbox.ts';
import { log } from '../log.ts';

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

export class ExpirySweeper {
  #app: App;
  #opts: Required<SweeperOptions>;
  #timer: NodeJS.Timeout | null = null;
  #running: Promise<void> | null = null;
  #stopped = true;
  readonly stats = { expiredHolds: 0, expiredIntents: 0, expiringNotices: 0, batches: 0 };

  constructor(app: App, opts: SweeperOptions = {}) {
    this.#app = app;
    this.#opts = { batchSize: opts.batchSize ?? 500, idleMs: opts.idleMs ?? 1000, expiringLeadSeconds: opts.expiringLeadSeconds ?? 60 };
  }

  start(): void {
    this.#stopped = false;
    this.#schedule(0);
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    await this.#running;
  }

  #schedule(ms: number): void {
    if (this.#stopped) return;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      this.#timer = null;
      this.#running = this.#tick().finally(() => (this.#running = null));
    }, ms);
  }

  async #tick(): Promise<void> {
    let next = this.#opts.idleMs;
    try {
      await this.notifyExpiring();
      while (!this.#stopped && (await this.expireBatch()) === this.#opts.batchSize) { /* more are due */ }
      next = await this.#msUntilNextDeadline();
    } catch (e) {
      if (!this.#stopped) log('error', 'expiry sweep failed', { err: String((e as Error)?.stack ?? e) });
    }
    this.#schedule(next);
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
      const intents = (await em.execute(`select i.*, true as expired from payment_intent i
          where i.status in ('OPEN', 'PARTIALLY_HELD', 'FULLY_HELD') and i.expires_at <= now()
          order by i.expires_at limit ? for update skip locked`, [this.#opts.batchSize]))
        .map((r) => intentRow(r as Record<string, unknown>));
      if (!intents.length) return 0;
      const ids = intents.map((i) => i.id);
      const list = ids.map(() => '?').join(',');
      await em.execute(`select c.id from gift_card c where c.id in (
          select card_id from hold where intent_id in (${list}) and status = 'PENDING') order by c.id for update`, ids);
      const holds = (await em.execute(`select h.*, true as expired from hold h
          where h.intent_id in (${list}) and h.status = 'PENDING' order by h.created_at, h.id for update`, ids))
        .map((r) => holdRow(r as Record<string, unknown>));
      await expireAll(em, intents, holds);
      this.stats.batches++;
      this.stats.expiredHolds += holds.length;
      this.stats.expiredIntents += intents.length;
      return intents.length;
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

/** Set-wise expiry of locked intents and their locked pending holds, in one statement. */
async function expireAll(em: EntityManager, intents: IntentRow[], holds: HoldRow[]): Promise<void> {
  const byIntent = new Map(intents.map((i) => [i.id, i]));
  const heldByCard = new Map<string, number>();
  const events: NewEvent[] = [];
  const ledgerValues: string[] = [];
  const ledgerParams: unknown[] = [];
  const now = new Date();
  for (const h of holds) {
    const intent = byIntent.get(h.intentId)!;
    intent.heldAmount -= h.amount;
    heldByCard.set(h.cardId, (heldByCard.get(h.cardId) ?? 0) + h.amount);
    h.status = 'EXPIRED';
    const transferId = randomUUID();
    for (const [acct, amount] of [[account.held(h.cardId), -h.amount], [account.card(h.cardId), h.amount]] as const) {
      ledgerValues.push('(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
      ledgerParams.push(transferId, h.merchantId, acct, amount, h.currency, 'EXPIRE', h.cardId, h.id, h.intentId, now);
    }
  }
  for (const i of intents) {
    settleIntentStatus(i);
    if (i.status !== 'CAPTURED') i.status = 'EXPIRED';
  }
  for (const h of holds) events.push(holdEvent('HOLD_EXPIRED', byIntent.get(h.intentId)!, h, h.amount));
  for (const i of intents) events.push(intentEvent(i.status === 'CAPTURED' ? 'INTENT_CAPTURED' : 'INTENT_EXPIRED', i));
  const members: CteMember[] = [];
  const values = (rows: unknown[][]) => ({ sql: rows.map((r) => `(${r.map(() => '?').join(', ')})`).join(', '), params: rows.flat() });
  const intentVals = values(intents.map((i) => [i.id, i.heldAmount, i.status]));
  members.push({
    name: 'i',
    sql: `update payment_intent p set held_amount = v.held::bigint, status = v.status
          from (values ${intentVals.sql}) as v(id, held, status) where p.id = v.id::uuid`,
    params: intentVals.params,
  });
  if (holds.length) {
    const holdIds = holds.map((h) => h.id);
    members.push({
      name: 'h',
      sql: `update hold set status = 'EXPIRED', resolved_at = ? where id in (${holdIds.map(() => '?').join(',')}) and status = 'PENDING'`,
      params: [now, ...holdIds],
    });
    const cardVals = values([...heldByCard].map(([id, amount]) => [id, amount]));
    members.push({
      name: 'c',
      sql: `update gift_card g set held = g.held - v.amount::bigint, version = g.version + 1
            from (values ${cardVals.sql}) as v(id, amount) where g.id = v.id::uuid`,
      params: cardVals.params,
    });
    members.push({
      name: 'l',
      sql: `insert into ledger_entry (transfer_id, merchant_id, account, amount, currency, kind, card_id, hold_id, intent_id, created_at)
            values ${ledgerValues.join(', ')}`,
      params: ledgerParams,
    });
  }
  await executeWithEvents(em, members, events);
}
