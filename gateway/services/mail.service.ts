import { randomUUID } from 'node:crypto';
import nodemailer from 'nodemailer';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { App, RequestContext } from '../context.ts';
import { BackgroundLoop } from '../events/loop.ts';
import { log } from '../log.ts';

/*
 * Delivery e-mails. Every message is rendered (HTML + text) and stored in the order's transaction,
 * so the demo store can show a mailbox; with SMTP_URL set it is also sent over SMTP after commit
 * (status SENT), and retried with back-off when that fails (PENDING with the error, then FAILED).
 */

export interface Delivery {
  orderId: string;
  to: string;
  brandName: string;
  amount: string;
  code: string;
  pin: string | null;
  instructions: string;
  qrSvg: string;
}

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function renderDelivery(d: Delivery): { subject: string; html: string; text: string } {
  const subject = `Your ${d.brandName} gift card (${d.amount})`;
  const text = [
    `Your ${d.brandName} gift card`, '', `Amount: ${d.amount}`, `Code: ${d.code}`, ...(d.pin ? [`PIN: ${d.pin}`] : []), '',
    d.instructions, '', 'Keep this code safe: anyone who has it can spend the card.',
  ].join('\n');
  const html = `<!doctype html><html><body style="font-family:system-ui,sans-serif;color:#1c1b22">
<h1 style="font-size:20px">Your ${esc(d.brandName)} gift card</h1>
<p style="font-size:28px;font-weight:700;margin:8px 0">${esc(d.amount)}</p>
<p>Code: <strong style="font-family:ui-monospace,monospace;letter-spacing:.05em">${esc(d.code)}</strong>${d.pin ? ` · PIN: <strong>${esc(d.pin)}</strong>` : ''}</p>
<div style="width:160px">${d.qrSvg}</div>
<p>${esc(d.instructions)}</p>
<p style="color:#5d5b68;font-size:13px">Keep this code safe: anyone who has it can spend the card.</p>
</body></html>`;
  return { subject, html, text };
}

/** Stores the message in the caller's transaction; returns its id (to send after commit). */
export async function storeDelivery(em: EntityManager, merchantId: string, d: Delivery, willSend: boolean): Promise<string> {
  const id = randomUUID();
  const m = renderDelivery(d);
  await em.execute(`insert into mail_message (id, merchant_id, order_id, to_address, subject, html, text, status) values (?, ?, ?, ?, ?, ?, ?, ?)`,
    [id, merchantId, d.orderId, d.to, m.subject, m.html, m.text, willSend ? 'PENDING' : 'STORED']);
  return id;
}

let transport: { url: string; t: nodemailer.Transporter } | null = null;

export function smtpConfigured(): boolean {
  return Boolean(process.env.SMTP_URL);
}

interface ClaimedMail { id: string; to_address: string; subject: string; html: string; text: string; attempts: number }

/** A claimed message is not picked again for this long (its sender may have died mid-send). */
const LEASE_SECONDS = 120;

/** Seconds to wait after `attempts` failed attempts: base, 2×base, 4×base… at most an hour. */
export function mailBackoffSeconds(attempts: number, baseSeconds: number): number {
  return Math.min(3600, baseSeconds * 2 ** Math.max(0, attempts - 1));
}

/**
 * Sends due PENDING messages over SMTP_URL (just `id` when given, e.g. right after its order
 * commits), claiming them with FOR UPDATE SKIP LOCKED so that several processes never send one
 * message at once. A failure is retried with back-off; after mailMaxAttempts it is FAILED.
 * Returns how many were attempted.
 */
export async function sendDueMail(app: App, id?: string): Promise<number> {
  const em = app.orm.em.fork();
  const claimed = await em.execute<ClaimedMail[]>(`with due as (
      select id from mail_message where status = 'PENDING' and next_attempt_at <= now() ${id ? 'and id = ?' : ''}
      order by next_attempt_at limit 20 for update skip locked)
    update mail_message m set attempts = m.attempts + 1, next_attempt_at = now() + make_interval(secs => ?)
    from due where m.id = due.id
    returning m.id::text, m.to_address, m.subject, m.html, m.text, m.attempts`, id ? [id, LEASE_SECONDS] : [LEASE_SECONDS]);
  await Promise.all(claimed.map((m) => send(app, m)));
  return claimed.length;
}

async function send(app: App, m: ClaimedMail): Promise<void> {
  const em = app.orm.em.fork();
  try {
    const url = process.env.SMTP_URL;
    if (!url) throw new Error('SMTP_URL is not set');
    if (transport?.url !== url) transport = { url, t: nodemailer.createTransport(url) };
    await transport.t.sendMail({ from: process.env.SMTP_FROM ?? 'giftcard <no-reply@giftcard.invalid>', to: m.to_address, subject: m.subject, html: m.html, text: m.text });
    await em.execute(`update mail_message set status = 'SENT', sent_at = now(), error = null where id = ?`, [m.id]);
  } catch (e) {
    const giveUp = m.attempts >= app.config.mailMaxAttempts;
    log('warn', 'delivery e-mail failed', { id: m.id, attempt: m.attempts, giveUp, err: String(e) });
    await em.execute(`update mail_message set status = ?, error = ?, next_attempt_at = now() + make_interval(secs => ?) where id = ?`,
      [giveUp ? 'FAILED' : 'PENDING', String((e as Error)?.message ?? e).slice(0, 500), mailBackoffSeconds(m.attempts, app.config.mailRetryBaseSeconds), m.id]);
  }
}

/** Retries delivery e-mails in the background (when SMTP_URL is set). */
export class MailWorker extends BackgroundLoop {
  #app: App;
  protected readonly name = 'mail delivery';
  protected readonly retryMs = 2000;

  constructor(app: App) {
    super();
    this.#app = app;
  }

  protected async work(): Promise<number> {
    if (!smtpConfigured()) return 5000;
    return (await sendDueMail(this.#app)) > 0 ? 0 : 1000;
  }
}

/** The merchant's delivered messages, newest first (the demo store's mailbox). */
export async function mailbox(ctx: RequestContext, first = 50) {
  const rows = await ctx.em.fork().execute<Record<string, any>[]>(
    `select id, order_id, to_address, subject, html, text, status, error, attempts, created_at, sent_at from mail_message
      where merchant_id = ? order by created_at desc limit ${Math.min(200, Math.max(1, first))}`, [ctx.auth.merchantId]);
  return rows.map((r) => ({
    id: r.id, orderId: r.order_id, to: r.to_address, subject: r.subject, html: r.html, text: r.text, status: r.status,
    error: r.error ?? null, attempts: r.attempts, createdAt: new Date(r.created_at).toISOString(), sentAt: r.sent_at ? new Date(r.sent_at).toISOString() : null,
  }));
}
