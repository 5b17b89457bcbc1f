import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createApp } from '../../gateway/app.ts';
import { startServer, type GatewayServer } from '../../gateway/server.ts';
import { createLocation, createMerchant, type NewMerchant } from '../../gateway/services/merchant.service.ts';
import type { App } from '../../gateway/context.ts';
import type { GatewayConfig } from '../../gateway/config.ts';

/** The PostgreSQL server tests run on; each test file creates and drops its own database there. */
export const ADMIN_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

process.env.GC_LOG ??= 'silent';

export function dbUrl(name: string): string {
  const u = new URL(ADMIN_URL);
  u.pathname = `/${name}`;
  return u.toString();
}

export async function adminQuery(sql: string): Promise<void> {
  const c = new pg.Client({ connectionString: ADMIN_URL });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

export interface TestMerchant extends NewMerchant {
  locationId: string;
}

export interface GqlResponse<T = any> {
  status: number;
  body: { data?: T; errors?: { message: string; extensions?: { code?: string } }[] };
}

export interface TestGateway {
  app: App;
  server: GatewayServer;
  url: string;
  dbName: string;
  /** Runs SQL on the test database (own pool, outside the gateway). */
  sql<R = any>(text: string, params?: unknown[]): Promise<R[]>;
  /** A raw client on the test database, for holding locks across requests. */
  client(): Promise<pg.Client>;
  merchant(name?: string): Promise<TestMerchant>;
  gql<T = any>(key: string | null, query: string, variables?: Record<string, unknown>): Promise<GqlResponse<T>>;
  close(): Promise<void>;
}

/** A gateway on a fresh database, listening on a free loopback port. */
export async function startTestGateway(opts: { config?: Partial<GatewayConfig>; poolMax?: number } = {}): Promise<TestGateway> {
  const dbName = `gc_test_${randomBytes(6).toString('hex')}`;
  await adminQuery(`create database ${dbName}`);
  const app = await createApp({ databaseUrl: dbUrl(dbName), poolMax: opts.poolMax ?? 24, config: opts.config });
  const server = await startServer(app, { port: 0 });
  const pool = new pg.Pool({ connectionString: dbUrl(dbName), max: 4 });
  return {
    app,
    server,
    url: `${server.url}/graphql`,
    dbName,
    async sql(text, params) {
      return (await pool.query(text, params as unknown[])).rows;
    },
    async client() {
      const c = new pg.Client({ connectionString: dbUrl(dbName) });
      await c.connect();
      return c;
    },
    async merchant(name = 'Test merchant') {
      const m = await createMerchant(app.orm.em.fork(), name);
      const loc = await createLocation(app.orm.em.fork(), m.merchantId, 'Main street');
      return { ...m, locationId: loc.locationId };
    },
    async gql(key, query, variables) {
      const res = await fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
        body: JSON.stringify({ query, variables }),
      });
      return { status: res.status, body: await res.json() };
    },
    async close() {
      await server.close();
      await app.orm.close(true);
      await pool.end();
      await adminQuery(`drop database if exists ${dbName} with (force)`);
    },
  };
}
