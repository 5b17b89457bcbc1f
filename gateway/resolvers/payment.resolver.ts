import { loaders, requireSecret, type RequestContext } from '../context.ts';
import type {
  CancelPaymentIntentInput, CaptureHoldInput, CaptureIntentInput, CreatePaymentIntentInput, PlaceHoldInput, RefundInput, ReleaseHoldInput,
} from '../generated/graphql.ts';
import * as intents from '../services/payment-intent.service.ts';
import * as holds from '../services/hold.service.ts';

type Args<T> = { input: T };

export const paymentResolvers = {
  PaymentIntent: {
    holds: (intent: { id: string }, _: unknown, ctx: RequestContext) =>
      loaders(ctx).holdsByIntent.load(intent.id),
  },
  Hold: {
    card: (hold: { cardId?: string }, _: unknown, ctx: RequestContext) =>
      ctx.auth.kind === 'SECRET' && hold.cardId ? loaders(ctx).giftCardsById.load(hold.cardId) : null,
  },
  Query: {
    paymentIntent: (_: unknown, args: { id: string; clientToken?: string | null }, ctx: RequestContext) =>
      intents.getPaymentIntent(ctx, args),
  },
  Mutation: {
    createPaymentIntent: (_: unknown, { input }: Args<CreatePaymentIntentInput>, ctx: RequestContext) => {
      requireSecret(ctx);
      return intents.createPaymentIntent(ctx, input);
    },
    placeHold: (_: unknown, { input }: Args<PlaceHoldInput>, ctx: RequestContext) => holds.placeHold(ctx, input),
    captureHold: (_: unknown, { input }: Args<CaptureHoldInput>, ctx: RequestContext) => {
      requireSecret(ctx);
      return holds.captureHold(ctx, input);
    },
    releaseHold: (_: unknown, { input }: Args<ReleaseHoldInput>, ctx: RequestContext) => holds.releaseHold(ctx, input),
    captureIntent: (_: unknown, { input }: Args<CaptureIntentInput>, ctx: RequestContext) => {
      requireSecret(ctx);
      return intents.captureIntent(ctx, input);
    },
    cancelPaymentIntent: (_: unknown, { input }: Args<CancelPaymentIntentInput>, ctx: RequestContext) => {
      requireSecret(ctx);
      return intents.cancelPaymentIntent(ctx, input);
    },
    refund: (_: unknown, { input }: Args<RefundInput>, ctx: RequestContext) => {
      requireSecret(ctx);
      return holds.refund(ctx, input);
    },
  },
};
