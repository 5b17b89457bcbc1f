import type { EntityManager } from '@mikro-orm/postgresql';
import { forbidden, type RequestContext } from '../context.ts';
import type { HoldRow } from '../domain/rows.ts';
import type { CaptureHoldInput, PlaceHoldInput, RefundInput, ReleaseHoldInput } from '../generated/graphql.ts';
import { fail, isErrorResult, type ErrorResult } from '../domain/errors.ts';
import { checkAmount } from '../domain/money.ts';
import { isUuid } from '../domain/codes.ts';
import { holdDto, intentDto, remainingOf } from '../domain/dto.ts';
import { verifyClientToken } from '../tokens/client-token.ts';
import { runMoneyOperation } from './idempotency.service.ts';
import { checkLookupLimit, recordLookupFailure } from './rate-limit.service.ts';
import { findCardByCode } from './gift-card.service.ts';
import { intentClosed } from './payment-intent.service.ts';
import { lockCardOfHold, lockHold, lockIntent, lockIntentOfHold, refundHold, reserve, resolveHold } from './settlement.ts';

/**
 * Reserves value on a card for the intent named by the client token. `amount` omitted =
 * min(card available, intent remaining). Locks intent then card; refuses anything that would make
 * available negative or hold more than the intent's remaining amount.
 */
export async function placeHold(ctx: RequestContext, input: PlaceHoldInput) {
  const invalid = input.amount != null ? checkAmount(input.amount, 'amount') : null;
  if (invalid) return invalid;
  const claims = await verifyClientToken(ctx.app.keys, input.clientToken, ctx.auth.merchantId);
  if (isErrorResult(claims)) return claims;
  const limited = await checkLookupLimit(ctx, ctx.em);
  if (limited) return limited;
  return runMoneyOperation(ctx, 'placeHold', { ...input }, async (em) => {
    const intent = await lockIntent(em, ctx.auth.merchantId, claims.intentId);
    if (!intent || intent.amount !== claims.amount || intent.currency !== claims.currency || intent.orderRef !== claims.orderRef) {
      return fail.invalidToken();
    }
    const closed = intentClosed(intent);
    if (closed) return closed;
    const remaining = remainingOf(intent);
    if (remaining === 0 || (input.amount != null && input.amount > remaining)) {
      return fail.exceedsRemaining(remaining, input.amount ?? 0);
    }
    const card = await findCardByCode(em, ctx.auth.merchantId, input.code, input.pin, true);
    if (!card) {
      await recordLookupFailure(ctx, em);
      return fail.cardNotFound();
    }
    if (card.status !== 'ACTIVE' || card.expired) {
      return fail.generic('CARD_INACTIVE', card.expired ? 'The card has expired.' : `The card is ${card.status}.`, 'code');
    }
    if (card.currency !== intent.currency) return fail.currencyMismatch(intent.currency, card.currency);
    const available = card.balance - card.held;
    const amount = input.amount ?? Math.min(available, remaining);
    if (amount <= 0 || amount > available) return fail.insufficientFunds(available, input.amount ?? remaining);
    const hold = await reserve(em, intent, card, amount);
    return {
      __typename: 'HoldPlaced',
      hold: holdDto(hold),
      intent: intentDto(intent),
      cardAvailable: card.balance - card.held,
    };
  });
}

/** Locks intent → card → hold for an operation on one hold of this merchant. */
async function lockForHold(em: EntityManager, merchantId: string, holdId: unknown, intentId: string | null = null) {
  const intent = isUuid(holdId) ? await lockIntentOfHold(em, merchantId, holdId) : null;
  if (!intent || (intentId !== null && intent.id !== intentId)) return fail.generic('HOLD_NOT_FOUND', 'No such hold.', 'holdId');
  const card = (await lockCardOfHold(em, merchantId, holdId as string))!;
  const hold = (await lockHold(em, holdId as string))!;
  return { intent, card, hold };
}

function notPending(hold: HoldRow): ErrorResult {
  return fail.generic('HOLD_NOT_PENDING', `The hold is already ${hold.status}.`, 'holdId');
}

/** Captures one PENDING, unexpired hold, fully or partly (the rest returns to the card). */
export async function captureHold(ctx: RequestContext, input: CaptureHoldInput) {
  const invalid = input.amount != null ? checkAmount(input.amount, 'amount') : null;
  if (invalid) return invalid;
  return runMoneyOperation(ctx, 'captureHold', { ...input }, async (em) => {
    const locked = await lockForHold(em, ctx.auth.merchantId, input.holdId);
    if (isErrorResult(locked)) return locked;
    const { intent, card, hold } = locked;
    if (hold.status !== 'PENDING' && hold.status !== 'EXPIRED') return notPending(hold);
    if (hold.expired || hold.status === 'EXPIRED') return fail.generic('HOLD_EXPIRED', 'The hold has expired and can no longer be captured.', 'holdId');
    const amount = input.amount ?? hold.amount;
    if (amount > hold.amount) return fail.exceedsRemaining(hold.amount, amount, 'the hold');
    await resolveHold(em, intent, card, hold, 'CAPTURED', amount);
    return { __typename: 'HoldCaptured', hold: holdDto(hold), intent: intentDto(intent) };
  });
}

/** Returns a PENDING hold's value to its card. A publishable key must show the intent's client token. */
export async function releaseHold(ctx: RequestContext, input: ReleaseHoldInput) {
  let tokenIntentId: string | null = null;
  if (ctx.auth.kind !== 'SECRET') {
    if (input.clientToken == null) throw forbidden('Releasing a hold with a publishable key needs the intent\'s clientToken.');
    const claims = await verifyClientToken(ctx.app.keys, input.clientToken, ctx.auth.merchantId, { allowExpired: true });
    if (isErrorResult(claims)) return claims;
    tokenIntentId = claims.intentId;
  }
  return runMoneyOperation(ctx, 'releaseHold', { ...input }, async (em) => {
    const locked = await lockForHold(em, ctx.auth.merchantId, input.holdId, tokenIntentId);
    if (isErrorResult(locked)) return locked;
    const { intent, card, hold } = locked;
    if (hold.status !== 'PENDING') return notPending(hold);
    await resolveHold(em, intent, card, hold, 'RELEASED');
    return { __typename: 'HoldReleased', hold: holdDto(hold), intent: intentDto(intent) };
  });
}

/** Returns captured value to the card: redeemed:<merchant> → card:<id>. Cumulative refunds ≤ captured. */
export async function refund(ctx: RequestContext, input: RefundInput) {
  const invalid = input.amount != null ? checkAmount(input.amount, 'amount') : null;
  if (invalid) return invalid;
  return runMoneyOperation(ctx, 'refund', { ...input }, async (em) => {
    const locked = await lockForHold(em, ctx.auth.merchantId, input.holdId);
    if (isErrorResult(locked)) return locked;
    const { intent, card, hold } = locked;
    const refundable = hold.status === 'CAPTURED' ? hold.capturedAmount - hold.refundedAmount : 0;
    const amount = input.amount ?? refundable;
    if (refundable === 0 || amount > refundable) return fail.exceedsRemaining(refundable, amount, 'the hold (refundable)');
    await refundHold(em, intent, card, hold, amount);
    return { __typename: 'Refunded', hold: holdDto(hold), amount };
  });
}
