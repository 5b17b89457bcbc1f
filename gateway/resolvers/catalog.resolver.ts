import { Kind, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';
import { loaders, type RequestContext } from '../context.ts';
import * as catalogService from '../services/catalog.service.ts';
import type { CatalogFilter } from '../generated/graphql.ts';

/** Names of the fields selected in a selection set (through fragments too). */
function fieldNames(set: SelectionSetNode | undefined, info: GraphQLResolveInfo, into = new Map<string, SelectionSetNode | undefined>()) {
  for (const s of set?.selections ?? []) {
    if (s.kind === Kind.FIELD) into.set(s.name.value, s.selectionSet);
    else if (s.kind === Kind.INLINE_FRAGMENT) fieldNames(s.selectionSet, info, into);
    else fieldNames(info.fragments[s.name.value]?.selectionSet, info, into);
  }
  return into;
}

/** Which parts of a catalog page the query asks for. */
function catalogWants(info: GraphQLResolveInfo) {
  const top = new Map<string, SelectionSetNode | undefined>();
  for (const node of info.fieldNodes) fieldNames(node.selectionSet, info, top);
  const node = fieldNames(fieldNames(top.get('edges'), info).get('node'), info);
  return { denominations: node.has('denominations') || node.has('available'), stats: top.has('totalCount') || top.has('facets') };
}

export const catalogResolvers = {
  Query: {
    catalog: (_: unknown, args: { filter?: CatalogFilter | null; first?: number | null; after?: string | null }, ctx: RequestContext, info: GraphQLResolveInfo) =>
      catalogService.catalog(ctx, args, catalogWants(info)),
  },
  BrandConnection: {
    totalCount: async (page: catalogService.CatalogPage) => (await page.stats()).totalCount,
    facets: async (page: catalogService.CatalogPage) => (await page.stats()).facets,
  },
  Brand: {
    denominations: (b: catalogService.BrandRow, _: unknown, ctx: RequestContext) => b.denominations ?? loaders(ctx).denominationsByBrand.load(b.id),
    available: (b: catalogService.BrandRow, _: unknown, ctx: RequestContext) => b.denominations
      ? b.active && b.denominations.some((d) => d.inStock)
      : loaders(ctx).denominationsByBrand.load(b.id).then((ds) => b.active && ds.some((d) => d.inStock)),
  },
};
