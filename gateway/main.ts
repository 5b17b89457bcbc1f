import './production.ts';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { closeApp, createApp } from './app.ts';
import { startServer } from './server.ts';
import { startEmbeddedPostgres, EMBEDDED_PORT_FILE, type EmbeddedPostgres } from './db/embedded.ts';
import { merchantExists, seedDemoMerchant, type DemoMerchant } from './db/seed.ts';
import { log } from './log.ts';
import { mountDemoStore } from '../demo-store/index.ts';

/**
 * `npm start`: one process, one port. With DATABASE_URL it uses that PostgreSQL; without it, an
 * embedded PostgreSQL under .data/. With the embedded database (or GC_DEMO=1) it also creates a demo
 * merchant, prints its keys, and serves the demo store at /.
 */
const root = join(import.meta.dirname, '..');
const port = Number(process.env.PORT ?? 4000);
const host = process.env.HOST ?? '127.0.0.1';
const dataDir = process.env.GC_DATA_DIR ?? join(root, '.data');

let embedded: EmbeddedPostgres | null = null;
let databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) {
  embedded = await startEmbeddedPostgres(join(dataDir, 'pg'));
  databaseUrl = embedded.url;
  writeFileSync(join(dataDir, EMBEDDED_PORT_FILE), embedded.url + '\n');
  log('info', 'embedded PostgreSQL started', { dataDir });
}

const app = await createApp({ databaseUrl, embedded: embedded !== null, poolMax: embedded ? 1 : Number(process.env.GC_POOL_MAX ?? 20) });
let demo: DemoMerchant | null = null;
if (embedded || process.env.GC_DEMO === '1') {
  mkdirSync(dataDir, { recursive: true });
  const demoFile = join(dataDir, 'demo-merchant.json');
  if (existsSync(demoFile)) demo = JSON.parse(readFileSync(demoFile, 'utf8')) as DemoMerchant;
  if (!demo || !(await merchantExists(app, demo.merchantId))) {
    demo = await seedDemoMerchant(app);
    writeFileSync(demoFile, JSON.stringify(demo, null, 2) + '\n', { mode: 0o600 });
    log('info', 'demo merchant created', { merchantId: demo.merchantId });
  }
}

let graphqlUrl = '';
let store: ReturnType<typeof mountDemoStore> | null = null;
const server = await startServer(app, {
  port,
  host,
  mount: demo ? (api) => void (store = mountDemoStore(api, { keys: demo, graphqlUrl: () => graphqlUrl, dataDir })) : undefined,
});
graphqlUrl = `${server.url}/graphql`;
(store as ReturnType<typeof mountDemoStore> | null)?.start();
log('info', 'gateway listening', { url: server.url, graphql: `${server.url}/graphql` });
const banner = [
  '',
  `  giftcard gateway: ${server.url}/graphql`,
  ...(demo
    ? [
        `  demo merchant:    ${demo.merchantId}`,
        `  secret key:       ${demo.secretKey}`,
        `  publishable key:  ${demo.publishableKey}`,
        `  location:         ${demo.locationId}`,
        `  demo store:       ${server.url}/`,
      ]
    : []),
  '',
];
process.stdout.write(banner.join('\n') + '\n');

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  log('info', 'shutting down', { signal });
  try {
    await store?.close();
    await server.close();
    log('info', 'http closed');
    await closeApp(app);
    log('info', 'database connections closed');
    await embedded?.stop();
    if (embedded) rmSync(join(dataDir, EMBEDDED_PORT_FILE), { force: true });
  } finally {
    process.exit(0);
  }
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
