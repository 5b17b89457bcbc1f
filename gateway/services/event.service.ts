import { randomUUID } from 'node:crypto';
import { GraphQLError } from 'graphql';
import { forbidden, type RequestContext } from '../context.ts';
import { isErrorResult } from '../domain/errors.ts';
import { isUuid } from '../domain/codes.ts';
import { intentDto, type IntentDto } from '../domain/dto.ts';
import { intentRow } from '../domain/rows.ts';
import { verifyClientToken } from '../tokens/client-token.ts';
import { eventStream } from '../events/stream.ts';
import type { GatewayEvent } from '../events/outbox.ts';
import { Location } from '../entities/merchant.entity.ts';

/** The first event of a paymentIntentEvents subscription: the intent as it stands. */
export interface IntentStateEvent extends Omit<GatewayEvent, 'type'> {
  type: 'INTENT_STATE';
  intent: IntentDto;
}

function notFound(what: string): GraphQLError {
  return new GraphQLError(`No such ${what}.`, { extensions: { code: 'NOT_FOUND' } });
}

/**
 * One intent's events: INTENT_STATE first, then live events after it, in order. Secret key of the
 * intent's merchant, or publishable key whose connection carries that intent's client token.
 */
export async function paymentIntentEvents(ctx: RequestContext, intentId: string) {
  if (!isUuid(intentId)) throw notFound('payment intent');
  if (ctx.auth.kind !== 'SECRET') {
    const claims = await verifyClientToken(ctx.app.keys, ctx.clientToken, ctx.auth.merchantId, { allowExpired: true });
    if (isErrorResult(claims) || claims.intentId !== intentId) {
      throw forbidden('Following an intent with a publishable key needs that intent\'s clientToken in connectionParams.');
    }
  }
  const merchantId = ctx.auth.merchantId;
  const exists = await ctx.em.fork().execute('select 1 from payment_intent where id = ? and merchant_id = ?', [intentId, merchantId]);
  if (!exists.length) throw notFound('payment intent');
  return eventStream<IntentStateEvent>(
    ctx.app.bus,
    (e) => e.intentId === intentId && e.merchantId === merchantId,
    () => intentState(ctx, intentId),
  );
}

/** The intent and the outbox position it reflects, read by one statement (one snapshot). */
async function intentState(ctx: RequestContext, intentId: string): Promise<IntentStateEvent | null> {
  const [row] = await ctx.em.fork().execute(`select i.*, false as expired,
      (select coalesce(max(id), 0) from event_outbox where intent_id = i.id)::text as seq
    from payment_intent i where i.id = ?`, [intentId]);
  if (!row) return null;
  const intent = intentRow(row as Record<string, unknown>);
  return {
    id: randomUUID(), type: 'INTENT_STATE', sequence: Number((row as { seq: string }).seq), merchantId: intent.merchantId,
    locationId: intent.locationId, intentId: intent.id, holdId: null, cardLast4: null, amount: intent.amount,
    currency: intent.currency, intentStatus: intent.status, holdStatus: null, occurredAt: new Date().toISOString(),
    data: null, intent: intentDto(intent),
  };
}

/** The merchant's live feed (secret key), optionally for one location. */
export async function redemptionEvents(ctx: RequestContext, locationId: string | null | undefined) {
  const merchantId = ctx.auth.merchantId;
  if (locationId != null) {
    if (!isUuid(locationId) || !(await ctx.em.fork().count(Location, { id: locationId, merchantId }))) throw notFound('location');
  }
  return eventStream(ctx.app.bus, (e) => e.merchantId === merchantId && (locationId == null || e.locationId === locationId));
}
