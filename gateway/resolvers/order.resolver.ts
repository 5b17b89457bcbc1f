import { requireSecret, type RequestContext } from '../context.ts';
import type { OrderGiftCardInput } from '../generated/graphql.ts';
import * as orders from '../services/order.service.ts';
import { mailbox } from '../services/mail.service.ts';

export const orderResolvers = {
  Query: {
    mailbox: (_: unknown, args: { first?: number | null }, ctx: RequestContext) => {
      requireSecret(ctx);
      return mailbox(ctx, args.first ?? 50);
    },
  },
  Mutation: {
    orderGiftCard: (_: unknown, { input }: { input: OrderGiftCardInput }, ctx: RequestContext) => {
      requireSecret(ctx);
      return orders.orderGiftCard(ctx, input);
    },
  },
};
