import WebSocket from 'ws';
import { createClient, type Client } from 'graphql-ws';
import { closeApp, createApp } from '../gateway/app.ts';
import { createMerchant } from '../gateway/services/merchant.service.ts';
import { issueGiftCards } from '../gateway/services/gift-card.service.ts';
import type { RequestContext } from '../gateway/context.ts';
import { fmt, percentile, scratchDatabase, startGatewayProcess } from './lib.ts';

/*
 * 2,000 graphql-ws subscribers (one socket each) on one gateway process, all following the
 * merchant's redemptionEvents; events are caused through the HTTP API (placeHold). Delivery
 * latency = when a subscriber received the event − the event's occurredAt (both clocks are this
 * machine's). Target: p99 ≤ 250 ms.
 */

const SUBSCRIBERS = Number(process.env.BENCH_SUBSCRIBERS ?? 2000);
const EVENTS = Number(process.env.BENCH_EVENTS ?? 20);
const GAP_MS = Number(process.env.BENCH_EVENT_GAP_MS ?? 250);

const db = await scratchDatabase('gc_bench', process.env.BENCH_DATABASE_URL);
process.env.GC_LOG = 'silent';
const app = await createApp({ databaseUrl: db.url, poolMax: 2, background: false });
const clients: Client[] = [];
const gateway = await startGatewayProcess(db.url);
try {
  const merchant = await createMerchant(app.orm.em.fork(), 'Bench');
  const ctx: RequestContext = { app, em: app.orm.em.fork(), auth: { merchantId: merchant.merchantId, keyId: 'bench', kind: 'SECRET' }, clientIp: 'bench' };
  const issued = await issueGiftCards(ctx, { count: 1, amount: 100_000_000, currency: 'USD' });
  const code = (issued as { cards: { code: string }[] }).cards[0].code;

  const latencies: number[] = [];
  const received = new Map<string, number>();
  const wsUrl = gateway.url.replace(/^http/, 'ws');
  for (let i = 0; i < SUBSCRIBERS; i += 100) {
    await Promise.all(Array.from({ length: Math.min(100, SUBSCRIBERS - i) }, () => new Promise<void>((resolve, reject) => {
      const client = createClient({
        url: wsUrl, webSocketImpl: WebSocket, lazy: false, retryAttempts: 0,
        connectionParams: { authorization: `Bearer ${merchant.secretKey}` },
        on: { connected: () => resolve(), error: reject },
      });
      clients.push(client);
      client.subscribe({ query: 'subscription { redemptionEvents { id type occurredAt } }' }, {
        next: ({ data }) => {
          const e = (data as { redemptionEvents: { id: string; occurredAt: string } }).redemptionEvents;
          latencies.push(Date.now() - Date.parse(e.occurredAt));
          received.set(e.id, (received.get(e.id) ?? 0) + 1);
        },
        error: (e) => console.error('subscription error', e),
        complete: () => {},
      });
    })));
  }

  const gql = async (key: string, query: string, variables: Record<string, unknown>) => {
    const res = await fetch(gateway.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` }, body: JSON.stringify({ query, variables }) });
    return (await res.json()).data;
  };
  const fire = async () => {
    const intent = await gql(merchant.secretKey, 'mutation($i: CreatePaymentIntentInput!) { createPaymentIntent(input: $i) { ... on PaymentIntentCreated { clientToken } } }',
      { i: { amount: 100, currency: 'USD', orderRef: 'fanout' } });
    await gql(merchant.publishableKey, 'mutation($i: PlaceHoldInput!) { placeHold(input: $i) { __typename } }',
      { i: { clientToken: intent.createPaymentIntent.clientToken, code } });
  };
  // Warm-up: wait until every subscriber gets an event, so all subscriptions are live.
  await fire();
  const until = Date.now() + 30_000;
  while ([...received.values()][0] !== SUBSCRIBERS && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
  latencies.length = 0;
  received.clear();
  for (let i = 0; i < EVENTS; i++) {
    await fire();
    await new Promise((r) => setTimeout(r, GAP_MS));
  }
  const end = Date.now() + 30_000;
  while (latencies.length < SUBSCRIBERS * EVENTS && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
  const complete = [...received.values()].filter((n) => n === SUBSCRIBERS).length;
  console.log(`\n${SUBSCRIBERS.toLocaleString('en-US')} graphql-ws subscribers (one socket each) on one gateway; ${EVENTS} events via the API, ${GAP_MS} ms apart\n`);
  console.log('| deliveries | events reaching every subscriber | latency p50 ms | p99 ms | max ms |');
  console.log('| ---: | ---: | ---: | ---: | ---: |');
  console.log(`| ${latencies.length.toLocaleString('en-US')} of ${(SUBSCRIBERS * EVENTS).toLocaleString('en-US')} | ${complete} of ${EVENTS} | ${fmt(percentile(latencies, 50))} | ${fmt(percentile(latencies, 99))} | ${fmt(Math.max(...latencies))} |`);
} finally {
  await Promise.all(clients.map((c) => c.dispose()));
  await gateway.stop();
  await closeApp(app);
  await db.drop();
}
