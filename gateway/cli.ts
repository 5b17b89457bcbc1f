import { parseArgs } from 'node:util';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { closeApp, createApp } from './app.ts';
import { startEmbeddedPostgres, EMBEDDED_PORT_FILE, type EmbeddedPostgres } from './db/embedded.ts';
import type { App, RequestContext } from './context.ts';
import { createApiKey, createLocation, createMerchant, rotateApiKey } from './services/merchant.service.ts';
import { issueGiftCards } from './services/gift-card.service.ts';
import { purgeIdempotencyRecords } from './services/idempotency.service.ts';
import { isErrorResult } from './domain/errors.ts';
import { report, reportCsv } from './services/report.service.ts';

const USAGE = `Usage: npm run gc -- <command> [options] [--json]

  merchant create --name <name>                      new merchant with a secret and a publishable key
  location create --merchant <id> --name <name>      new location
  key create --merchant <id> --kind secret|publishable
  key rotate --merchant <id> --kind secret|publishable [--grace-seconds 3600]
                                                     new key; current keys of that kind expire after the grace period
  cards issue --merchant <id> --count <n> --amount <minor units> --currency <ISO> [--campaign <name>]
              [--expires-at <ISO date>] [--with-pin] [--partner <name>]
                                                     issue cards (codes are printed once); --partner: partner-funded
  signing-key list | rotate | retire --kid <kid>     client-token signing keys
  idempotency purge                                  delete expired idempotency records
  report --merchant <id> --from <ISO date> --to <ISO date> [--location <id>] [--csv]
                                                     issued / redeemed / refunded / expired and liability, from the ledger

Uses DATABASE_URL, or the embedded database under .data/ (GC_DATA_DIR) when it is not set.`;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    name: { type: 'string' }, merchant: { type: 'string' }, kind: { type: 'string' }, 'grace-seconds': { type: 'string' },
    count: { type: 'string' }, amount: { type: 'string' }, currency: { type: 'string' }, campaign: { type: 'string' },
    'expires-at': { type: 'string' }, 'with-pin': { type: 'boolean' }, kid: { type: 'string' }, json: { type: 'boolean' },
    from: { type: 'string' }, to: { type: 'string' }, location: { type: 'string' }, csv: { type: 'boolean' }, partner: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
});

class UsageError extends Error {}

function need(name: keyof typeof values): string {
  const v = values[name];
  if (typeof v !== 'string' || v === '') throw new UsageError(`--${name} is required`);
  return v;
}

function kindOf(): 'SECRET' | 'PUBLISHABLE' {
  const k = need('kind').toLowerCase();
  if (k !== 'secret' && k !== 'publishable') throw new UsageError('--kind must be secret or publishable');
  return k === 'secret' ? 'SECRET' : 'PUBLISHABLE';
}

function intArg(name: keyof typeof values): number {
  const n = Number(need(name));
  if (!Number.isSafeInteger(n)) throw new UsageError(`--${name} must be an integer`);
  return n;
}

function print(result: unknown): void {
  if (result === undefined) return;
  if (values.json) process.stdout.write(JSON.stringify(result, null, 2) + '\n');
  else if (Array.isArray(result)) console.table(result);
  else for (const [k, v] of Object.entries(result as object)) console.log(`${k.padEnd(16)} ${typeof v === 'object' ? JSON.stringify(v) : v}`);
}

async function run(app: App, cmd: string): Promise<unknown> {
  const em = app.orm.em.fork();
  switch (cmd) {
    case 'merchant create':
      return createMerchant(em, need('name'));
    case 'location create':
      return createLocation(em, need('merchant'), need('name'));
    case 'key create':
      return { key: await createApiKey(em, need('merchant'), kindOf()) };
    case 'key rotate':
      return rotateApiKey(em, need('merchant'), kindOf(), values['grace-seconds'] ? intArg('grace-seconds') : 3600);
    case 'cards issue': {
      const ctx: RequestContext = { app, em, auth: { merchantId: need('merchant'), keyId: 'cli', kind: 'SECRET' }, clientIp: 'cli' };
      const r = await issueGiftCards(ctx, {
        count: intArg('count'), amount: intArg('amount'), currency: need('currency'),
        campaign: values.campaign ?? null, expiresAt: values['expires-at'] ? new Date(values['expires-at']) : null, withPin: values['with-pin'] ?? false,
        fundingSource: values.partner ? 'PARTNER' : 'MERCHANT', partner: values.partner ?? null,
      });
      if (isErrorResult(r)) throw new UsageError(`${r.errorCode}: ${r.message}`);
      return r.cards.map((c) => ({ code: c.code, pin: c.pin, id: c.card.id, amount: c.card.balance, currency: c.card.currency }));
    }
    case 'signing-key list':
      return app.keys.list();
    case 'signing-key rotate':
      return { kid: await app.keys.rotate() };
    case 'signing-key retire': {
      if (!(await app.keys.retire(need('kid')))) throw new UsageError('no VERIFY_ONLY key with that kid');
      return { retired: values.kid };
    }
    case 'report': {
      const from = new Date(need('from'));
      const to = new Date(need('to'));
      if (Number.isNaN(+from) || Number.isNaN(+to)) throw new UsageError('--from and --to must be ISO dates');
      const r = await report(em, need('merchant'), { from, to, locationId: values.location ?? null });
      if (values.csv) {
        process.stdout.write(reportCsv(r));
        return undefined;
      }
      return r;
    }
    case 'idempotency purge':
      return { deleted: await purgeIdempotencyRecords(em) };
    default:
      throw new UsageError(`unknown command "${cmd}"`);
  }
}

/** Connects to DATABASE_URL, to a running embedded gateway, or opens the embedded database itself. */
async function connect(): Promise<{ app: App; embedded: EmbeddedPostgres | null }> {
  if (process.env.DATABASE_URL) return { app: await createApp({ databaseUrl: process.env.DATABASE_URL, poolMax: 2, background: false }), embedded: null };
  const dataDir = process.env.GC_DATA_DIR ?? join(import.meta.dirname, '..', '.data');
  const portFile = join(dataDir, EMBEDDED_PORT_FILE);
  if (existsSync(portFile)) {
    const url = readFileSync(portFile, 'utf8').trim();
    try {
      return { app: await createApp({ databaseUrl: url, poolMax: 1, embedded: true, background: false }), embedded: null };
    } catch {
      // The gateway that wrote the file is gone; open the database here instead.
    }
  }
  const embedded = await startEmbeddedPostgres(join(dataDir, 'pg'));
  return { app: await createApp({ databaseUrl: embedded.url, poolMax: 1, embedded: true, background: false }), embedded };
}

const cmd = positionals[0] === 'report' ? 'report' : positionals.slice(0, 2).join(' ');
if (values.help || positionals.length === 0) {
  console.log(USAGE);
  process.exit(0);
}
process.env.GC_LOG ??= 'silent';
let conn: Awaited<ReturnType<typeof connect>> | null = null;
try {
  conn = await connect();
  print(await run(conn.app, cmd));
} catch (e) {
  console.error(e instanceof UsageError ? `gc: ${e.message}\n\n${USAGE}` : `gc: ${(e as Error).message}`);
  process.exitCode = e instanceof UsageError ? 2 : 1;
} finally {
  if (conn) await closeApp(conn.app);
  await conn?.embedded?.stop();
}
