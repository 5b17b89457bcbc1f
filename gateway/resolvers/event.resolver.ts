import { requireSecret, type RequestContext } from '../context.ts';
import * as events from '../services/event.service.ts';
import type { GatewayEvent } from '../events/outbox.ts';

const same = (e: unknown) => e;

export const eventResolvers = {
  PaymentEvent: {
    sequence: (e: GatewayEvent) => String(e.sequence),
    intent: (e: GatewayEvent & { intent?: unknown }) => e.intent ?? null,
    data: (e: GatewayEvent) => (e.data ? JSON.stringify(e.data) : null),
  },
  Subscription: {
    paymentIntentEvents: {
      subscribe: (_: unknown, args: { intentId: string }, ctx: RequestContext) => events.paymentIntentEvents(ctx, args.intentId),
      resolve: same,
    },
    redemptionEvents: {
      subscribe: (_: unknown, args: { locationId?: string | null }, ctx: RequestContext) => {
        requireSecret(ctx);
        return events.redemptionEvents(ctx, args.locationId);
      },
      resolve: same,
    },
  },
};
