import { loaders, type RequestContext } from '../context.ts';
import * as catalogService from '../services/catalog.service.ts';
import type { CatalogFilter } from '../generated/graphql.ts';


export const catalogResolvers = {
  Query: {
    catalog: (_: unknown, args: { filter?: CatalogFilter | null; first?: number | null; after?: string | null }, ctx: RequestContext) =>
      catalogService.catalog(ctx, args),
  },
  BrandConnection: {
    totalCount: async (page: catalogService.CatalogPage) => (await page.stats()).totalCount,
    facets: async (page: catalogService.CatalogPage) => (await page.stats()).facets,
  },
  Brand: {
    denominations: (b: catalogService.BrandRow, _: unknown, ctx: RequestContext) => loaders(ctx).denominationsByBrand.load(b.id),
    available: async (b: catalogService.BrandRow, _: unknown, ctx: RequestContext) =>
      b.active && (await loaders(ctx).denominationsByBrand.load(b.id)).some((d) => d.inStock),
  },
};
