import { defineEntity, p } from '@mikro-orm/postgresql';

/** A business that owns locations, API keys, gift cards and payment intents. Nothing crosses merchants. */
export const Merchant = defineEntity({
  name: 'Merchant',
  tableName: 'merchant',
  properties: {
    id: p.uuid().primary(),
    name: p.string().length(200),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});
export type MerchantEntity = InstanceType<typeof Merchant.class>;

/** A shop, till or site of a merchant; payment intents may name one. */
export const Location = defineEntity({
  name: 'Location',
  tableName: 'location',
  properties: {
    id: p.uuid().primary(),
    merchantId: p.uuid().index(),
    name: p.string().length(200),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});
export type LocationEntity = InstanceType<typeof Location.class>;
