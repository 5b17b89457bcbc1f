import { closeApp, createApp } from '../gateway/app.ts';
import { createMerchant } from '../gateway/services/merchant.service.ts';
import { seedCatalog } from '../gateway/db/catalog-seed.ts';
import { fmt, percentile, scratchDatabase, startGatewayProcess } from './lib.ts';

/*
 * A full catalog page of 500 brands with every nested field, requested over HTTP from a gateway
 * process, one request at a time. Baseline in the same run: the same 3 SQL statements sent
 * straight to PostgreSQL. Targets: p99 ≤ 30 ms, ≤ 3 statements (asserted in catalog.test.ts).
 */

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 200);
const db = await scratchDatabase('gc_bench', process.env.BENCH_DATABASE_URL);
process.env.GC_LOG = 'silent';
const app = await createApp({ databaseUrl: db.url, poolMax: 2, background: false });
const gateway = await startGatewayProcess(db.url);
try {
  const m = await createMerchant(app.orm.em.fork(), 'Bench');
  await app.orm.em.fork().transactional((em) => seedCatalog(em, m.merchantId, 500));
  const query = `{ catalog(first: 500) { totalCount pageInfo { hasNextPage endCursor } facets { countries { value count } categories { value count } }
    edges { cursor node { id name slug country currency category description redemptionInstructions logoSvg available
      denominations { kind amount minAmount maxAmount step stock inStock } } } } }`;
  const once = async () => {
    const t = performance.now();
    const res = await fetch(gateway.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${m.publishableKey}` }, body: JSON.stringify({ query }) });
    const body = await res.json();
    if (body.data.catalog.edges.length !== 500) throw new Error('short page');
    server.push(Number(/dur=([\d.]+)/.exec(res.headers.get('server-timing') ?? '')?.[1]));
    return performance.now() - t;
  };
  const server: number[] = [];
  const em = app.orm.em.fork();
  const raw = async () => {
    const t = performance.now();
    const brands = await em.execute(`select * from brand where merchant_id = ? and active order by name, id limit 501`, [m.merchantId]);
    await em.execute(`select 'total', null, count(*) from brand where merchant_id = ? and active
      union all select 'country', country, count(*) from brand where merchant_id = ? and active group by country
      union all select 'category', category, count(*) from brand where merchant_id = ? and active group by category`, [m.merchantId, m.merchantId, m.merchantId]);
    await em.execute(`select * from brand_denomination where brand_id in (${brands.map(() => '?').join(',')})`, brands.map((b) => (b as { id: string }).id));
    return performance.now() - t;
  };
  for (let i = 0; i < 20; i++) (await once(), await raw());
  const api: number[] = [];
  const sql: number[] = [];
  server.length = 0;
  for (let i = 0; i < REQUESTS; i++) {
    api.push(await once());
    sql.push(await raw());
  }
  const bytes = (await (await fetch(gateway.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${m.publishableKey}` }, body: JSON.stringify({ query }) })).text()).length;
  console.log(`\nCatalog page of 500 brands with all nested fields (${(bytes / 1024).toFixed(0)} KB of JSON), ${REQUESTS} sequential requests\n`);
  console.log('| path | p50 ms | p99 ms | max ms |');
  console.log('| --- | ---: | ---: | ---: |');
  console.log(`| GraphQL over HTTP, as the client sees it | ${fmt(percentile(api, 50))} | ${fmt(percentile(api, 99))} | ${fmt(Math.max(...api))} |`);
  console.log(`| GraphQL, server time (Server-Timing) | ${fmt(percentile(server, 50))} | ${fmt(percentile(server, 99))} | ${fmt(Math.max(...server))} |`);
  console.log(`| the same 3 SQL statements, direct | ${fmt(percentile(sql, 50))} | ${fmt(percentile(sql, 99))} | ${fmt(Math.max(...sql))} |`);
  console.log(`\nserver time / direct SQL at p50: ${(percentile(server, 50) / percentile(sql, 50)).toFixed(1)}×`);
} finally {
  await gateway.stop();
  await closeApp(app);
  await db.drop();
}
