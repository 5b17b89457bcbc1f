import { GraphQLError } from 'graphql';
import type { EntityManager } from '@mikro-orm/postgresql';
import { loaders, type RequestContext } from '../context.ts';
import type { CatalogFilter } from '../generated/graphql.ts';

/*
 * The catalog: one statement for a page of brands, one for totalCount + facets (only if asked),
 * and one for the page's denominations (per-request DataLoader) — at most 3 whatever the page size.
 */

export const MAX_PAGE = 500;

export interface BrandRow {
  id: string; name: string; slug: string; country: string; currency: string; category: string;
  description: string; redemptionInstructions: string; logoSvg: string; active: boolean;
  /** Filled for a whole page at once (through the request's DataLoader), so that brand fields resolve without a promise each. */
  denominations?: DenominationDto[];
}

export interface DenominationDto {
  kind: 'FIXED' | 'RANGE'; amount: number | null; minAmount: number | null; maxAmount: number | null;
  step: number | null; stock: number | null; inStock: boolean;
}

/** Lower case without accents ("Café" → "cafe"): how names are stored for search and how queries are matched. */
export function searchable(text: string): string {
  return text.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLowerCase();
}

function encodeCursor(name: string, id: string): string {
  return Buffer.from(JSON.stringify([name, id])).toString('base64url');
}

function decodeCursor(cursor: string): [string, string] {
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString());
    if (Array.isArray(v) && v.length === 2 && v.every((x) => typeof x === 'string')) return v as [string, string];
  } catch { /* fall through */ }
  throw new GraphQLError('`after` is not a cursor from this catalog.', { extensions: { code: 'BAD_USER_INPUT' } });
}

/** WHERE clause for the filter; `skip` leaves one dimension out (for its own facet). */
function where(merchantId: string, f: CatalogFilter | null | undefined, skip?: 'country' | 'category') {
  const parts = ['b.merchant_id = ?', 'b.active'];
  const params: unknown[] = [merchantId];
  if (f?.country && skip !== 'country') (parts.push('b.country = ?'), params.push(f.country.toUpperCase()));
  if (f?.currency) (parts.push('b.currency = ?'), params.push(f.currency.toUpperCase()));
  if (f?.category && skip !== 'category') (parts.push('b.category = ?'), params.push(f.category));
  if (f?.search?.trim()) {
    parts.push(`b.search_name like ? escape '!'`);
    params.push(`%${searchable(f.search.trim()).replace(/[!%_]/g, (c) => `!${c}`)}%`);
  }
  return { sql: parts.join(' and '), params };
}

export interface CatalogPage {
  edges: { cursor: string; node: BrandRow }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  /** Loaded on first use: totalCount and facets share one statement. */
  stats: () => Promise<{ totalCount: number; facets: { countries: { value: string; count: number }[]; categories: { value: string; count: number }[] } }>;
}

/**
 * One page. `wants` says which parts the query selects: the page's denominations are loaded (one
 * statement, through the request's DataLoader) while the totalCount/facets statement runs.
 */
export async function catalog(ctx: RequestContext, args: { filter?: CatalogFilter | null; first?: number | null; after?: string | null },
  wants: { denominations: boolean; stats: boolean } = { denominations: true, stats: true }): Promise<CatalogPage> {
  const first = args.first ?? 24;
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE) {
    throw new GraphQLError(`first must be 1 to ${MAX_PAGE}.`, { extensions: { code: 'BAD_USER_INPUT' } });
  }
  const w = where(ctx.auth.merchantId, args.filter);
  const params = [...w.params];
  let after = '';
  if (args.after) {
    const [name, id] = decodeCursor(args.after);
    after = ' and (b.name, b.id) > (?, ?)';
    params.push(name, id);
  }
  const em = ctx.em.fork();
  const rows = await em.execute<Record<string, any>[]>(
    `select b.id, b.name, b.slug, b.country, b.currency, b.category, b.description, b.redemption_instructions, b.logo_svg, b.active
       from brand b where ${w.sql}${after} order by b.name, b.id limit ${first + 1}`, params);
  const page = rows.slice(0, first).map((r): BrandRow => ({
    id: r.id, name: r.name, slug: r.slug, country: r.country, currency: r.currency, category: r.category,
    description: r.description, redemptionInstructions: r.redemption_instructions, logoSvg: r.logo_svg, active: r.active,
  }));
  let stats: ReturnType<CatalogPage['stats']> | null = null;
  const statsOnce = () => (stats ??= catalogStats(em, ctx.auth.merchantId, args.filter));
  if (wants.stats) void statsOnce().catch(() => {}); // started now; awaited (and its error surfaced) by its fields
  if (wants.denominations && page.length > 0) {
    const all = await loaders(ctx).denominationsByBrand.loadMany(page.map((b) => b.id));
    page.forEach((b, i) => {
      const d = all[i];
      if (d instanceof Error) throw d;
      b.denominations = d;
    });
  }
  return {
    edges: page.map((b) => ({ cursor: encodeCursor(b.name, b.id), node: b })),
    pageInfo: { hasNextPage: rows.length > first, endCursor: page.length ? encodeCursor(page.at(-1)!.name, page.at(-1)!.id) : null },
    stats: statsOnce,
  };
}

async function catalogStats(em: EntityManager, merchantId: string, filter: CatalogFilter | null | undefined) {
  const all = where(merchantId, filter);
  const noCountry = where(merchantId, filter, 'country');
  const noCategory = where(merchantId, filter, 'category');
  const rows = await em.execute<{ dim: string; value: string | null; n: number }[]>(
    `select 'total' as dim, null as value, count(*)::int as n from brand b where ${all.sql}
     union all select 'country', b.country, count(*)::int from brand b where ${noCountry.sql} group by b.country
     union all select 'category', b.category, count(*)::int from brand b where ${noCategory.sql} group by b.category`,
    [...all.params, ...noCountry.params, ...noCategory.params]);
  const facet = (dim: string) => rows.filter((r) => r.dim === dim).map((r) => ({ value: r.value!, count: r.n }))
    .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
  return { totalCount: rows.find((r) => r.dim === 'total')?.n ?? 0, facets: { countries: facet('country'), categories: facet('category') } };
}

/** Denominations of several brands in one statement (for the per-request DataLoader). */
export async function denominationsByBrand(em: EntityManager, brandIds: readonly string[]): Promise<DenominationDto[][]> {
  const rows = await em.fork().execute<Record<string, any>[]>(
    `select brand_id, kind, amount, min_amount, max_amount, step, stock from brand_denomination
      where brand_id in (${brandIds.map(() => '?').join(',')}) order by brand_id, kind, amount, min_amount`, [...brandIds]);
  const by = new Map<string, DenominationDto[]>(brandIds.map((id) => [id, []]));
  const num = (v: unknown) => (v == null ? null : Number(v));
  for (const r of rows) {
    by.get(r.brand_id)?.push({
      kind: r.kind, amount: num(r.amount), minAmount: num(r.min_amount), maxAmount: num(r.max_amount), step: num(r.step),
      stock: r.stock == null ? null : Number(r.stock), inStock: r.kind === 'RANGE' || r.stock == null || Number(r.stock) > 0,
    });
  }
  return brandIds.map((id) => by.get(id)!);
}
