import type { EntityManager } from '@mikro-orm/postgresql';
import { isIP } from 'node:net';
import { createHash, randomUUID } from 'node:crypto';
import QRCode from 'qrcode';
import type { RequestContext } from '../context.ts';
import { fail, type ErrorResult } from '../domain/errors.ts';
import { checkAmount, checkCurrency } from '../domain/money.ts';
import { isUuid, sha256Hex } from '../domain/codes.ts';
import type { OrderGiftCardInput } from '../generated/graphql.ts';
import { decrypt, encrypt } from './idempotency.service.ts';
import { issueCardsInTx } from './gift-card.service.ts';
import { trackEvents } from '../events/outbox.ts';
import { sendDueMail, smtpConfigured, storeDelivery } from './mail.service.ts';

function formatAmount(minor: number, currency: string): string {
  const fmt = new Intl.NumberFormat('en', { style: 'currency', currency });
  return fmt.format(minor / 10 ** (fmt.resolvedOptions().maximumFractionDigits ?? 2));
}

/*
 * Catalog orders. In one transaction, serialized per (merchant, referenceId) by an advisory lock:
 * a repeated referenceId returns the original order; otherwise the amount is checked against the
 * brand's denominations, a FIXED denomination's stock is decremented with one conditional UPDATE
 * (never below zero, so N concurrent orders for the last k cards sell exactly k), and one card is
 * issued. At most N orders per recipient, and M per buyer IP address when given, per day (VELOCITY_LIMIT). The delivery (with the code) is
 * stored encrypted with a key derived from the reference id; the delivery e-mail is stored too, and
 * sent over SMTP after commit when SMTP_URL is set.
 */

const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,255}\.[^\s@]{2,}$/;

export interface OrderDto {
  id: string; referenceId: string; brandId: string; recipientEmail: string;
  card: unknown; code: string; pin: string | null; redemptionInstructions: string; qrSvg: string; createdAt: string;
}

function validate(ctx: RequestContext, input: OrderGiftCardInput): ErrorResult | null {
  if (typeof input.referenceId !== 'string' || input.referenceId.length < 1 || input.referenceId.length > 200) {
    return fail.generic('INVALID_INPUT', 'referenceId must be 1–200 characters.', 'referenceId');
  }
  if (!EMAIL.test(input.recipientEmail ?? '')) return fail.generic('INVALID_INPUT', 'recipientEmail is not an e-mail address.', 'recipientEmail');
  if (input.customerIp != null && isIP(input.customerIp) === 0) return fail.generic('INVALID_INPUT', 'customerIp is not an IP address.', 'customerIp');
  return checkAmount(input.amount, 'amount', ctx.app.config.maxCardAmount) ?? checkCurrency(input.currency);
}

/** A transaction-scoped advisory lock on `key` (hashed to 64 bits). */
async function lockOn(em: EntityManager, key: string): Promise<void> {
  await em.execute('select pg_advisory_xact_lock(?::bigint)', [createHash('sha256').update(key).digest().readBigInt64BE(0).toString()]);
}

/** Orders of the last 24 h whose `column` equals `value`, counted under a lock on `lockKey` (so concurrent orders see each other). */
async function ordersToday(em: EntityManager, lockKey: string, column: 'recipient_email' | 'customer_ip_hash', merchantId: string, value: string): Promise<number> {
  await lockOn(em, lockKey);
  const [{ n }] = await em.execute<{ n: number }[]>(`select count(*)::int as n from gift_card_order
      where merchant_id = ? and ${column} = ? and created_at > now() - interval '24 hours'`, [merchantId, value]);
  return n;
}

export async function orderGiftCard(ctx: RequestContext, input: OrderGiftCardInput) {
  const invalid = validate(ctx, input);
  if (invalid) return invalid;
  const merchantId = ctx.auth.merchantId;
  const referenceHash = sha256Hex(`gc-order:${input.referenceId}`);
  const events: number[] = [];
  let mailId: string | null = null;
  const result = await ctx.em.transactional(async (em) => {
    const tracked = trackEvents(em);
    await lockOn(em, `${merchantId}:${referenceHash}`);
    const [existing] = await em.execute<{ delivery: string }[]>(
      'select delivery from gift_card_order where merchant_id = ? and reference_hash = ?', [merchantId, referenceHash]);
    if (existing) return { __typename: 'GiftCardOrdered', replayed: true, order: JSON.parse(decrypt(existing.delivery, input.referenceId, merchantId)) as OrderDto };

    // Velocity: at most N orders per recipient, and M per buyer IP address when the merchant's server
    // passes it, per 24 h (each serialized by a lock, so concurrent orders count).
    const recipient = input.recipientEmail.toLowerCase();
    if (await ordersToday(em, `${merchantId}:recipient:${recipient}`, 'recipient_email', merchantId, recipient) >= ctx.app.config.ordersPerRecipientPerDay) {
      return fail.generic('VELOCITY_LIMIT', `At most ${ctx.app.config.ordersPerRecipientPerDay} orders per recipient per day.`, 'recipientEmail');
    }
    const ipHash = input.customerIp ? sha256Hex(`gc-order-ip:${merchantId}:${input.customerIp.toLowerCase()}`) : null;
    if (ipHash && await ordersToday(em, ipHash, 'customer_ip_hash', merchantId, ipHash) >= ctx.app.config.ordersPerCustomerIpPerDay) {
      return fail.generic('VELOCITY_LIMIT', `At most ${ctx.app.config.ordersPerCustomerIpPerDay} orders per buyer IP address per day.`, 'customerIp');
    }
    const [brand] = isUuid(input.brandId)
      ? await em.execute<{ id: string; name: string; currency: string; redemption_instructions: string }[]>(
          'select id, name, currency, redemption_instructions from brand where id = ? and merchant_id = ? and active', [input.brandId, merchantId])
      : [];
    if (!brand) return fail.generic('BRAND_NOT_FOUND', 'No such brand in this catalog.', 'brandId');
    if (brand.currency !== input.currency) return fail.currencyMismatch(brand.currency, input.currency);
    const denominations = await em.execute<{ id: string; kind: string; amount: string | null; min_amount: string | null; max_amount: string | null; step: string | null }[]>(
      'select id, kind, amount, min_amount, max_amount, step from brand_denomination where brand_id = ?', [brand.id]);
    const fixed = denominations.find((d) => d.kind === 'FIXED' && Number(d.amount) === input.amount);
    const range = denominations.find((d) => d.kind === 'RANGE' && input.amount >= Number(d.min_amount) && input.amount <= Number(d.max_amount)
      && (input.amount - Number(d.min_amount)) % Number(d.step) === 0);
    if (!fixed && !range) return fail.generic('INVALID_DENOMINATION', 'This amount is not sold for this brand.', 'amount');
    if (fixed) {
      const taken = await em.execute(`update brand_denomination set stock = stock - 1
          where id = ? and (stock is null or stock > 0) returning id`, [fixed.id]);
      if (!taken.length) return fail.generic('OUT_OF_STOCK', 'No cards are left at this amount.', 'amount');
    }
    const [card] = await issueCardsInTx(em, {
      merchantId, count: 1, amount: input.amount, currency: input.currency, campaign: null, expiresAt: null, withPin: false,
    });
    const order: OrderDto = {
      id: randomUUID(), referenceId: input.referenceId, brandId: brand.id, recipientEmail: input.recipientEmail,
      card: card.card, code: card.code, pin: card.pin, redemptionInstructions: brand.redemption_instructions,
      qrSvg: await QRCode.toString(card.code.replaceAll('-', ''), { type: 'svg', errorCorrectionLevel: 'M', margin: 2 }),
      createdAt: new Date().toISOString(),
    };
    await em.execute(`insert into gift_card_order (id, merchant_id, reference_hash, brand_id, card_id, amount, currency, recipient_email, delivery, customer_ip_hash)
        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [order.id, merchantId, referenceHash, brand.id, card.card.id, input.amount, input.currency, recipient,
        encrypt(JSON.stringify(order), input.referenceId, merchantId), ipHash]);
    mailId = await storeDelivery(em, merchantId, {
      orderId: order.id, to: input.recipientEmail, brandName: brand.name, amount: formatAmount(input.amount, input.currency),
      code: order.code, pin: order.pin, instructions: order.redemptionInstructions, qrSvg: order.qrSvg,
    }, smtpConfigured());
    events.push(...tracked);
    return { __typename: 'GiftCardOrdered', replayed: false, order };
  });
  ctx.app.bus.committed(events);
  if (mailId && smtpConfigured()) await sendDueMail(ctx.app, mailId);
  return result;
}
