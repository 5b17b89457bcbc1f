import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestGateway, type TestGateway, type TestMerchant } from './harness.ts';
import { call } from './api.ts';
import { seedCatalog } from '../../gateway/db/catalog-seed.ts';

let gw: TestGateway;
let m: TestMerchant;
let big: TestMerchant;

before(async () => {
  gw = await startTestGateway();
  m = await gw.merchant('Catalog');
  big = await gw.merchant('Big catalog');
  await gw.app.orm.em.fork().transactional((em) => seedCatalog(em, m.merchantId));
  await gw.app.orm.em.fork().transactional((em) => seedCatalog(em, big.merchantId, 600));
  // Only the catalog's own statements are counted: the expiry sweeper and webhook worker pause.
  for (const worker of gw.app.background) await worker.stop();
});
after(() => gw.close());

const CATALOG = `query($filter: CatalogFilter, $first: Int, $after: String) { catalog(filter: $filter, first: $first, after: $after) {
  totalCount pageInfo { hasNextPage endCursor }
  facets { countries { value count } categories { value count } }
  edges { cursor node { id name slug country currency category description redemptionInstructions logoSvg available
    denominations { kind amount minAmount maxAmount step stock inStock } } } } }`;

/** Counts every SQL statement the gateway sends while `fn` runs. */
async function countStatements(fn: () => Promise<unknown>): Promise<number> {
  const conn = gw.app.orm.em.getConnection() as unknown as { executeQuery: (...a: unknown[]) => Promise<unknown> };
  const original = conn.executeQuery;
  let n = 0;
  conn.executeQuery = function (...args: unknown[]) {
    n++;
    if (process.env.SHOW_SQL) console.log(String(args[0]).slice(0, 120));
    return original.apply(this, args);
  };
  try {
    await fn();
  } finally {
    conn.executeQuery = original;
  }
  return n;
}

describe('catalog', () => {
  it('a page of 500 brands with every nested field costs at most 3 SQL statements', async () => {
    gw.app.auth.clear();
    await call(gw, big.publishableKey, '{ catalog(first: 1) { totalCount } }', {}); // warms the key cache
    let page: any;
    const n = await countStatements(async () => {
      page = await call(gw, big.publishableKey, CATALOG, { first: 500 });
    });
    assert.equal(page.edges.length, 500);
    assert.equal(page.totalCount, 600);
    assert.ok(page.edges.every((e: any) => e.node.denominations.length > 0));
    assert.ok(n <= 3, `${n} statements`);
  });

  it('tells the server time of each request in a Server-Timing header (readable cross-origin)', async () => {
    const res = await fetch(gw.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${m.publishableKey}`, origin: 'https://shop.example' },
      body: JSON.stringify({ query: '{ catalog(first: 1) { totalCount } }' }) });
    assert.match(res.headers.get('server-timing') ?? '', /^graphql;dur=\d+(\.\d)?$/);
    assert.match(res.headers.get('access-control-expose-headers') ?? '', /Server-Timing/);
  });

  it('pages in a stable order with cursors until the end', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page: any = await call(gw, m.publishableKey, CATALOG, { first: 7, after });
      seen.push(...page.edges.map((e: any) => e.node.name));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    assert.equal(seen.length, 40);
    assert.deepEqual(seen, [...seen].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    assert.equal(new Set(seen).size, 40);
    const bad = await gw.gql(m.publishableKey, CATALOG, { after: 'nonsense' });
    assert.equal(bad.body.errors?.[0].extensions?.code, 'BAD_USER_INPUT');
  });

  it('filters by country, currency, category and accent-insensitive search; facets count per dimension', async () => {
    const all: any = await call(gw, m.publishableKey, CATALOG, { first: 100 });
    assert.ok(all.facets.countries.length >= 5 && all.facets.categories.length >= 6);
    const de: any = await call(gw, m.publishableKey, CATALOG, { filter: { country: 'DE' }, first: 100 });
    assert.ok(de.edges.length > 0 && de.edges.every((e: any) => e.node.country === 'DE'));
    assert.equal(de.totalCount, all.facets.countries.find((f: any) => f.value === 'DE').count);
    assert.deepEqual(de.facets.countries, all.facets.countries, 'the country facet ignores the country filter');
    const cafe: any = await call(gw, m.publishableKey, CATALOG, { filter: { search: 'CAFE' } });
    assert.deepEqual(cafe.edges.map((e: any) => e.node.name), ['Café Crème']);
    const alesund: any = await call(gw, m.publishableKey, CATALOG, { filter: { search: 'alesund' } });
    assert.deepEqual(alesund.edges.map((e: any) => e.node.name), ['Ålesund Bakery']);
    const none: any = await call(gw, m.publishableKey, CATALOG, { filter: { search: '%' } });
    assert.equal(none.totalCount, 0, 'wildcards are literal');
    const eurFood: any = await call(gw, m.publishableKey, CATALOG, { filter: { currency: 'EUR', category: 'Food & Drink' }, first: 100 });
    assert.ok(eurFood.edges.every((e: any) => e.node.currency === 'EUR' && e.node.category === 'Food & Drink'));
  });

  it('shows both denomination kinds, stock, and sold-out brands as unavailable; logos are local SVG; merchants see only their own', async () => {
    const all: any = await call(gw, m.publishableKey, CATALOG, { first: 100 });
    const kinds = new Set(all.edges.flatMap((e: any) => e.node.denominations.map((d: any) => d.kind)));
    assert.deepEqual([...kinds].sort(), ['FIXED', 'RANGE']);
    const soldOut = all.edges.filter((e: any) => !e.node.available);
    assert.ok(soldOut.length >= 2, 'a few are out of stock');
    assert.ok(soldOut.every((e: any) => e.node.denominations.every((d: any) => !d.inStock)));
    assert.ok(all.edges.every((e: any) => e.node.logoSvg.startsWith('<svg') && !/https?:\/\//.test(e.node.logoSvg.replace('http://www.w3.org/2000/svg', ''))));
    const theirs: any = await call(gw, big.publishableKey, CATALOG, { filter: { search: 'cafe creme' }, first: 100 });
    assert.ok(theirs.edges.every((e: any) => !all.edges.some((x: any) => x.node.id === e.node.id)));
  });
});
