import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { RequestContext } from '../context.ts';
import { GiftCard, type GiftCardEntity } from '../entities/gift-card.entity.ts';
import { LedgerEntry } from '../entities/ledger-entry.entity.ts';
import { fail, type ErrorResult } from '../domain/errors.ts';
import { checkAmount, checkCurrency } from '../domain/money.ts';
import { formatCode, generateCode, generatePin, hashCode, hashesEqual, hashPin, isUuid, normalizeCode } from '../domain/codes.ts';
import { giftCardDto, type GiftCardDto } from '../domain/dto.ts';
import { account, transferRows } from './ledger.service.ts';
import { runMoneyOperation } from './idempotency.service.ts';
import { executeWithEvents } from '../events/outbox.ts';
import { findCardByCodeHash, lockCardByCodeHash } from './settlement.ts';
import type { CardRow } from '../domain/rows.ts';
import type { IssueGiftCardsInput } from '../generated/graphql.ts';
import { checkLookupLimit, recordLookupFailure } from './rate-limit.service.ts';

export const MAX_ISSUE_COUNT = 10_000;

export interface IssuedGiftCard {
  card: GiftCardDto;
  code: string;
  pin: string | null;
}

/** Issues `count` cards of `amount` each; one ISSUE transfer per card (issued:<merchant> → card:<id>). */
export async function issueGiftCards(ctx: RequestContext, input: IssueGiftCardsInput) {
  const invalid = validateIssue(ctx, input);
  if (invalid) return invalid;
  const expiresAt = input.expiresAt ? new Date(input.expiresAt) : null;
  return runMoneyOperation(ctx, 'issueGiftCards', { ...input }, async (em) => {
    const cards = await issueCardsInTx(em, {
      merchantId: ctx.auth.merchantId, count: input.count, amount: input.amount, currency: input.currency,
      campaign: input.campaign ?? null, expiresAt, withPin: input.withPin ?? false,
      fundingSource: input.fundingSource ?? 'MERCHANT', partner: input.partner ?? null,
    });
    return { __typename: 'GiftCardsIssued', cards };
  });
}

export interface IssueSpec {
  merchantId: string;
  count: number;
  amount: number;
  currency: string;
  campaign: string | null;
  expiresAt: Date | null;
  withPin: boolean;
  fundingSource?: 'MERCHANT' | 'PARTNER';
  partner?: string | null;
}

/**
 * Issues cards inside the caller's transaction: the cards, one ISSUE transfer each
 * (issued:<merchant> → card:<id>) and a GIFT_CARD_ISSUED event. Returns codes (shown once).
 */
export async function issueCardsInTx(em: EntityManager, spec: IssueSpec): Promise<IssuedGiftCard[]> {
  const { merchantId } = spec;
  const now = new Date();
  const issued: IssuedGiftCard[] = [];
  const cards: GiftCardEntity[] = [];
  const ledger: ReturnType<typeof transferRows> = [];
  for (let i = 0; i < spec.count; i++) {
    const id = randomUUID();
    const code = generateCode();
    const pin = spec.withPin ? generatePin() : null;
    const card = em.create(GiftCard, {
      id, merchantId, codeHash: hashCode(code), last4: code.slice(-4), pinHash: pin ? hashPin(id, pin) : null,
      currency: spec.currency, balance: spec.amount, held: 0, status: 'ACTIVE', expiresAt: spec.expiresAt,
      campaign: spec.campaign, fundingSource: spec.fundingSource ?? 'MERCHANT', partner: spec.partner ?? null, createdAt: now, version: 1,
    }, { persist: false });
    cards.push(card);
    ledger.push(...transferRows({
      kind: 'ISSUE', merchantId, currency: spec.currency, amount: spec.amount,
      from: account.issued(merchantId), to: account.card(id), cardId: id,
    }, now));
    issued.push({ card: giftCardDto(card), code: formatCode(code), pin });
  }
  for (let i = 0; i < cards.length; i += 1000) await em.insertMany(GiftCard, cards.slice(i, i + 1000));
  for (let i = 0; i < ledger.length; i += 2000) await em.insertMany(LedgerEntry, ledger.slice(i, i + 2000));
  await executeWithEvents(em, [], [{
    type: 'GIFT_CARD_ISSUED', merchantId, amount: spec.amount, currency: spec.currency,
    cardLast4: spec.count === 1 ? issued[0].card.last4 : null,
    data: { count: spec.count, campaign: spec.campaign, fundingSource: spec.fundingSource ?? 'MERCHANT', partner: spec.partner ?? null },
  }]);
  return issued;
}

function validateIssue(ctx: RequestContext, input: IssueGiftCardsInput): ErrorResult | null {
  if (!Number.isInteger(input.count) || input.count < 1 || input.count > MAX_ISSUE_COUNT) {
    return fail.generic('INVALID_INPUT', `count must be 1 to ${MAX_ISSUE_COUNT}.`, 'count');
  }
  const bad = checkAmount(input.amount, 'amount', ctx.app.config.maxCardAmount) ?? checkCurrency(input.currency);
  if (bad) return bad;
  if (input.campaign != null && (typeof input.campaign !== 'string' || input.campaign.length > 100)) {
    return fail.generic('INVALID_INPUT', 'campaign must be at most 100 characters.', 'campaign');
  }
  const partnered = input.fundingSource === 'PARTNER';
  if (partnered !== (input.partner != null && input.partner !== '') || (input.partner != null && input.partner.length > 100)) {
    return fail.generic('INVALID_INPUT', 'partner (up to 100 characters) is required with fundingSource PARTNER, and only then.', 'partner');
  }
  if (input.expiresAt != null) {
    const t = new Date(input.expiresAt).getTime();
    if (!Number.isFinite(t) || t <= Date.now()) return fail.generic('INVALID_INPUT', 'expiresAt must be in the future.', 'expiresAt');
  }
  return null;
}

/**
 * Finds a merchant's card by code and PIN. Unknown code, malformed code, missing or wrong PIN all
 * give null, so callers answer them identically. With `lock`, the row is locked FOR UPDATE.
 */
export async function findCardByCode(
  em: EntityManager, merchantId: string, code: unknown, pin: unknown, lock = false,
): Promise<CardRow | null> {
  const normalized = typeof code === 'string' ? normalizeCode(code) : null;
  if (!normalized) return null;
  const card = lock
    ? await lockCardByCodeHash(em, merchantId, hashCode(normalized))
    : await findCardByCodeHash(em, merchantId, hashCode(normalized));
  if (!card) return null;
  if (card.pinHash) {
    if (typeof pin !== 'string' || !hashesEqual(card.pinHash, hashPin(card.id, pin))) return null;
  }
  return card;
}

/** The balance a code holder may see. Failed look-ups count towards the rate limit. */
export async function giftCardBalance(ctx: RequestContext, args: { code: string; pin?: string | null }) {
  const limited = await checkLookupLimit(ctx, ctx.em);
  if (limited) return limited;
  const card = await findCardByCode(ctx.em, ctx.auth.merchantId, args.code, args.pin);
  if (!card) {
    await recordLookupFailure(ctx, ctx.em);
    return fail.cardNotFound();
  }
  const dto = giftCardDto(card);
  return {
    __typename: 'GiftCardBalance',
    available: dto.available,
    currency: dto.currency,
    status: dto.status,
    expiresAt: dto.expiresAt,
    last4: dto.last4,
  };
}

/** Cards by id (one query), only this merchant's; null where unknown. */
export async function giftCardsById(em: EntityManager, merchantId: string, ids: readonly string[]): Promise<(GiftCardDto | null)[]> {
  const found = await em.fork().find(GiftCard, { id: { $in: ids.filter(isUuid) }, merchantId });
  const by = new Map(found.map((c) => [c.id, giftCardDto(c)]));
  return ids.map((id) => by.get(id) ?? null);
}

export async function getGiftCard(ctx: RequestContext, id: string): Promise<GiftCardDto | null> {
  if (!isUuid(id)) return null;
  const card = await ctx.em.findOne(GiftCard, { id, merchantId: ctx.auth.merchantId });
  return card ? giftCardDto(card) : null;
}
