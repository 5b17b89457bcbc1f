import type { MikroORM } from '@mikro-orm/postgresql';
import { ApiKeyCache, type App } from './context.ts';
import { loadConfig, type GatewayConfig } from './config.ts';
import { openOrm } from './db/orm.ts';
import { SigningKeys } from './tokens/signing-keys.ts';
import { EventBus } from './events/bus.ts';

/** Connects to PostgreSQL, applies migrations, makes sure a signing key exists, starts the event bus. */
export async function createApp(opts: { databaseUrl: string; poolMax?: number; embedded?: boolean; config?: Partial<GatewayConfig> }): Promise<App> {
  const orm: MikroORM = await openOrm({ url: opts.databaseUrl, poolMax: opts.poolMax });
  const keys = new SigningKeys(orm.em);
  await keys.ensureActive();
  const bus = new EventBus(orm, opts.embedded ? null : opts.databaseUrl);
  await bus.start();
  return { orm, keys, config: loadConfig(opts.config), auth: new ApiKeyCache(orm), lookupBuckets: new Map(), bus };
}

/** Stops background work and closes database connections. */
export async function closeApp(app: App): Promise<void> {
  await app.bus.stop();
  await app.orm.close(true);
}
