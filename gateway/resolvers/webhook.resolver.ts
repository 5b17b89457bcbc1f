import { requireSecret, type RequestContext } from '../context.ts';
import type { CreateWebhookEndpointInput, WebhookDeliveryStatus } from '../generated/graphql.ts';
import * as webhooks from '../services/webhook.service.ts';

export const webhookResolvers = {
  Query: {
    webhookEndpoints: (_: unknown, __: unknown, ctx: RequestContext) => {
      requireSecret(ctx);
      return webhooks.webhookEndpoints(ctx);
    },
    webhookDeliveries: (_: unknown, args: { endpointId?: string | null; status?: WebhookDeliveryStatus | null; first?: number | null }, ctx: RequestContext) => {
      requireSecret(ctx);
      return webhooks.webhookDeliveries(ctx, args);
    },
  },
  Mutation: {
    createWebhookEndpoint: (_: unknown, { input }: { input: CreateWebhookEndpointInput }, ctx: RequestContext) => {
      requireSecret(ctx);
      return webhooks.createWebhookEndpoint(ctx, input);
    },
  },
};
