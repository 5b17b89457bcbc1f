import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestGateway, type TestGateway, type TestMerchant } from './harness.ts';
import { Q, assertLedgerInvariants, call, createIntent, issueCards } from './api.ts';

/*
 * Attacks on the balance invariants with many simultaneous requests through the real HTTP API:
 *  - a card's available balance (balance − held) is never negative; held + captured ≤ issued value;
 *  - a hold leaves PENDING exactly once, with exactly one terminal ledger movement;
 *  - the ledger sums to zero and every card's balance equals its ledger entries.
 */

let gw: TestGateway;
let m: TestMerchant;

before(async () => {
  gw = await startTestGateway({ poolMax: 24 });
  m = await gw.merchant();
});
after(async () => {
  await assertLedgerInvariants(gw);
  await gw.close();
});

/** Runs `tasks` with at most `limit` in flight. */
async function pool<T>(tasks: (() => Promise<T>)[], limit: number): Promise<T[]> {
  const out: T[] = new Array(tasks.length);
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, async () => {
    while (next < tasks.length) {
      const i = next++;
      out[i] = await tasks[i]();
    }
  }));
  return out;
}

describe('concurrency', () => {
  it('200 concurrent placeHold (random 1–100) and captures on one 100-unit card never over-spend it', async () => {
    const [card] = await issueCards(gw, m, 1, 100);
    const intents = await pool(Array.from({ length: 200 }, () => () => createIntent(gw, m, 100)), 32);
    let watching = true;
    const violations: string[] = [];
    const watcher = (async () => {
      while (watching) {
        // One statement = one snapshot of the card and its holds.
        const [c] = await gw.sql(`select c.balance::int, c.held::int,
            (select coalesce(sum(captured_amount), 0) from hold h where h.card_id = c.id)::int as captured
          from gift_card c where c.id = $1`, [card.card.id]);
        const captured = c.captured;
        if (c.balance - c.held < 0) violations.push(`available ${c.balance - c.held}`);
        if (c.held + captured > 100) violations.push(`held ${c.held} + captured ${captured} > 100`);
      }
    })();
    const outcomes = await Promise.all(intents.map(async (intent) => {
      const amount = 1 + Math.floor(Math.random() * 100);
      const r = await call(gw, m.publishableKey, Q.placeHold, { input: { clientToken: intent.clientToken, code: card.code, amount } });
      if (r.__typename !== 'HoldPlaced') return { placed: 0, captured: 0, code: r.errorCode as string };
      if (Math.random() < 0.5) {
        const c = await call(gw, m.secretKey, Q.captureHold, { input: { holdId: r.hold.id } });
        assert.equal(c.__typename, 'HoldCaptured');
        return { placed: amount, captured: amount, code: 'OK' };
      }
      return { placed: amount, captured: 0, code: 'OK' };
    }));
    watching = false;
    await watcher;
    assert.deepEqual(violations, []);
    const codes = new Set(outcomes.map((o) => o.code));
    for (const c of codes) assert.ok(['OK', 'INSUFFICIENT_FUNDS'].includes(c), `unexpected ${c}`);
    const placed = outcomes.reduce((s, o) => s + o.placed, 0);
    const captured = outcomes.reduce((s, o) => s + o.captured, 0);
    assert.ok(placed <= 100, `placed ${placed} ≤ 100`);
    assert.ok(outcomes.some((o) => o.code === 'INSUFFICIENT_FUNDS'), 'the card ran out');
    const after = await call(gw, m.secretKey, Q.card, { id: card.card.id });
    assert.equal(after.balance, 100 - captured);
    assert.equal(after.held, placed - captured);
    assert.ok(after.available >= 0);
    await assertLedgerInvariants(gw);
  });

  it('200 concurrent captureHold of one hold: exactly one succeeds, one ledger movement', async () => {
    const [card] = await issueCards(gw, m, 1, 500);
    const { clientToken } = await createIntent(gw, m, 300);
    const h = await call(gw, m.publishableKey, Q.placeHold, { input: { clientToken, code: card.code } });
    const results = await Promise.all(Array.from({ length: 200 }, () =>
      call(gw, m.secretKey, Q.captureHold, { input: { holdId: h.hold.id } })));
    const ok = results.filter((r) => r.__typename === 'HoldCaptured');
    assert.equal(ok.length, 1);
    assert.ok(results.every((r) => r.__typename === 'HoldCaptured' || r.errorCode === 'HOLD_NOT_PENDING'));
    const [{ n }] = await gw.sql(`select count(distinct transfer_id)::int as n from ledger_entry where hold_id = $1 and kind = 'CAPTURE'`, [h.hold.id]);
    assert.equal(n, 1);
    assert.equal((await call(gw, m.secretKey, Q.card, { id: card.card.id })).balance, 200);
  });

  it('capture, release and cancel fired together at each of 500 holds: one terminal state each', async () => {
    const cards = await issueCards(gw, m, 50, 100_000);
    const intents = await pool(Array.from({ length: 500 }, () => () => createIntent(gw, m, 100)), 32);
    const holds = await pool(intents.map((intent, i) => async () => {
      const r = await call(gw, m.publishableKey, Q.placeHold, { input: { clientToken: intent.clientToken, code: cards[i % 50].code } });
      assert.equal(r.__typename, 'HoldPlaced');
      return { holdId: r.hold.id as string, intentId: intent.id };
    }), 32);
    const attacks = holds.flatMap(({ holdId, intentId }) => {
      const ops = [
        () => call(gw, m.secretKey, Q.captureHold, { input: { holdId } }),
        () => call(gw, m.secretKey, Q.releaseHold, { input: { holdId } }),
        () => call(gw, m.secretKey, Q.cancelIntent, { input: { intentId } }),
      ];
      return ops.sort(() => Math.random() - 0.5);
    });
    const results = await pool(attacks, 150);
    for (const r of results) {
      assert.ok(
        ['HoldCaptured', 'HoldReleased', 'IntentCanceled'].includes(r.__typename)
          || ['HOLD_NOT_PENDING', 'INTENT_NOT_OPEN'].includes(r.errorCode),
        JSON.stringify(r));
    }
    const states = await gw.sql(`select h.id, h.status,
        (select count(distinct transfer_id) from ledger_entry e where e.hold_id = h.id and e.kind in ('CAPTURE', 'RELEASE', 'EXPIRE'))::int as terminal_moves
      from hold h where h.id = any($1::uuid[])`, [holds.map((h) => h.holdId)]);
    assert.equal(states.length, 500);
    for (const s of states) {
      assert.ok(['CAPTURED', 'RELEASED'].includes(s.status), `hold ${s.id} is ${s.status}`);
      assert.equal(s.terminal_moves, 1, `hold ${s.id} has one terminal ledger movement`);
    }
    const captured = states.filter((s) => s.status === 'CAPTURED').length;
    const ok = results.filter((r) => r.__typename === 'HoldCaptured').length;
    assert.equal(ok, captured, 'every successful capture is a captured hold and vice versa');
    await assertLedgerInvariants(gw);
  });
});
