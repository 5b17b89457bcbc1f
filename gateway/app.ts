import type { MikroORM } from '@mikro-orm/postgresql';
import { ApiKeyCache, type App } from './context.ts';
import { loadConfig, type GatewayConfig } from './config.ts';
import { openOrm } from './db/orm.ts';
import { SigningKeys } from './tokens/signing-keys.ts';
import { EventBus } from './events/bus.ts';
import { ExpirySweeper } from './events/sweeper.ts';
import { WebhookWorker } from './events/webhooks.ts';
import { MailWorker } from './services/mail.service.ts';

/** Connects to PostgreSQL, applies migrations, makes sure a signing key exists, starts the event bus. */
export interface AppOptions {
  databaseUrl: string;
  poolMax?: number;
  /** Embedded PostgreSQL: one process, no LISTEN connection. */
  embedded?: boolean;
  /** Run the expiry sweeper, webhook delivery and event listening in this process (default true; the CLI says false). */
  background?: boolean;
  config?: Partial<GatewayConfig>;
}

export async function createApp(opts: AppOptions): Promise<App> {
  const orm: MikroORM = await openOrm({ url: opts.databaseUrl, poolMax: opts.poolMax });
  const keys = new SigningKeys(orm.em);
  await keys.ensureActive();
  // Processes without background work (the CLI, benchmark set-up) serve no subscribers: no LISTEN connection.
  const listen = !opts.embedded && (opts.background ?? true);
  const bus = new EventBus(orm, listen ? opts.databaseUrl : null);
  await bus.start();
  const app: App = { orm, keys, config: loadConfig(opts.config), auth: new ApiKeyCache(orm), lookupBuckets: new Map(), bus, background: [] };
  if (opts.background ?? true) {
    const sweeper = new ExpirySweeper(app, { expiringLeadSeconds: app.config.expiringLeadSeconds });
    sweeper.start();
    const webhooks = new WebhookWorker(app);
    webhooks.start();
    const mail = new MailWorker(app);
    mail.start();
    app.background.push(sweeper, webhooks, mail);
  }
  return app;
}

/** Stops background work and closes database connections. */
export async function closeApp(app: App): Promise<void> {
  for (const worker of app.background) await worker.stop();
  await app.bus.stop();
  await app.orm.close(true);
}
