import type { MikroORM } from '@mikro-orm/postgresql';
import { ApiKeyCache, type App } from './context.ts';
import { loadConfig, type GatewayConfig } from './config.ts';
import { openOrm } from './db/orm.ts';
import { SigningKeys } from './tokens/signing-keys.ts';

/** Connects to PostgreSQL, applies migrations and makes sure a signing key exists. */
export async function createApp(opts: { databaseUrl: string; poolMax?: number; config?: Partial<GatewayConfig> }): Promise<App> {
  const orm: MikroORM = await openOrm({ url: opts.databaseUrl, poolMax: opts.poolMax });
  const keys = new SigningKeys(orm.em);
  await keys.ensureActive();
  return { orm, keys, config: loadConfig(opts.config), auth: new ApiKeyCache(orm), lookupBuckets: new Map() };
}
