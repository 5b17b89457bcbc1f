import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestGateway, type TestGateway, type TestMerchant } from './harness.ts';
import { Q, assertLedgerInvariants, call, createIntent, issueCards } from './api.ts';
import { INTENT_EVENTS, wsClient } from './ws.ts';

let gw: TestGateway;
let m: TestMerchant;

before(async () => {
  gw = await startTestGateway();
  m = await gw.merchant('Expiry');
});
after(async () => {
  await assertLedgerInvariants(gw);
  await gw.close();
});

describe('hold expiry', () => {
  it('a hold with a 2-second TTL: HOLD_EXPIRING, then HOLD_EXPIRED; value restored; capture afterwards is HOLD_EXPIRED', async () => {
    const [c] = await issueCards(gw, m, 1, 1000);
    const { id, clientToken } = await createIntent(gw, m, 300, { ttlSeconds: 2 });
    const sub = wsClient(gw.url, { authorization: `Bearer ${m.publishableKey}`, clientToken });
    try {
      const s = sub.subscribe(INTENT_EVENTS, { intentId: id });
      await s.waitFor(1);
      const h = await call(gw, m.publishableKey, Q.placeHold, { input: { clientToken, code: c.code } });
      assert.equal((await call(gw, m.secretKey, Q.card, { id: c.card.id })).available, 700);
      const events = await s.waitFor(5, 6000);
      assert.deepEqual(events.map((e) => e.type), ['INTENT_STATE', 'HOLD_PLACED', 'HOLD_EXPIRING', 'HOLD_EXPIRED', 'INTENT_EXPIRED']);
      const lag = Date.parse(events[3].occurredAt) - Date.parse(h.hold.expiresAt);
      assert.ok(lag >= 0 && lag < 1000, `released ${lag} ms after the deadline`);
      assert.equal((await call(gw, m.secretKey, Q.card, { id: c.card.id })).available, 1000);
      const cap = await call(gw, m.secretKey, Q.captureHold, { input: { holdId: h.hold.id } });
      assert.equal(cap.errorCode, 'HOLD_EXPIRED');
      const [{ n }] = await gw.sql(`select count(*)::int as n from event_outbox where hold_id = $1 and type = 'HOLD_EXPIRING'`, [h.hold.id]);
      assert.equal(n, 1, 'HOLD_EXPIRING once per hold');
    } finally {
      await sub.dispose();
    }
  });

  it('two instances\' sweepers over 1,000 due holds release each exactly once', async () => {
    const cards = await issueCards(gw, m, 20, 1_000_000);
    const b = await gw.secondInstance();
    try {
      // 1,000 holds spread over 20 cards, then all made due at the same moment.
      const intents = await Promise.all(Array.from({ length: 1000 }, () => createIntent(gw, m, 10, { ttlSeconds: 600 })));
      let placed = 0;
      for (let i = 0; i < intents.length; i += 50) {
        const rs = await Promise.all(intents.slice(i, i + 50).map((it, j) =>
          call(gw, m.publishableKey, Q.placeHold, { input: { clientToken: it.clientToken, code: cards[(i + j) % 20].code } })));
        placed += rs.filter((r) => r.__typename === 'HoldPlaced').length;
      }
      assert.equal(placed, 1000);
      const ids = intents.map((i) => i.id);
      await gw.sql(`with i as (update payment_intent set expires_at = now() where id = any($1::uuid[]))
        update hold set expires_at = now() where intent_id = any($1::uuid[])`, [ids]);
      for (let t = 0; t < 100; t++) {
        const [{ n }] = await gw.sql(`select count(*)::int as n from hold where intent_id = any($1::uuid[]) and status = 'PENDING'`, [ids]);
        if (n === 0) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      const rows = await gw.sql(`select h.id, h.status,
          (select count(distinct transfer_id) from ledger_entry e where e.hold_id = h.id and e.kind = 'EXPIRE')::int as moves,
          (select count(*) from event_outbox o where o.hold_id = h.id and o.type = 'HOLD_EXPIRED')::int as events
        from hold h where h.intent_id = any($1::uuid[])`, [ids]);
      assert.equal(rows.length, 1000);
      for (const r of rows) {
        assert.equal(r.status, 'EXPIRED');
        assert.equal(r.moves, 1, `hold ${r.id}: one EXPIRE transfer`);
        assert.equal(r.events, 1, `hold ${r.id}: one HOLD_EXPIRED event`);
      }
      const shares = [gw.app, b.app].map((a) => (a.background[0] as unknown as { stats: { expiredHolds: number } }).stats.expiredHolds);
      assert.ok(shares[0] + shares[1] >= 1000, `sweepers released ${shares}`);
      for (const c of cards) assert.equal((await call(gw, m.secretKey, Q.card, { id: c.card.id })).held, 0);
    } finally {
      await b.close();
    }
  });
});
