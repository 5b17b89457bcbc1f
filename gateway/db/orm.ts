import { MikroORM, type Options } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import { ENTITIES } from '../entities/index.ts';
import { log } from '../log.ts';
import { MIGRATIONS } from './migrations/index.ts';

export interface OrmOptions {
  /** postgres://… connection string. */
  url: string;
  /** Connection pool size; 1 for the embedded database (one session). */
  poolMax?: number;
  debug?: boolean;
}

export function ormConfig(opts: OrmOptions): Options {
  return {
    clientUrl: opts.url,
    entities: ENTITIES,
    extensions: [Migrator],
    pool: { min: 0, max: opts.poolMax ?? 20 },
    debug: opts.debug ?? false,
    logger: (message: string) => log('debug', message),
    allowGlobalContext: false,
    forceUtcTimezone: true,
    migrations: {
      migrationsList: MIGRATIONS,
      transactional: true,
      allOrNothing: true,
      snapshot: false,
    },
  };
}

/** Connects and applies pending migrations. */
export async function openOrm(opts: OrmOptions): Promise<MikroORM> {
  const orm = await MikroORM.init(ormConfig(opts));
  await orm.migrator.up();
  return orm;
}
