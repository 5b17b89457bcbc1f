import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DateTime, MinorUnits } from './scalars.ts';
import { paymentResolvers } from './payment.resolver.ts';
import { giftCardResolvers } from './gift-card.resolver.ts';
import { eventResolvers } from './event.resolver.ts';
import { webhookResolvers } from './webhook.resolver.ts';
import { catalogResolvers } from './catalog.resolver.ts';
import { orderResolvers } from './order.resolver.ts';
import { reportResolvers } from './report.resolver.ts';

const SCHEMA_DIR = join(import.meta.dirname, '..', '..', 'schema');

/** The SDL: every schema/*.graphql file, the single source of the API's types. */
export function loadTypeDefs(): string {
  return readdirSync(SCHEMA_DIR)
    .filter((f) => f.endsWith('.graphql'))
    .sort()
    .map((f) => readFileSync(join(SCHEMA_DIR, f), 'utf8'))
    .join('\n');
}

/** Union and interface members are picked by the `__typename` every service result carries. */
const byTypename = { __resolveType: (obj: { __typename: string }) => obj.__typename };

export const resolvers = {
  MinorUnits,
  DateTime,
  ErrorResult: byTypename,
  PaymentIntent: paymentResolvers.PaymentIntent,
  Hold: paymentResolvers.Hold,
  PaymentEvent: eventResolvers.PaymentEvent,
  Subscription: eventResolvers.Subscription,
  BrandConnection: catalogResolvers.BrandConnection,
  Brand: catalogResolvers.Brand,
  Query: { ...paymentResolvers.Query, ...giftCardResolvers.Query, ...webhookResolvers.Query, ...catalogResolvers.Query, ...reportResolvers.Query, ...orderResolvers.Query },
  Mutation: { ...paymentResolvers.Mutation, ...giftCardResolvers.Mutation, ...webhookResolvers.Mutation, ...orderResolvers.Mutation },
};
