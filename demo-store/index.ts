import express from 'express';
import { join } from 'node:path';
import { MerchantApi, GatewayError, type StoreKeys } from './merchant-api.ts';
import { OrderBook } from './orders.ts';
import { RedemptionFeed } from './feed.ts';
import { Q, receipt, storeRoutes } from './routes.ts';
import { productById } from './products.ts';
import * as pages from './pages.ts';

export type { StoreKeys };

/**
 * Mounts the demo store on the gateway's HTTP server: pages at /, its server routes at /store/api,
 * assets at /store. It is a separate merchant app that happens to share the process: it reaches the
 * gateway over HTTP with its secret key, like any merchant backend.
 */
export function mountDemoStore(app: express.Express, opts: { keys: StoreKeys; graphqlUrl: () => string; dataDir: string }) {
  const root = join(import.meta.dirname, '..');
  const api = new MerchantApi(opts.keys, opts.graphqlUrl);
  const orders = new OrderBook(join(opts.dataDir, 'store-orders.json'));
  const feed = new RedemptionFeed(api);
  const page = (active: string, title: string, body: string, script?: string) => (req: express.Request, res: express.Response) =>
    void res.type('html').send(pages.layout(req, opts.keys.publishableKey, { title, active, body, script }));

  app.use('/store/api', storeRoutes(api, orders, feed));
  app.use('/store/js', express.static(join(root, 'dist', 'store', 'js'), { fallthrough: false, maxAge: '5m' }));
  app.use('/store', express.static(join(import.meta.dirname, 'public'), { maxAge: '5m' }));
  app.get('/store/products/:file', (req, res) => {
    const p = productById(String(req.params.file).replace(/\.svg$/, ''));
    if (!p) return void res.status(404).end();
    res.type('image/svg+xml').set('cache-control', 'public, max-age=3600').send(p.svg);
  });

  app.get('/', page('/', 'Shop', pages.shopPage(), 'shop'));
  app.get('/checkout', (req, res) => {
    const ttl = Number(req.query.ttl);
    page('/checkout', 'Checkout', pages.checkoutPage(Number.isSafeInteger(ttl) && ttl >= 2 && ttl <= 900 ? ttl : null), 'checkout')(req, res);
  });
  app.get('/orders/:id', async (req, res) => {
    try {
      const r = await receipt(api, orders, String(req.params.id));
      page('', `Order ${r.order.id}`, pages.receiptPage(r), 'common')(req, res);
    } catch (e) {
      res.status(e instanceof GatewayError ? e.status : 500);
      page('', 'Not found', pages.notFoundPage(e instanceof GatewayError ? e.message : 'Something went wrong.'))(req, res);
    }
  });
  app.get('/wallet', page('/wallet', 'Wallet', pages.walletPage(), 'wallet'));
  app.get('/wallet/approve', page('/wallet', 'Approve payment', pages.approvePage(), 'approve'));
  app.get('/merchant', page('/merchant', 'Merchant', pages.merchantPage(), 'merchant'));
  app.get('/merchant/mailbox', async (req, res) => {
    try {
      const messages = (await api.query(Q.mailbox)).mailbox;
      page('/merchant', 'Mailbox', pages.mailboxPage(messages))(req, res);
    } catch (e) {
      res.status(502);
      page('/merchant', 'Mailbox', pages.notFoundPage(e instanceof Error ? e.message : 'The mailbox could not be loaded.'))(req, res);
    }
  });
  app.get('/balance', page('/balance', 'Check balance', pages.balancePage(), 'common'));

  return {
    /** Starts following the merchant's redemption events (call once the gateway listens). */
    start() {
      feed.start();
    },
    async close() {
      feed.stop();
      await api.close();
    },
  };
}
