import { createHmac } from 'node:crypto';
import type { App } from '../context.ts';
import { BackgroundLoop } from './loop.ts';

/*
 * Webhook delivery, inside every gateway instance. Deliveries are rows written with their event
 * (events/outbox.ts), so a crash or restart loses none. A worker claims due rows with
 * FOR UPDATE SKIP LOCKED and leases them (next_attempt_at moves 60 s ahead by default) before POSTing, so
 * instances never send the same attempt twice at once, and a delivery whose sender died is retried
 * when its lease runs out. Failures back off exponentially (1 s doubling, at most 1 h between
 * attempts, with jitter) for 25 hours, then the delivery is FAILED. Receivers de-duplicate on the
 * event id: delivery is at least once.
 *
 * Each POST carries the event's JSON and
 *   Giftcard-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>
 *   Giftcard-Event-Id, Giftcard-Event-Type
 */

const GIVE_UP_AFTER_HOURS = 25;

export function signature(secret: string, timestamp: number, body: string): string {
  return `t=${timestamp},v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** Seconds until the next attempt after `attempts` failed ones. */
export function backoffSeconds(attempts: number, max = 3600): number {
  const base = Math.min(max, 2 ** Math.max(0, attempts - 1));
  return base * (0.8 + Math.random() * 0.4);
}

interface Claimed { id: string; url: string; secret: string; body: string; event_id: string; event_type: string; attempts: number; age_hours: number }

export class WebhookWorker extends BackgroundLoop {
  #app: App;
  #pollMs: number;
  #timeoutMs: number;
  protected readonly name = 'webhook delivery';
  protected readonly retryMs: number;
  readonly stats = { delivered: 0, failedAttempts: 0 };

  constructor(app: App, opts: { pollMs?: number; timeoutMs?: number } = {}) {
    super();
    this.#app = app;
    this.#pollMs = opts.pollMs ?? 250;
    this.#timeoutMs = opts.timeoutMs ?? 10_000;
    this.retryMs = this.#pollMs;
  }

  protected async work(): Promise<number> {
    return (await this.deliverDue()) > 0 ? 0 : this.#pollMs;
  }

  /** Claims and sends up to 50 due deliveries; returns how many were attempted. */
  async deliverDue(): Promise<number> {
    const em = this.#app.orm.em.fork();
    const claimed = await em.execute<Claimed[]>(`with due as (
        select id from webhook_delivery where status = 'PENDING' and next_attempt_at <= now()
        order by next_attempt_at limit 50 for update skip locked)
      update webhook_delivery d set next_attempt_at = now() + make_interval(secs => ?), attempts = d.attempts + 1, last_attempt_at = now()
      from due, webhook_endpoint e where d.id = due.id and e.id = d.endpoint_id
      returning d.id::text, e.url, e.secret, d.body, d.event_id, d.event_type, d.attempts,
        extract(epoch from now() - d.created_at) / 3600 as age_hours`, [this.#app.config.webhookLeaseSeconds]);
    await Promise.all(claimed.map((d) => this.#send(d)));
    return claimed.length;
  }

  async #send(d: Claimed): Promise<void> {
    const t = Math.floor(Date.now() / 1000);
    let status: number | null = null;
    let error: string | null = null;
    try {
      const res = await fetch(d.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'giftcard-webhooks/1',
          'giftcard-signature': signature(d.secret, t, d.body),
          'giftcard-event-id': d.event_id,
          'giftcard-event-type': d.event_type,
        },
        body: d.body,
        redirect: 'manual',
        signal: AbortSignal.timeout(this.#timeoutMs),
      });
      status = res.status;
      await res.arrayBuffer().catch(() => undefined);
      if (status < 200 || status >= 300) error = `HTTP ${status}`;
    } catch (e) {
      error = String((e as Error)?.message ?? e).slice(0, 500);
    }
    const em = this.#app.orm.em.fork();
    if (!error) {
      this.stats.delivered++;
      await em.execute(`update webhook_delivery set status = 'DELIVERED', delivered_at = now(), last_status_code = ?, last_error = null where id = ?`, [status, d.id]);
    } else {
      this.stats.failedAttempts++;
      const giveUp = Number(d.age_hours) >= GIVE_UP_AFTER_HOURS;
      await em.execute(`update webhook_delivery set status = ?, last_status_code = ?, last_error = ?,
          next_attempt_at = now() + make_interval(secs => ?) where id = ?`,
        [giveUp ? 'FAILED' : 'PENDING', status, error, backoffSeconds(d.attempts, this.#app.config.webhookMaxBackoffSeconds), d.id]);
    }
  }
}
