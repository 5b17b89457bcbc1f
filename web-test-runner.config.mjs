// Widget tests in real Chromium against a real gateway on a fresh test database.
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { startTestGateway } from './test/gateway/harness.ts';
import { issueCards, createIntent } from './test/gateway/api.ts';
import { seedCatalog } from './gateway/db/catalog-seed.ts';

const CHROME_ARGS = ['--no-sandbox', '--headless=new', '--disable-gpu', '--disable-dev-shm-usage',
  '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run',
  // A synthetic camera that needs no permission prompt, for the tender's scan path.
  '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream'];

/** Starts the gateway for the run and serves its address, keys and some cards at /__gateway.json. */
function gatewayPlugin() {
  let gw;
  let fixture;
  let merchant;
  return {
    name: 'gc-test-gateway',
    async serverStart() {
      gw = await startTestGateway();
      const m = await gw.merchant('Widget tests');
      merchant = m;
      await gw.app.orm.em.fork().transactional((em) => seedCatalog(em, m.merchantId));
      const limited = await gw.merchant('Widget tests (rate limit)');
      const [usd] = await issueCards(gw, m, 1, 2550, 'USD');
      const [eur] = await issueCards(gw, m, 1, 1234, 'EUR', { withPin: true });
      fixture = {
        endpoint: gw.url,
        publishableKey: m.publishableKey,
        rateLimitedKey: limited.publishableKey,
        cards: { usd: { code: usd.code, balance: 2550 }, eur: { code: eur.code, pin: eur.pin, balance: 1234 } },
      };
    },
    async serverStop() {
      await gw?.close();
    },
    async serve(context) {
      if (context.path === '/__gateway.json') return { body: JSON.stringify(fixture), type: 'application/json' };
      // What a merchant's server does: create an intent with the secret key; issue cards.
      if (context.path === '/__intent') {
        const amount = Number(context.query.amount ?? 1000);
        const ttlSeconds = context.query.ttl ? Number(context.query.ttl) : undefined;
        const { id, clientToken } = await createIntent(gw, merchant, amount, ttlSeconds ? { ttlSeconds } : {});
        return { body: JSON.stringify({ id, clientToken }), type: 'application/json' };
      }
      if (context.path === '/__cards') {
        const cards = await issueCards(gw, merchant, Number(context.query.count ?? 1), Number(context.query.amount ?? 1000));
        return { body: JSON.stringify(cards.map((c) => c.code)), type: 'application/json' };
      }
    },
  };
}

export default {
  files: 'test/widget/**/*.test.ts',
  nodeResolve: true,
  concurrency: 1,
  testsFinishTimeout: 120_000,
  plugins: [esbuildPlugin({ ts: true, tsconfig: './tsconfig.json', target: 'es2022' }), gatewayPlugin()],
  browsers: [chromeLauncher({ launchOptions: { executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium', headless: true, args: CHROME_ARGS } })],
  testFramework: { config: { timeout: 10_000 } },
};
