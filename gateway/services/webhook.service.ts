import { randomBytes, randomUUID } from 'node:crypto';
import type { RequestContext } from '../context.ts';
import { fail } from '../domain/errors.ts';
import { isUuid } from '../domain/codes.ts';
import { EVENT_TYPES } from '../events/outbox.ts';
import type { CreateWebhookEndpointInput, WebhookDeliveryStatus } from '../generated/graphql.ts';
import { runMoneyOperation } from './idempotency.service.ts';

interface EndpointRow { id: string; url: string; events: string[] | string; created_at: Date | string }

function endpointDto(r: EndpointRow) {
  const events = Array.isArray(r.events) ? r.events : String(r.events).replace(/^\{|\}$/g, '').split(',').filter(Boolean);
  return { id: r.id, url: r.url, events: events.filter((e) => e !== '*'), createdAt: new Date(r.created_at).toISOString() };
}

/** Registers an http(s) endpoint; the signing secret is returned once. */
export async function createWebhookEndpoint(ctx: RequestContext, input: CreateWebhookEndpointInput) {
  let url: URL;
  try {
    url = new URL(input.url);
  } catch {
    return fail.generic('INVALID_INPUT', 'url must be an absolute http or https URL.', 'url');
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || input.url.length > 2000) {
    return fail.generic('INVALID_INPUT', 'url must be an absolute http or https URL.', 'url');
  }
  const events = input.events?.length ? [...new Set(input.events)] : ['*'];
  if (events.some((e) => e !== '*' && !(EVENT_TYPES as readonly string[]).includes(e))) {
    return fail.generic('INVALID_INPUT', 'Unknown event type.', 'events');
  }
  return runMoneyOperation(ctx, 'createWebhookEndpoint', { ...input }, async (em) => {
    const id = randomUUID();
    const secret = `whsec_${randomBytes(24).toString('base64url')}`;
    const [row] = await em.execute<EndpointRow[]>(
      `insert into webhook_endpoint (id, merchant_id, url, events, secret) values (?, ?, ?, ?::text[], ?) returning id, url, events, created_at`,
      [id, ctx.auth.merchantId, url.toString(), `{${events.join(',')}}`, secret]);
    return { __typename: 'WebhookEndpointCreated', endpoint: endpointDto(row), secret };
  });
}

export async function webhookEndpoints(ctx: RequestContext) {
  const rows = await ctx.em.fork().execute<EndpointRow[]>(
    'select id, url, events, created_at from webhook_endpoint where merchant_id = ? and disabled_at is null order by created_at', [ctx.auth.merchantId]);
  return rows.map(endpointDto);
}

export async function webhookDeliveries(ctx: RequestContext, args: { endpointId?: string | null; status?: WebhookDeliveryStatus | null; first?: number | null }) {
  if (args.endpointId != null && !isUuid(args.endpointId)) return [];
  const first = Math.min(500, Math.max(1, args.first ?? 100));
  const where = ['merchant_id = ?'];
  const params: unknown[] = [ctx.auth.merchantId];
  if (args.endpointId) (where.push('endpoint_id = ?'), params.push(args.endpointId));
  if (args.status) (where.push('status = ?'), params.push(args.status));
  const rows = await ctx.em.fork().execute<Record<string, any>[]>(
    `select * from webhook_delivery where ${where.join(' and ')} order by id desc limit ${first}`, params);
  return rows.map((r) => ({
    id: String(r.id), endpointId: r.endpoint_id, eventId: r.event_id, eventType: r.event_type, status: r.status,
    attempts: r.attempts, lastStatusCode: r.last_status_code ?? null, lastError: r.last_error ?? null,
    nextAttemptAt: r.status === 'PENDING' ? new Date(r.next_attempt_at).toISOString() : null,
    deliveredAt: r.delivered_at ? new Date(r.delivered_at).toISOString() : null, createdAt: new Date(r.created_at).toISOString(),
  }));
}
