import { requireSecret, type RequestContext } from '../context.ts';
import type { OrderGiftCardInput } from '../generated/graphql.ts';
import * as orders from '../services/order.service.ts';

export const orderResolvers = {
  Mutation: {
    orderGiftCard: (_: unknown, { input }: { input: OrderGiftCardInput }, ctx: RequestContext) => {
      requireSecret(ctx);
      return orders.orderGiftCard(ctx, input);
    },
  },
};
