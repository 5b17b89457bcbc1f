import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { join } from 'node:path';
import { dbUrl, startTestGateway, type TestGateway } from './harness.ts';
import { Q, call } from './api.ts';

const run = promisify(execFile);
const CLI = join(import.meta.dirname, '..', '..', 'gateway', 'cli.ts');

let gw: TestGateway;
before(async () => {
  gw = await startTestGateway();
});
after(() => gw.close());

async function gc(...args: string[]) {
  const { stdout } = await run(process.execPath, [CLI, ...args, '--json'], { env: { ...process.env, DATABASE_URL: dbUrl(gw.dbName) } });
  return JSON.parse(stdout);
}

describe('npm run gc', () => {
  it('creates a merchant, a location and cards whose keys and codes work against the API', async () => {
    const m = await gc('merchant', 'create', '--name', 'CLI shop');
    assert.match(m.secretKey, /^sk_/);
    assert.match(m.publishableKey, /^pk_/);
    const loc = await gc('location', 'create', '--merchant', m.merchantId, '--name', 'Till 1');
    const cards = await gc('cards', 'issue', '--merchant', m.merchantId, '--count', '2', '--amount', '1500', '--currency', 'GBP', '--with-pin');
    const funded = await gc('cards', 'issue', '--merchant', m.merchantId, '--count', '1', '--amount', '700', '--currency', 'GBP', '--partner', 'Acme');
    const [row] = await gw.sql('select funding_source, partner from gift_card where id = $1', [funded[0].id]);
    assert.deepEqual([row.funding_source, row.partner], ['PARTNER', 'Acme']);
    assert.equal(cards.length, 2);
    const bal = await call(gw, m.publishableKey, Q.balance, { code: cards[0].code, pin: cards[0].pin });
    assert.deepEqual([bal.available, bal.currency], [1500, 'GBP']);
    const intent = await call(gw, m.secretKey, Q.createIntent, { input: { amount: 100, currency: 'GBP', orderRef: 'cli', locationId: loc.locationId } });
    assert.equal(intent.__typename, 'PaymentIntentCreated');
    const rotated = await gc('key', 'rotate', '--merchant', m.merchantId, '--kind', 'publishable', '--grace-seconds', '0');
    gw.app.auth.clear();
    assert.equal((await gw.gql(m.publishableKey, Q.balance, { code: cards[0].code })).status, 401);
    assert.equal((await call(gw, rotated.key, Q.balance, { code: cards[0].code, pin: cards[0].pin })).available, 1500);
  });

  it('refuses bad arguments with exit code 2 and usage', async () => {
    await assert.rejects(gc('cards', 'issue', '--merchant', 'x'), (e: { code: number; stderr: string }) => e.code === 2 && /--count is required/.test(e.stderr));
  });
});
