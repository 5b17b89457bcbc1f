import { requireSecret, type RequestContext } from '../context.ts';
import type { IssueGiftCardsInput } from '../generated/graphql.ts';
import * as cards from '../services/gift-card.service.ts';

export const giftCardResolvers = {
  Query: {
    giftCardBalance: (_: unknown, args: { code: string; pin?: string | null }, ctx: RequestContext) =>
      cards.giftCardBalance(ctx, args),
    giftCard: (_: unknown, args: { id: string }, ctx: RequestContext) => {
      requireSecret(ctx);
      return cards.getGiftCard(ctx, args.id);
    },
  },
  Mutation: {
    issueGiftCards: (_: unknown, { input }: { input: IssueGiftCardsInput }, ctx: RequestContext) => {
      requireSecret(ctx);
      return cards.issueGiftCards(ctx, input);
    },
  },
};
