import { Merchant } from '../entities/merchant.entity.ts';
import type { App } from '../context.ts';
import { createLocation, createMerchant } from '../services/merchant.service.ts';
import { seedCatalog } from './catalog-seed.ts';

export interface DemoMerchant {
  merchantId: string;
  secretKey: string;
  publishableKey: string;
  locationId: string;
}

/**
 * The demo merchant for the embedded database, with a catalog of ~40 brands. Created once; its keys are kept in the data folder
 * by the caller, because the database only stores their hashes.
 */
export async function seedDemoMerchant(app: App): Promise<DemoMerchant> {
  const em = app.orm.em.fork();
  const m = await createMerchant(em, 'Demo Store');
  const loc = await createLocation(em, m.merchantId, 'Web shop');
  await em.transactional((tem) => seedCatalog(tem, m.merchantId));
  return { merchantId: m.merchantId, secretKey: m.secretKey, publishableKey: m.publishableKey, locationId: loc.locationId };
}

export async function merchantExists(app: App, merchantId: string): Promise<boolean> {
  return (await app.orm.em.fork().count(Merchant, { id: merchantId })) === 1;
}
