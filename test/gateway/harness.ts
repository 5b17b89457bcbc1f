import pg from 'pg';
import { closeApp, createApp } from '../../gateway/app.ts';
import { startServer, type GatewayServer } from '../../gateway/server.ts';
import { createLocation, createMerchant, type NewMerchant } from '../../gateway/services/merchant.service.ts';
import type { App } from '../../gateway/context.ts';
import type { GatewayConfig } from '../../gateway/config.ts';
import { dbUrl, scratchDatabase } from '../support/pg.ts';

process.env.GC_LOG ??= 'silent';

export { ADMIN_URL, adminQuery, dbUrl } from '../support/pg.ts';

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
  /** Another gateway (own App, own port) on the same database, as a second instance would be. */
  secondInstance(): Promise<{ app: App; url: string; gql<T = any>(key: string, query: string, variables?: Record<string, unknown>): Promise<GqlResponse<T>>; close(): Promise<void> }>;
  gql<T = any>(key: string | null, query: string, variables?: Record<string, unknown>): Promise<GqlResponse<T>>;
  close(): Promise<void>;
}

/** A gateway on a fresh database, listening on a free loopback port. */
export async function startTestGateway(opts: { config?: Partial<GatewayConfig>; poolMax?: number } = {}): Promise<TestGateway> {
  const db = await scratchDatabase('gc_test');
  const dbName = db.name;
  const app = await createApp({ databaseUrl: db.url, poolMax: opts.poolMax ?? 24, config: opts.config });
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
    gql: (key, query, variables) => post(server.url, key, query, variables),
    async secondInstance() {
      const app2 = await createApp({ databaseUrl: db.url, poolMax: 4 });
      const server2 = await startServer(app2, { port: 0 });
      return {
        app: app2,
        url: `${server2.url}/graphql`,
        gql: (key, query, variables) => post(server2.url, key, query, variables),
        async close() {
          await server2.close();
          await closeApp(app2);
        },
      };
    },
    async close() {
      await server.close();
      await closeApp(app);
      await pool.end();
      await db.drop();
    },
  };
}

async function post(base: string, key: string | null, query: string, variables?: Record<string, unknown>): Promise<GqlResponse> {
  const res = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return { status: res.status, body: await res.json() };
}
