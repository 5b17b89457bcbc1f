import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { closeApp, createApp } from '../gateway/app.ts';
import { createMerchant } from '../gateway/services/merchant.service.ts';
import { issueGiftCards } from '../gateway/services/gift-card.service.ts';
import { signClientToken } from '../gateway/tokens/client-token.ts';
import type { App, RequestContext } from '../gateway/context.ts';
import { closedLoop, fmt, percentile, scratchDatabase, startGatewayProcess, timed, withCpu, type RunResult } from './lib.ts';

/*
 * Hold + capture cycles, 32 concurrent clients, on real PostgreSQL, in one run:
 *   raw SQL   — the same work (lock intent and card, update both, insert hold, two ledger
 *               postings and the HOLD_PLACED event with its notification; then lock intent, card
 *               and hold, capture, two postings, HOLD_CAPTURED and INTENT_CAPTURED) in two
 *               transactions straight over the pg driver: the baseline;
 *   GraphQL   — placeHold (publishable key + client token + card code) then captureHold (secret
 *               key) over HTTP to a gateway process (`gateway/main.ts`), the whole stack.
 * Spread over 10,000 cards, and on one hot card.
 */

const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 32);
const SPREAD_CYCLES = Number(process.env.BENCH_SPREAD_CYCLES ?? 3000);
const HOT_CYCLES = Number(process.env.BENCH_HOT_CYCLES ?? 1000);
const WARMUP = 300;
const CARDS = 10_000;

const db = await scratchDatabase('gc_bench', process.env.BENCH_DATABASE_URL);
process.env.GC_LOG = 'silent';
const app: App = await createApp({ databaseUrl: db.url, poolMax: 4, background: false });
const merchant = await createMerchant(app.orm.em.fork(), 'Bench');
const ctx: RequestContext = { app, em: app.orm.em.fork(), auth: { merchantId: merchant.merchantId, keyId: 'bench', kind: 'SECRET' }, clientIp: 'bench' };

async function issue(count: number, amount: number) {
  const out: { id: string; code: string }[] = [];
  for (let left = count; left > 0; left -= 5000) {
    const r = await issueGiftCards({ ...ctx, em: app.orm.em.fork() }, { count: Math.min(5000, left), amount, currency: 'USD' });
    if (!('cards' in r)) throw new Error(JSON.stringify(r));
    out.push(...(r as { cards: { code: string; card: { id: string } }[] }).cards.map((c) => ({ id: c.card.id, code: c.code })));
  }
  return out;
}

const spreadCards = await issue(CARDS, 10_000_000);
const [hotCard] = await issue(1, 100_000_000);
const pool = new pg.Pool({ connectionString: db.url, max: CLIENTS, idleTimeoutMillis: 0 });
pool.on('error', () => {}); // idle clients are dropped with the scratch database at the end
const signer = await app.keys.signingKey();

/** `n` open intents of 1 unit each, with client tokens, inserted in bulk. */
async function intents(n: number): Promise<{ id: string; token: string }[]> {
  const rows: { id: string; token: string }[] = [];
  const expiresAt = new Date(Date.now() + 3_600_000);
  for (let i = 0; i < n; i++) {
    const id = randomUUID();
    const token = await signClientToken(signer, { intentId: id, merchantId: merchant.merchantId, amount: 1, currency: 'USD', orderRef: 'bench' }, expiresAt);
    rows.push({ id, token });
  }
  for (let i = 0; i < rows.length; i += 5000) {
    const ids = rows.slice(i, i + 5000).map((r) => r.id);
    await pool.query(
      `insert into payment_intent (id, merchant_id, amount, currency, order_ref, channel, status, expires_at)
       select unnest($1::uuid[]), $2, 1, 'USD', 'bench', 'ONLINE', 'OPEN', $3`, [ids, merchant.merchantId, expiresAt]);
  }
  return rows;
}

/** Outbox rows for `events` with their webhook deliveries and the notification, as CTE members. */
function eventCtes(events: { type: string; holdId: string | null }[], intentId: string, first: number) {
  const params: unknown[] = [];
  const values = events.map((e, k) => {
    const eventId = randomUUID();
    params.push(eventId, merchant.merchantId, intentId, e.holdId, e.type,
      JSON.stringify({ id: eventId, type: e.type, merchantId: merchant.merchantId, intentId, holdId: e.holdId, amount: 1, currency: 'USD', occurredAt: new Date().toISOString() }));
    const p = first + k * 6;
    return `($${p}, $${p + 1}, $${p + 2}, $${p + 3}, $${p + 4}, $${p + 5}::jsonb)`;
  });
  return {
    sql: `o as (insert into event_outbox (event_id, merchant_id, intent_id, hold_id, type, payload) values ${values.join(', ')}
            returning id, event_id, merchant_id, type, payload),
          w as (insert into webhook_delivery (endpoint_id, merchant_id, event_id, event_type, body)
            select e.id, o.merchant_id, o.event_id, o.type, o.payload::text from o
            join webhook_endpoint e on e.merchant_id = o.merchant_id and e.disabled_at is null and (o.type = any(e.events) or '*' = any(e.events)))
          select pg_notify('gc_events', (select min(id)::text || '-' || max(id)::text from o))`,
    params,
  };
}

/**
 * The raw-SQL cycle: the same locks, updates, ledger postings and events as the service, written
 * as a hand-tuned SQL client would (row locks, then one statement of data-modifying CTEs), no ORM,
 * no HTTP.
 */
async function rawCycle(intentId: string, cardId: string, mark: (n: string, ms: number) => void) {
  const c = await pool.connect();
  try {
    const holdId = randomUUID();
    const t = performance.now();
    await c.query('begin');
    await c.query('select amount, held_amount, captured_amount, status, expires_at <= now() as expired from payment_intent where id = $1 for update', [intentId]);
    const card = (await c.query('select balance, held, status from gift_card where id = $1 for update', [cardId])).rows[0];
    if (Number(card.balance) - Number(card.held) < 1) throw new Error('insufficient');
    const ev1 = eventCtes([{ type: 'HOLD_PLACED', holdId }], intentId, 6);
    await c.query(`with
        c as (update gift_card set held = held + 1, version = version + 1 where id = $1),
        i as (update payment_intent set held_amount = held_amount + 1, status = 'FULLY_HELD' where id = $2),
        h as (insert into hold (id, merchant_id, intent_id, card_id, card_last4, amount, currency, status, expires_at)
              values ($3, $4, $2, $1, 'XXXX', 1, 'USD', 'PENDING', now() + interval '1 hour')),
        l as (insert into ledger_entry (transfer_id, merchant_id, account, amount, currency, kind, card_id, hold_id, intent_id)
              values ($5, $4, 'card:' || $1, -1, 'USD', 'HOLD', $1, $3, $2), ($5, $4, 'held:' || $1, 1, 'USD', 'HOLD', $1, $3, $2)),
        ${ev1.sql}`, [cardId, intentId, holdId, merchant.merchantId, randomUUID(), ...ev1.params]);
    await c.query('commit');
    mark('hold', performance.now() - t);
    const t2 = performance.now();
    await c.query('begin');
    await c.query('select status from payment_intent where id = $1 for update', [intentId]);
    await c.query('select balance, held from gift_card where id = $1 for update', [cardId]);
    const hold = (await c.query(`select status, amount, expires_at <= now() as expired from hold where id = $1 for update`, [holdId])).rows[0];
    if (hold.status !== 'PENDING' || hold.expired) throw new Error('not capturable');
    const ev2 = eventCtes([{ type: 'HOLD_CAPTURED', holdId }, { type: 'INTENT_CAPTURED', holdId: null }], intentId, 6);
    await c.query(`with
        c as (update gift_card set balance = balance - 1, held = held - 1, version = version + 1 where id = $1),
        h as (update hold set status = 'CAPTURED', captured_amount = 1, resolved_at = now() where id = $3),
        i as (update payment_intent set held_amount = held_amount - 1, captured_amount = captured_amount + 1, status = 'CAPTURED' where id = $2),
        l as (insert into ledger_entry (transfer_id, merchant_id, account, amount, currency, kind, card_id, hold_id, intent_id)
              values ($5, $4, 'held:' || $1, -1, 'USD', 'CAPTURE', $1, $3, $2), ($5, $4, 'redeemed:' || $4, 1, 'USD', 'CAPTURE', $1, $3, $2)),
        ${ev2.sql}`, [cardId, intentId, holdId, merchant.merchantId, randomUUID(), ...ev2.params]);
    await c.query('commit');
    mark('capture', performance.now() - t2);
  } catch (e) {
    await c.query('rollback').catch(() => {});
    throw e;
  } finally {
    c.release();
  }
}

const gateway = await startGatewayProcess(db.url, {
  GC_POOL_MAX: String(CLIENTS),
  ...(process.env.BENCH_GATEWAY_NODE_OPTIONS ? { NODE_OPTIONS: process.env.BENCH_GATEWAY_NODE_OPTIONS } : {}),
});

async function gql(key: string, query: string, input: Record<string, unknown>): Promise<any> {
  const res = await fetch(gateway.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify({ query, variables: { input } }),
  });
  const body = await res.json();
  const data = body.data && Object.values(body.data)[0];
  if (!data || (data as { errorCode?: string }).errorCode) throw new Error(JSON.stringify(body));
  return data;
}

const PLACE = 'mutation($input: PlaceHoldInput!) { placeHold(input: $input) { __typename ... on HoldPlaced { hold { id } } ... on ErrorResult { errorCode message } } }';
const CAPTURE = 'mutation($input: CaptureHoldInput!) { captureHold(input: $input) { __typename ... on HoldCaptured { hold { status } } ... on ErrorResult { errorCode message } } }';

async function gqlCycle(intent: { token: string }, code: string, mark: (n: string, ms: number) => void) {
  const placed = await timed(() => gql(merchant.publishableKey, PLACE, { clientToken: intent.token, code, amount: 1 }), (ms) => mark('hold', ms));
  await timed(() => gql(merchant.secretKey, CAPTURE, { holdId: placed.hold.id }), (ms) => mark('capture', ms));
}

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

function merge(runs: RunResult[]): RunResult {
  const latencies: Record<string, number[]> = {};
  for (const r of runs) for (const [k, v] of Object.entries(r.latencies)) (latencies[k] ??= []).push(...v);
  const rates = runs.map((r) => r.perSecond).sort((x, y) => x - y);
  return { seconds: runs.reduce((t, r) => t + r.seconds, 0), perSecond: rates[Math.floor(rates.length / 2)], latencies };
}

/**
 * Raw and GraphQL runs alternate for ROUNDS rounds (the machine's speed drifts; alternating keeps
 * the comparison fair); throughput is the median round, latencies pool all rounds.
 */
async function scenario(label: string, cycles: number, cardFor: (i: number) => { id: string; code: string }) {
  const rawIntents = await intents(cycles * ROUNDS + WARMUP);
  const gqlIntents = await intents(cycles * ROUNDS + WARMUP);
  const base = cycles * ROUNDS;
  await closedLoop(WARMUP, CLIENTS, (i, mark) => rawCycle(rawIntents[base + i].id, cardFor(i).id, mark));
  await closedLoop(WARMUP, CLIENTS, (i, mark) => gqlCycle(gqlIntents[base + i], cardFor(i).code, mark));
  const raws: RunResult[] = [];
  const apis: RunResult[] = [];
  const rawCpu = { postgres: 0, gateway: 0, client: 0 };
  const apiCpu = { postgres: 0, gateway: 0, client: 0 };
  const add = (into: typeof rawCpu, c: typeof rawCpu) => { into.postgres += c.postgres; into.gateway += c.gateway; into.client += c.client; };
  for (let round = 0; round < ROUNDS; round++) {
    const off = round * cycles;
    const raw = await withCpu(gateway.pid, () => closedLoop(cycles, CLIENTS, (i, mark) => rawCycle(rawIntents[off + i].id, cardFor(i).id, mark)));
    const api = await withCpu(gateway.pid, () => closedLoop(cycles, CLIENTS, (i, mark) => gqlCycle(gqlIntents[off + i], cardFor(i).code, mark)));
    raws.push(raw.result);
    apis.push(api.result);
    add(rawCpu, raw.cpu);
    add(apiCpu, api.cpu);
    console.error(`  ${label} round ${round + 1}: raw ${fmt(raw.result.perSecond, 0)}/s, GraphQL ${fmt(api.result.perSecond, 0)}/s`);
  }
  return { label, cycles: cycles * ROUNDS, raw: merge(raws), api: merge(apis), rawCpu, apiCpu };
}

const lat = (r: RunResult, name: string) => `${fmt(percentile(r.latencies[name], 50))} / ${fmt(percentile(r.latencies[name], 99))}`;

try {
  const results = [
    await scenario(`spread (${CARDS.toLocaleString('en-US')} cards)`, SPREAD_CYCLES, (i) => spreadCards[i % CARDS]),
    await scenario('hot card', HOT_CYCLES, () => hotCard),
  ];
  const [{ total }] = (await pool.query('select coalesce(sum(amount), 0)::int as total from ledger_entry')).rows;
  if (total !== 0) throw new Error(`ledger does not sum to zero: ${total}`);
  console.log(`\nhold + capture cycles, ${CLIENTS} clients, ${ROUNDS} alternating rounds (median round shown), PostgreSQL ${(await pool.query('show server_version')).rows[0].server_version}, ${new Date().toISOString()}\n`);
  console.log('| scenario | cycles (all rounds) | raw SQL cycles/s | GraphQL cycles/s | GraphQL / raw | raw hold p50 / p99 ms | placeHold p50 / p99 ms | captureHold p50 / p99 ms |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const r of results) {
    console.log(`| ${r.label} | ${r.cycles} | ${fmt(r.raw.perSecond, 0)} | ${fmt(r.api.perSecond, 0)} | ${fmt((100 * r.api.perSecond) / r.raw.perSecond, 0)} % | ${lat(r.raw, 'hold')} | ${lat(r.api, 'hold')} | ${lat(r.api, 'capture')} |`);
  }
  console.log('\nCPU per cycle (ms), measured from /proc over each run:\n');
  console.log('| scenario | path | PostgreSQL + kernel | gateway process | load generator | total |');
  console.log('| --- | --- | ---: | ---: | ---: | ---: |');
  for (const r of results) {
    for (const [path, cpu] of [['raw SQL', r.rawCpu], ['GraphQL', r.apiCpu]] as const) {
      const per = (s: number) => fmt((1000 * s) / r.cycles, 2);
      console.log(`| ${r.label} | ${path} | ${per(cpu.postgres)} | ${per(cpu.gateway)} | ${per(cpu.client)} | ${per(cpu.postgres + cpu.gateway + cpu.client)} |`);
    }
  }
  console.log('\nledger sums to zero after the run.');
} finally {
  await gateway.stop();
  await pool.end();
  await closeApp(app);
  await db.drop();
}
