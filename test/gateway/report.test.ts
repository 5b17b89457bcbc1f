import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { join } from 'node:path';
import { dbUrl, startTestGateway, type TestGateway, type TestMerchant } from './harness.ts';
import { Q, assertLedgerInvariants, call, createIntent, issueCards } from './api.ts';

let gw: TestGateway;
let m: TestMerchant;

before(async () => {
  gw = await startTestGateway();
  m = await gw.merchant('Reports');
});
after(async () => {
  await assertLedgerInvariants(gw);
  await gw.close();
});

const REPORT = `query($from: DateTime!, $to: DateTime!, $locationId: ID) { report(from: $from, to: $to, locationId: $locationId) {
  lines { currency locationId issued redeemed refunded expiredReleased } liability { currency outstanding }
  liabilityByFunding { currency fundingSource partner outstanding } } }`;

describe('report', () => {
  it('equals what a random workload did: issued, redeemed, refunded, expired; liability = issued − redeemed + refunded', async () => {
    const from = new Date(Date.now() - 1000).toISOString();
    let seed = 42;
    const rnd = (n: number) => Math.floor((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 65536) % n;
    const expected = { issued: 0, redeemed: 0, refunded: 0, expired: 0 };
    const byLocation = new Map<string | null, number>();
    const cards = await issueCards(gw, m, 12, 10_000);
    const partnerCards = await issueCards(gw, m, 3, 2_000, 'USD', { fundingSource: 'PARTNER', partner: 'Acme Rewards', campaign: 'acme-q4' });
    expected.issued += 12 * 10_000 + 3 * 2_000;
    const bad = await call(gw, m.secretKey, Q.issue, { input: { count: 1, amount: 100, currency: 'USD', fundingSource: 'PARTNER' } });
    assert.equal(bad.errorCode, 'INVALID_INPUT', 'PARTNER needs a partner name');
    for (let i = 0; i < 60; i++) {
      const card = cards[rnd(cards.length)];
      const located = rnd(2) === 0;
      const { id, clientToken } = await createIntent(gw, m, 1 + rnd(800), located ? { locationId: m.locationId } : {});
      const h = await call(gw, m.publishableKey, Q.placeHold, { input: { clientToken, code: card.code } });
      if (h.__typename !== 'HoldPlaced') continue;
      const action = rnd(4);
      if (action === 0) {
        await call(gw, m.secretKey, Q.releaseHold, { input: { holdId: h.hold.id } });
      } else {
        const amount = 1 + rnd(h.hold.amount);
        await call(gw, m.secretKey, Q.captureIntent, { input: { intentId: id, amount } });
        expected.redeemed += amount;
        const loc = located ? m.locationId : null;
        byLocation.set(loc, (byLocation.get(loc) ?? 0) + amount);
        if (action === 3) {
          const back = 1 + rnd(amount);
          await call(gw, m.secretKey, Q.refund, { input: { holdId: h.hold.id, amount: back } });
          expected.refunded += back;
        }
      }
    }
    // One hold left to expire.
    const last = await createIntent(gw, m, 123, { ttlSeconds: 2 });
    await call(gw, m.publishableKey, Q.placeHold, { input: { clientToken: last.clientToken, code: cards[0].code, amount: 123 } });
    for (let t = 0; t < 60; t++) {
      const [{ n }] = await gw.sql(`select count(*)::int as n from hold where intent_id = $1 and status = 'EXPIRED'`, [last.id]);
      if (n === 1) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expected.expired += 123;
    const to = new Date(Date.now() + 1000).toISOString();
    const r = await call(gw, m.secretKey, REPORT, { from, to });
    const sum = (k: string) => r.lines.reduce((s: number, l: any) => s + l[k], 0);
    assert.deepEqual(
      { issued: sum('issued'), redeemed: sum('redeemed'), refunded: sum('refunded'), expired: sum('expiredReleased') }, expected);
    assert.deepEqual(r.liability, [{ currency: 'USD', outstanding: expected.issued - expected.redeemed + expected.refunded }]);
    for (const [loc, amount] of byLocation) {
      assert.equal(r.lines.find((l: any) => l.locationId === loc)?.redeemed, amount, `redeemed at ${loc}`);
    }
    assert.ok(byLocation.has(m.locationId) && byLocation.has(null), 'the workload used both a location and none');
    const funded = r.liabilityByFunding;
    assert.equal(funded.reduce((s: number, l: any) => s + l.outstanding, 0), r.liability[0].outstanding, 'the split adds up');
    assert.deepEqual(funded.find((l: any) => l.fundingSource === 'PARTNER'), { currency: 'USD', fundingSource: 'PARTNER', partner: 'Acme Rewards', outstanding: partnerCards.length * 2_000 });
    const atLocation = await call(gw, m.secretKey, REPORT, { from, to, locationId: m.locationId });
    assert.deepEqual(atLocation.lines.map((l: any) => l.locationId), [m.locationId]);
    // The same from the ledger's own card balances.
    const [{ total }] = await gw.sql(`select sum(balance)::int as total from gift_card where merchant_id = $1`, [m.merchantId]);
    assert.equal(total, r.liability[0].outstanding);

    const { stdout } = await promisify(execFile)(process.execPath, [join(import.meta.dirname, '..', '..', 'gateway', 'cli.ts'),
      'report', '--merchant', m.merchantId, '--from', from, '--to', to, '--csv'], { env: { ...process.env, DATABASE_URL: dbUrl(gw.dbName) } });
    const csv = stdout.trim().split('\n');
    assert.equal(csv[0], 'section,currency,location_id,issued,redeemed,refunded,expired_released,outstanding');
    assert.ok(csv.includes(`liability,USD,,,,,,${expected.issued - expected.redeemed + expected.refunded}`), stdout);
  });

  it('needs the secret key and a period', async () => {
    const pk = await gw.gql(m.publishableKey, REPORT, { from: new Date(0).toISOString(), to: new Date().toISOString() });
    assert.equal(pk.body.errors?.[0].extensions?.code, 'FORBIDDEN');
    const backwards = await gw.gql(m.secretKey, REPORT, { from: new Date().toISOString(), to: new Date(0).toISOString() });
    assert.equal(backwards.body.errors?.[0].extensions?.code, 'BAD_USER_INPUT');
  });
});
