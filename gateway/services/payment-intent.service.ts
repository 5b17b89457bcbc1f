import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { RequestContext } from '../context.ts';
import { Location } from '../entities/merchant.entity.ts';
import { CHANNELS, PaymentIntent } from '../entities/payment-intent.entity.ts';
import { fail, isErrorResult, type ErrorResult } from '../domain/errors.ts';
import { checkAmount, checkCurrency } from '../domain/money.ts';
import { isUuid } from '../domain/codes.ts';
import { holdDto, intentDto, type HoldDto, type IntentDto } from '../domain/dto.ts';
import { Hold } from '../entities/hold.entity.ts';
import { signClientToken, verifyClientToken } from '../tokens/client-token.ts';
import { runMoneyOperation } from './idempotency.service.ts';
import { isFinal, lockIntent, lockPendingHoldsWithCards, resolveHold, setIntentStatus } from './settlement.ts';
import type { IntentRow } from '../domain/rows.ts';
import type { CancelPaymentIntentInput, CaptureIntentInput, CreatePaymentIntentInput } from '../generated/graphql.ts';

export const DEFAULT_TTL_SECONDS = 900;
export const MIN_TTL_SECONDS = 2;
export const MAX_TTL_SECONDS = 86_400;

export async function createPaymentIntent(ctx: RequestContext, input: CreatePaymentIntentInput) {
  const invalid = checkAmount(input.amount, 'amount', ctx.app.config.maxIntentAmount)
    ?? checkCurrency(input.currency)
    ?? checkIntentFields(input);
  if (invalid) return invalid;
  const signer = await ctx.app.keys.signingKey();
  return runMoneyOperation(ctx, 'createPaymentIntent', { ...input }, async (em) => {
    const merchantId = ctx.auth.merchantId;
    if (input.locationId && !(await em.count(Location, { id: input.locationId, merchantId }))) {
      return fail.generic('INVALID_INPUT', 'No such location for this merchant.', 'locationId');
    }
    const ttl = input.ttlSeconds ?? DEFAULT_TTL_SECONDS;
    const [{ expires_at }] = await em.execute<{ expires_at: Date }[]>(
      'select clock_timestamp() + make_interval(secs => ?) as expires_at', [ttl]);
    const intent = em.create(PaymentIntent, {
      id: randomUUID(), merchantId, locationId: input.locationId ?? null, amount: input.amount,
      currency: input.currency, orderRef: input.orderRef, channel: input.channel ?? 'ONLINE', status: 'OPEN',
      heldAmount: 0, capturedAmount: 0, expiresAt: new Date(expires_at), createdAt: new Date(),
    });
    const clientToken = await signClientToken(signer, {
      intentId: intent.id, merchantId, amount: intent.amount, currency: intent.currency, orderRef: intent.orderRef,
    }, intent.expiresAt);
    return { __typename: 'PaymentIntentCreated', intent: intentDto(intent), clientToken };
  });
}

function checkIntentFields(input: CreatePaymentIntentInput): ErrorResult | null {
  if (typeof input.orderRef !== 'string' || input.orderRef.length < 1 || input.orderRef.length > 200) {
    return fail.generic('INVALID_INPUT', 'orderRef must be 1–200 characters.', 'orderRef');
  }
  if (input.locationId != null && !isUuid(input.locationId)) {
    return fail.generic('INVALID_INPUT', 'No such location for this merchant.', 'locationId');
  }
  const ttl = input.ttlSeconds;
  if (ttl != null && (!Number.isInteger(ttl) || ttl < MIN_TTL_SECONDS || ttl > MAX_TTL_SECONDS)) {
    return fail.generic('INVALID_INPUT', `ttlSeconds must be ${MIN_TTL_SECONDS} to ${MAX_TTL_SECONDS}.`, 'ttlSeconds');
  }
  if (input.channel != null && !CHANNELS.includes(input.channel)) {
    return fail.generic('INVALID_INPUT', 'Unknown channel.', 'channel');
  }
  return null;
}

/** An intent with its holds. A publishable key must present the intent's own client token. */
export async function getPaymentIntent(ctx: RequestContext, args: { id: string; clientToken?: string | null }): Promise<IntentDto | null> {
  if (!isUuid(args.id)) return null;
  if (ctx.auth.kind !== 'SECRET') {
    const claims = await verifyClientToken(ctx.app.keys, args.clientToken, ctx.auth.merchantId, { allowExpired: true });
    if (isErrorResult(claims) || claims.intentId !== args.id) return null;
  }
  const intent = await ctx.em.findOne(PaymentIntent, { id: args.id, merchantId: ctx.auth.merchantId });
  return intent ? intentDto(intent) : null;
}

/** Why a locked intent cannot take money operations now, or null if it can. */
export function intentClosed(intent: IntentRow): ErrorResult | null {
  if (intent.status === 'EXPIRED' || (!isFinal(intent.status) && intent.expired)) {
    return fail.generic('INTENT_EXPIRED', 'The payment intent has expired.', 'intentId');
  }
  if (isFinal(intent.status)) return fail.generic('INTENT_NOT_OPEN', `The payment intent is ${intent.status}.`, 'intentId');
  return null;
}

/**
 * Captures the intent's pending holds oldest first, up to `amount` (default: all held); holds or
 * parts of holds beyond the amount return to their cards. The intent becomes CAPTURED.
 */
export async function captureIntent(ctx: RequestContext, input: CaptureIntentInput) {
  const invalid = input.amount != null ? checkAmount(input.amount, 'amount') : null;
  if (invalid) return invalid;
  return runMoneyOperation(ctx, 'captureIntent', { ...input }, async (em) => {
    const intent = isUuid(input.intentId) ? await lockIntent(em, ctx.auth.merchantId, input.intentId) : null;
    if (!intent) return fail.generic('INTENT_NOT_FOUND', 'No such payment intent.', 'intentId');
    const closed = intentClosed(intent);
    if (closed) return closed;
    if (intent.heldAmount === 0) return fail.exceedsRemaining(0, input.amount ?? 0, 'the intent (nothing is held)');
    const target = input.amount ?? intent.heldAmount;
    if (target > intent.heldAmount) return fail.exceedsRemaining(intent.heldAmount, target, 'the intent (held)');
    const { holds, cards } = await lockPendingHoldsWithCards(em, intent.id);
    let left = target;
    for (const hold of holds) {
      const take = Math.min(left, hold.amount);
      if (take > 0) await resolveHold(em, intent, cards.get(hold.cardId)!, hold, 'CAPTURED', take);
      else await resolveHold(em, intent, cards.get(hold.cardId)!, hold, 'RELEASED');
      left -= take;
    }
    await setIntentStatus(em, intent, 'CAPTURED');
    return { __typename: 'IntentCaptured', intent: intentDto(intent) };
  });
}

/** Releases every pending hold and marks the intent CANCELED (refused once anything was captured). */
export async function cancelPaymentIntent(ctx: RequestContext, input: CancelPaymentIntentInput) {
  return runMoneyOperation(ctx, 'cancelPaymentIntent', { ...input }, async (em) => {
    const intent = isUuid(input.intentId) ? await lockIntent(em, ctx.auth.merchantId, input.intentId) : null;
    if (!intent) return fail.generic('INTENT_NOT_FOUND', 'No such payment intent.', 'intentId');
    if (isFinal(intent.status)) return fail.generic('INTENT_NOT_OPEN', `The payment intent is ${intent.status}.`, 'intentId');
    if (intent.capturedAmount > 0) {
      return fail.generic('INTENT_NOT_OPEN', 'Part of this intent was captured; capture the rest or refund instead.', 'intentId');
    }
    const { holds, cards } = await lockPendingHoldsWithCards(em, intent.id);
    for (const hold of holds) await resolveHold(em, intent, cards.get(hold.cardId)!, hold, 'RELEASED');
    await setIntentStatus(em, intent, 'CANCELED');
    return { __typename: 'IntentCanceled', intent: intentDto(intent) };
  });
}

/** Holds of several intents, oldest first, keyed by intent id (for the per-request DataLoader). */
export async function holdsByIntent(em: EntityManager, intentIds: readonly string[]): Promise<HoldDto[][]> {
  const holds = await em.fork().find(Hold, { intentId: { $in: [...intentIds] } }, { orderBy: { createdAt: 'asc', id: 'asc' } });
  const by = new Map<string, HoldDto[]>(intentIds.map((id) => [id, []]));
  for (const h of holds) by.get(h.intentId)!.push(holdDto(h));
  return intentIds.map((id) => by.get(id)!);
}
