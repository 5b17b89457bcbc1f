import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestGateway, type TestGateway, type TestMerchant } from './harness.ts';
import { Q, assertLedgerInvariants, call, createIntent, issueCards } from './api.ts';

let gw: TestGateway;
let a: TestMerchant;
let b: TestMerchant;

before(async () => {
  gw = await startTestGateway();
  a = await gw.merchant('A');
  b = await gw.merchant('B');
});
after(async () => {
  await assertLedgerInvariants(gw);
  await gw.close();
});

/** The raw response text, to compare replays byte for byte. */
async function raw(key: string, query: string, variables: Record<string, unknown>): Promise<string> {
  const res = await fetch(gw.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify({ query, variables }),
  });
  return res.text();
}

describe('idempotency keys', () => {
  it('50 concurrent placeHold with one key: one execution; the rest replay it byte for byte or are told it is in use', async () => {
    const [card] = await issueCards(gw, a, 1, 10_000);
    const { clientToken } = await createIntent(gw, a, 5000);
    const input = { clientToken, code: card.code, amount: 700, idempotencyKey: 'hold-50' };
    const bodies = await Promise.all(Array.from({ length: 50 }, () => raw(a.publishableKey, Q.placeHold, { input })));
    const placed = bodies.filter((t) => t.includes('"HoldPlaced"'));
    const inUse = bodies.filter((t) => t.includes('IDEMPOTENCY_KEY_IN_USE'));
    assert.equal(placed.length + inUse.length, 50);
    assert.ok(placed.length >= 1);
    assert.equal(new Set(placed).size, 1, 'every success is the same bytes');
    const [{ n }] = await gw.sql(`select count(*)::int as n from hold where card_id = $1`, [card.card.id]);
    assert.equal(n, 1, 'one execution');
    assert.equal(await raw(a.publishableKey, Q.placeHold, { input }), placed[0], 'a later retry replays the same bytes');
    assert.equal((await call(gw, a.secretKey, Q.card, { id: card.card.id })).held, 700);
  });

  it('same key with a different input → IDEMPOTENCY_KEY_REUSED, nothing changes', async () => {
    const [card] = await issueCards(gw, a, 1, 10_000);
    const { clientToken } = await createIntent(gw, a, 5000);
    const first = await call(gw, a.publishableKey, Q.placeHold, { input: { clientToken, code: card.code, amount: 100, idempotencyKey: 'k-mismatch' } });
    assert.equal(first.__typename, 'HoldPlaced');
    const second = await call(gw, a.publishableKey, Q.placeHold, { input: { clientToken, code: card.code, amount: 101, idempotencyKey: 'k-mismatch' } });
    assert.equal(second.errorCode, 'IDEMPOTENCY_KEY_REUSED');
    const otherOp = await call(gw, a.secretKey, Q.cancelIntent, { input: { intentId: first.intent.id, idempotencyKey: 'k-mismatch' } });
    assert.equal(otherOp.errorCode, 'IDEMPOTENCY_KEY_REUSED');
    assert.equal((await call(gw, a.secretKey, Q.card, { id: card.card.id })).held, 100);
  });

  it('same key while the first request still runs → IDEMPOTENCY_KEY_IN_USE; afterwards it replays', async () => {
    const [card] = await issueCards(gw, a, 1, 10_000);
    const intent = await createIntent(gw, a, 5000);
    const input = { clientToken: intent.clientToken, code: card.code, amount: 300, idempotencyKey: 'k-inflight' };
    // Hold the intent's row lock from outside so the first request stops inside its transaction.
    const blocker = await gw.client();
    await blocker.query('begin');
    await blocker.query('select id from payment_intent where id = $1 for update', [intent.id]);
    const first = raw(a.publishableKey, Q.placeHold, { input });
    await new Promise((r) => setTimeout(r, 300));
    const second = await call(gw, a.publishableKey, Q.placeHold, { input });
    assert.equal(second.errorCode, 'IDEMPOTENCY_KEY_IN_USE');
    await blocker.query('commit');
    await blocker.end();
    const firstBody = await first;
    assert.ok(firstBody.includes('"HoldPlaced"'), firstBody);
    assert.equal(await raw(a.publishableKey, Q.placeHold, { input }), firstBody);
  });

  it('keys are scoped per merchant: B may use the key value A used', async () => {
    const [ca] = await issueCards(gw, a, 1, 1000);
    const [cb] = await issueCards(gw, b, 1, 1000);
    const ia = await createIntent(gw, a, 100);
    const ib = await createIntent(gw, b, 100);
    const ra = await call(gw, a.publishableKey, Q.placeHold, { input: { clientToken: ia.clientToken, code: ca.code, idempotencyKey: 'shared' } });
    const rb = await call(gw, b.publishableKey, Q.placeHold, { input: { clientToken: ib.clientToken, code: cb.code, idempotencyKey: 'shared' } });
    assert.equal(ra.__typename, 'HoldPlaced');
    assert.equal(rb.__typename, 'HoldPlaced');
    assert.notEqual(ra.hold.id, rb.hold.id);
  });

  it('createPaymentIntent and issueGiftCards replay the same intent, token and codes; codes are not stored in clear', async () => {
    const input = { amount: 999, currency: 'USD', orderRef: 'o-replay', idempotencyKey: 'intent-1' };
    const i1 = await call(gw, a.secretKey, Q.createIntent, { input });
    const i2 = await call(gw, a.secretKey, Q.createIntent, { input });
    assert.deepEqual(i2, i1);
    const [{ n }] = await gw.sql(`select count(*)::int as n from payment_intent where order_ref = 'o-replay'`);
    assert.equal(n, 1);
    const issue = { count: 3, amount: 500, currency: 'USD', idempotencyKey: 'issue-1' };
    const c1 = await call(gw, a.secretKey, Q.issue, { input: issue });
    const c2 = await call(gw, a.secretKey, Q.issue, { input: issue });
    assert.deepEqual(c2, c1);
    const records = await gw.sql(`select key_hash, response from idempotency_record`);
    const dump = JSON.stringify(records);
    for (const c of c1.cards) assert.ok(!dump.includes(c.code) && !dump.includes(c.code.replaceAll('-', '')));
    assert.ok(!dump.includes('issue-1'), 'the key itself is stored only as a hash');
    const refused = await call(gw, a.secretKey, Q.issue, { input: { ...issue, count: 4 } });
    assert.equal(refused.errorCode, 'IDEMPOTENCY_KEY_REUSED');
  });

  it('capture, refund and release replay instead of acting twice; records are kept for at least 24 h', async () => {
    const [card] = await issueCards(gw, a, 1, 1000);
    const { id, clientToken } = await createIntent(gw, a, 400);
    const h = await call(gw, a.publishableKey, Q.placeHold, { input: { clientToken, code: card.code } });
    const c1 = await call(gw, a.secretKey, Q.captureIntent, { input: { intentId: id, idempotencyKey: 'cap' } });
    const c2 = await call(gw, a.secretKey, Q.captureIntent, { input: { intentId: id, idempotencyKey: 'cap' } });
    assert.deepEqual(c2, c1);
    const r1 = await call(gw, a.secretKey, Q.refund, { input: { holdId: h.hold.id, amount: 100, idempotencyKey: 'ref' } });
    const r2 = await call(gw, a.secretKey, Q.refund, { input: { holdId: h.hold.id, amount: 100, idempotencyKey: 'ref' } });
    assert.deepEqual(r2, r1);
    assert.equal((await call(gw, a.secretKey, Q.card, { id: card.card.id })).balance, 700);
    const [{ hours }] = await gw.sql(`select min(extract(epoch from expires_at - created_at) / 3600)::float as hours from idempotency_record`);
    assert.ok(hours >= 24, `kept ${hours} h`);
  });

  it('an invalid key is refused before anything runs', async () => {
    const r = await call(gw, a.secretKey, Q.createIntent, { input: { amount: 1, currency: 'USD', orderRef: 'x', idempotencyKey: 'k'.repeat(256) } });
    assert.equal(r.errorCode, 'INVALID_INPUT');
  });
});
