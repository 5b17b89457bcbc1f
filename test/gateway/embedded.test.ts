import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../../gateway/db/embedded.ts';
import { closeApp, createApp } from '../../gateway/app.ts';
import { startServer, type GatewayServer } from '../../gateway/server.ts';
import { createMerchant } from '../../gateway/services/merchant.service.ts';
import type { App } from '../../gateway/context.ts';
import { Q } from './api.ts';
import { INTENT_EVENTS, wsClient } from './ws.ts';

/*
 * The zero-setup default: the same migrations and money code on the embedded PostgreSQL (PGlite),
 * with its one-session limit (transactions serialize), and data that survives a restart.
 */

const dir = mkdtempSync(join(tmpdir(), 'gc-embedded-'));
let pg: EmbeddedPostgres;
let app: App;
let server: GatewayServer;

async function boot() {
  pg = await startEmbeddedPostgres(join(dir, 'pg'));
  app = await createApp({ databaseUrl: pg.url, poolMax: 1, embedded: true });
  server = await startServer(app, { port: 0 });
}
async function shutdown() {
  await server.close();
  await closeApp(app);
  await pg.stop();
}

async function gql(key: string, query: string, variables: Record<string, unknown>) {
  const res = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = await res.json();
  assert.equal(body.errors, undefined, JSON.stringify(body.errors));
  return Object.values(body.data)[0] as any;
}

before(boot);
after(async () => {
  await shutdown();
  rmSync(dir, { recursive: true, force: true });
});

describe('embedded PostgreSQL', () => {
  it('runs the whole money path, serializes concurrent holds on one session, and persists across a restart', async () => {
    const m = await createMerchant(app.orm.em.fork(), 'Embedded');
    const issued = await gql(m.secretKey, Q.issue, { input: { count: 1, amount: 1000, currency: 'USD' } });
    const code = issued.cards[0].code;
    const intents = await Promise.all(Array.from({ length: 20 }, () =>
      gql(m.secretKey, Q.createIntent, { input: { amount: 100, currency: 'USD', orderRef: 'e' } })));
    const holds = await Promise.all(intents.map((i) =>
      gql(m.publishableKey, Q.placeHold, { input: { clientToken: i.clientToken, code, amount: 75 } })));
    const placed = holds.filter((h) => h.__typename === 'HoldPlaced');
    assert.equal(placed.length, 13, '13 × 75 = 975 fits in 1000; the rest are refused');
    assert.ok(holds.every((h) => h.__typename === 'HoldPlaced' || h.errorCode === 'INSUFFICIENT_FUNDS'));
    const cap = await gql(m.secretKey, Q.captureHold, { input: { holdId: placed[0].hold.id } });
    assert.equal(cap.hold.status, 'CAPTURED');
    const pending = intents.find((i) => i.intent.id === placed[1].intent.id)!;

    await shutdown();
    await boot();

    const bal = await gql(m.publishableKey, Q.balance, { code });
    assert.equal(bal.available, 1000 - 13 * 75);
    // The client token signed before the restart still verifies: signing keys live in the database.
    // Live events work in embedded mode too (in-process bus, no LISTEN connection).
    const sub = wsClient(`${server.url}/graphql`, { authorization: `Bearer ${m.publishableKey}`, clientToken: pending.clientToken });
    const s = sub.subscribe(INTENT_EVENTS, { intentId: pending.intent.id });
    await s.waitFor(1);
    const release = await gql(m.publishableKey, Q.releaseHold, { input: { holdId: placed[1].hold.id, clientToken: pending.clientToken } });
    assert.equal(release.hold.status, 'RELEASED');
    assert.deepEqual((await s.waitFor(2)).map((e) => e.type), ['INTENT_STATE', 'HOLD_RELEASED']);
    await sub.dispose();
    const [{ total }] = await app.orm.em.fork().execute('select coalesce(sum(amount), 0)::int as total from ledger_entry');
    assert.equal(total, 0);
  });
});
