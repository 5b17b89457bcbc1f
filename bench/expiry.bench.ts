import pg from 'pg';
import { closeApp, createApp } from '../gateway/app.ts';
import { createMerchant } from '../gateway/services/merchant.service.ts';
import { issueGiftCards } from '../gateway/services/gift-card.service.ts';
import type { RequestContext } from '../gateway/context.ts';
import { fmt, scratchDatabase, startGatewayProcess } from './lib.ts';

/*
 * 10,000 holds (over 100 cards) falling due at the same instant, one gateway process with its
 * expiry sweeper. Release lag = when the release became visible (committed) − the deadline.
 * Target: max ≤ 1 s.
 * The holds are written straight into the tables (intents, holds, cards' held, HOLD ledger
 * transfers) consistent with the invariants, to make 10,000 due at once.
 */

const HOLDS = Number(process.env.BENCH_HOLDS ?? 10_000);
const CARDS = 100;
const DUE_IN_SECONDS = 4;

const db = await scratchDatabase('gc_bench', process.env.BENCH_DATABASE_URL);
process.env.GC_LOG = 'silent';
const app = await createApp({ databaseUrl: db.url, poolMax: 2, background: false });
const pool = new pg.Pool({ connectionString: db.url, max: 2 });
pool.on('error', () => {});
try {
  const merchant = await createMerchant(app.orm.em.fork(), 'Bench');
  const ctx: RequestContext = { app, em: app.orm.em.fork(), auth: { merchantId: merchant.merchantId, keyId: 'bench', kind: 'SECRET' }, clientIp: 'bench' };
  const issued = await issueGiftCards(ctx, { count: CARDS, amount: 1_000_000, currency: 'USD' });
  if (!('cards' in issued)) throw new Error(JSON.stringify(issued));
  const cardIds = (issued as { cards: { card: { id: string } }[] }).cards.map((c) => c.card.id);
  const gateway = await startGatewayProcess(db.url);
  await pool.query(`
    with params as (select now() + make_interval(secs => $3) as due),
    n as (select g, gen_random_uuid() as intent_id, gen_random_uuid() as hold_id, ($2::uuid[])[1 + (g % $4)] as card_id from generate_series(1, $1) g),
    i as (insert into payment_intent (id, merchant_id, amount, currency, order_ref, channel, status, held_amount, expires_at)
          select intent_id, $5, 1, 'USD', 'bench-' || g, 'ONLINE', 'FULLY_HELD', 1, (select due from params) from n),
    h as (insert into hold (id, merchant_id, intent_id, card_id, card_last4, amount, currency, status, expires_at, expiring_notified_at)
          select hold_id, $5, intent_id, card_id, 'XXXX', 1, 'USD', 'PENDING', (select due from params), now() from n),
    c as (update gift_card set held = held + x.k from (select card_id, count(*) as k from n group by card_id) x where gift_card.id = x.card_id),
    t as (select *, gen_random_uuid() as transfer_id from n)
    insert into ledger_entry (transfer_id, merchant_id, account, amount, currency, kind, card_id, hold_id, intent_id)
    select transfer_id, $5, 'card:' || card_id, -1, 'USD', 'HOLD', card_id, hold_id, intent_id from t
    union all
    select transfer_id, $5, 'held:' || card_id, 1, 'USD', 'HOLD', card_id, hold_id, intent_id from t`,
    [HOLDS, cardIds, DUE_IN_SECONDS, CARDS, merchant.merchantId]);
  const [{ due }] = (await pool.query(`select (extract(epoch from min(expires_at)) * 1000)::float8 as due from hold`)).rows;
  // Poll how many holds are visibly released (committed) every few ms after the deadline: the
  // lag of the k-th release is when the count first reached k.
  const seen: { at: number; released: number }[] = [];
  while (Date.now() < due - 50) await new Promise((r) => setTimeout(r, 10));
  for (;;) {
    const { rows } = await pool.query(`select (extract(epoch from clock_timestamp()) * 1000)::float8 as now,
        ${HOLDS} - (select count(*) from hold where status = 'PENDING')::int as released`);
    seen.push({ at: rows[0].now - due, released: rows[0].released });
    if (rows[0].released === HOLDS || rows[0].now > due + 60_000) break;
    await new Promise((r) => setTimeout(r, 10));
  }
  const lagAt = (k: number) => seen.find((s) => s.released >= k)?.at ?? NaN;
  await gateway.stop();
  const { rows } = await pool.query(`select status from hold`);
  const expired = rows.filter((r) => r.status === 'EXPIRED').length;
  const [{ total }] = (await pool.query('select coalesce(sum(amount), 0)::int as total from ledger_entry')).rows;
  const [{ held }] = (await pool.query('select sum(held)::int as held from gift_card')).rows;
  console.log(`\n${HOLDS.toLocaleString('en-US')} holds over ${CARDS} cards due at the same instant, one gateway process\n`);
  console.log('Release lag = when a hold\'s release was visible (committed) − its deadline, sampled every ~10 ms.\n');
  console.log('| holds expired | first ms | p50 ms | p99 ms | max ms | cards\' held after | ledger sum |');
  console.log('| ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  console.log(`| ${expired.toLocaleString('en-US')} | ${fmt(lagAt(1))} | ${fmt(lagAt(Math.ceil(HOLDS * 0.5)))} | ${fmt(lagAt(Math.ceil(HOLDS * 0.99)))} | ${fmt(lagAt(HOLDS))} | ${held} | ${total} |`);
} finally {
  await pool.end();
  await closeApp(app);
  await db.drop();
}
