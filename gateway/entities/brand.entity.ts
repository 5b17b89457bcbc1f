import { defineEntity, p } from '@mikro-orm/postgresql';

/** A gift-card brand a merchant sells (catalog). */
export const Brand = defineEntity({
  name: 'Brand',
  tableName: 'brand',
  properties: {
    id: p.uuid().primary(),
    merchantId: p.uuid(),
    name: p.string().length(200),
    slug: p.string().length(200),
    /** name without accents, lower case: what catalog search matches. */
    searchName: p.string().length(200),
    country: p.string().length(2),
    currency: p.string().length(3),
    category: p.string().length(50),
    description: p.text(),
    redemptionInstructions: p.text(),
    logoSvg: p.text(),
    active: p.boolean().default(true),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});
export type BrandEntity = InstanceType<typeof Brand.class>;

export const DENOMINATION_KINDS = ['FIXED', 'RANGE'] as const;

/** A fixed amount (with stock, null = unlimited) or a range (min, max, step) of a brand. */
export const BrandDenomination = defineEntity({
  name: 'BrandDenomination',
  tableName: 'brand_denomination',
  properties: {
    id: p.uuid().primary(),
    brandId: p.uuid(),
    kind: p.enum(DENOMINATION_KINDS),
    amount: p.bigint('number').nullable(),
    minAmount: p.bigint('number').nullable(),
    maxAmount: p.bigint('number').nullable(),
    step: p.bigint('number').nullable(),
    stock: p.integer().nullable(),
  },
});
export type BrandDenominationEntity = InstanceType<typeof BrandDenomination.class>;
