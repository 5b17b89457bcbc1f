import pg from 'pg';
import type { MikroORM } from '@mikro-orm/postgresql';
import { NOTIFY_CHANNEL, type EventPayload, type GatewayEvent } from './outbox.ts';
import { log } from '../log.ts';

/*
 * Fan-out of committed events to this process's subscribers.
 *
 * Every instance dispatches the events its own transactions committed at once (`committed`), and
 * — on real PostgreSQL — LISTENs on a dedicated connection for everyone's notifications, so a
 * subscriber on instance A sees changes made through instance B. After the listening connection
 * drops, it reconnects with back-off and catches up from the outbox by id, so nothing is missed.
 * Each event is dispatched once per process (de-duplicated by sequence), in sequence order per batch.
 * In embedded mode (PGlite: one session, no second connection to LISTEN on) the local path alone
 * does the job: there is only one process. With no subscribers in this process nothing is read.
 */

type Listener = { filter: (e: GatewayEvent) => boolean; onEvent: (e: GatewayEvent) => void };

export class EventBus {
  #orm: MikroORM;
  #listenUrl: string | null;
  #listeners = new Set<Listener>();
  #seen = new Set<number>();
  /** Ids this process's own commits already asked to load (so their NOTIFY is not read again). */
  #requested = new Set<number>();
  #seenOrder: number[] = [];
  #client: pg.Client | null = null;
  #stopped = false;
  #lastSequence = 0;
  #reconnectDelay = 100;
  #reconnectTimer: NodeJS.Timeout | null = null;
  #loads = new Set<Promise<void>>();
  #order: Promise<void> = Promise.resolve();
  readonly stats = { dispatched: 0, reconnects: 0 };

  /** `listenUrl`: a PostgreSQL URL to LISTEN on, or null in embedded mode. */
  constructor(orm: MikroORM, listenUrl: string | null) {
    this.#orm = orm;
    this.#listenUrl = listenUrl;
  }

  async start(): Promise<void> {
    const [{ max }] = await this.#orm.em.fork().execute<{ max: string | null }[]>('select max(id)::text as max from event_outbox');
    this.#lastSequence = Number(max ?? 0);
    if (this.#listenUrl) await this.#connect();
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    await Promise.allSettled([...this.#loads]);
    if (this.#reconnectTimer) clearTimeout(this.#reconnectTimer);
    const c = this.#client;
    this.#client = null;
    await c?.end().catch(() => {});
  }

  subscribe(filter: (e: GatewayEvent) => boolean, onEvent: (e: GatewayEvent) => void): () => void {
    const l = { filter, onEvent };
    this.#listeners.add(l);
    return () => this.#listeners.delete(l);
  }

  get subscriberCount(): number {
    return this.#listeners.size;
  }

  /** Publishes events this process's transaction just committed (by outbox id). */
  committed(ids: number[]): void {
    if (!ids.length || this.#stopped || this.#listeners.size === 0) return;
    if (this.#requested.size > 100_000) this.#requested.clear();
    for (const id of ids) this.#requested.add(id);
    this.#track(this.#load(`id in (${ids.map(() => '?').join(',')})`, ids));
  }

  #track(p: Promise<void>): void {
    const load = p.catch((e) => log('error', 'event load failed', { err: String(e) })).finally(() => this.#loads.delete(load));
    this.#loads.add(load);
  }

  /**
   * Reads events and dispatches them. Reads run concurrently, but dispatches happen in the order
   * the loads were asked for (a transaction's notifications arrive in order; so must its events).
   */
  #load(where: string, params: unknown[]): Promise<void> {
    const rows = this.#orm.em.fork().execute<{ id: string; payload: EventPayload | string }[]>(
      `select id::text, payload from event_outbox where ${where} order by id`, params);
    const dispatched = this.#order.then(() => rows).then((rs) =>
      this.#dispatch(rs.map((r) => ({ ...(typeof r.payload === 'string' ? JSON.parse(r.payload) : r.payload), sequence: Number(r.id) }))));
    this.#order = dispatched.catch(() => {});
    return dispatched;
  }

  #allKnown(first: number, last: number): boolean {
    for (let id = first; id <= last; id++) if (!this.#seen.has(id) && !this.#requested.has(id)) return false;
    return true;
  }

  #dispatch(events: GatewayEvent[]): void {
    for (const e of events) {
      this.#requested.delete(e.sequence);
      if (this.#seen.has(e.sequence)) continue;
      this.#seen.add(e.sequence);
      this.#seenOrder.push(e.sequence);
      if (this.#seenOrder.length > 100_000) for (const s of this.#seenOrder.splice(0, 50_000)) this.#seen.delete(s);
      if (e.sequence > this.#lastSequence) this.#lastSequence = e.sequence;
      this.stats.dispatched++;
      for (const l of this.#listeners) {
        if (!l.filter(e)) continue;
        try {
          l.onEvent(e);
        } catch (err) {
          log('error', 'event listener failed', { err: String(err) });
        }
      }
    }
  }

  async #connect(): Promise<void> {
    if (this.#stopped) return;
    const client = new pg.Client({ connectionString: this.#listenUrl! });
    this.#client = client;
    client.on('error', (e) => log('warn', 'event listener connection error', { err: String(e) }));
    client.on('end', () => {
      if (this.#client === client) this.#client = null;
      if (!this.#stopped) this.#scheduleReconnect();
    });
    client.on('notification', (msg) => {
      const range = msg.channel === NOTIFY_CHANNEL ? /^(\d+)-(\d+)$/.exec(msg.payload ?? '') : null;
      if (!range || this.#stopped || this.#listeners.size === 0) return;
      const [first, last] = [Number(range[1]), Number(range[2])];
      if (last - first < 1000 && this.#allKnown(first, last)) return; // our own commit, already being read
      this.#track(this.#load('id between ? and ?', [first, last]));
    });
    try {
      await client.connect();
      await client.query(`listen ${NOTIFY_CHANNEL}`);
      if (this.#stopped) {
        await client.end();
        return;
      }
      this.#reconnectDelay = 100;
      // Catch up on what committed while we were not listening (ids may commit out of order, so
      // look a little behind the highest sequence seen; de-duplication drops repeats).
      await this.#load('id > ?', [Math.max(0, this.#lastSequence - 1000)]);
    } catch (e) {
      if (this.#client === client) this.#client = null;
      if (this.#stopped) return;
      log('warn', 'event listener could not connect', { err: String(e) });
      await client.end().catch(() => {});
      this.#scheduleReconnect();
    }
  }

  #scheduleReconnect(): void {
    if (this.#reconnectTimer) return;
    this.stats.reconnects++;
    const delay = this.#reconnectDelay;
    this.#reconnectDelay = Math.min(this.#reconnectDelay * 2, 10_000);
    this.#reconnectTimer = setTimeout(() => {
      this.#reconnectTimer = null;
      void this.#connect();
    }, delay);
  }

  /** Drops the listening connection (tests use it to prove reconnection and catch-up). */
  async dropListenConnection(): Promise<void> {
    await this.#client?.end();
  }
}
