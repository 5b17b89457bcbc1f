import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestGateway, type TestGateway, type TestMerchant } from './harness.ts';
import { Q, assertLedgerInvariants, call, createIntent, issueCards } from './api.ts';
import { FEED, INTENT_EVENTS, wsClient } from './ws.ts';

let gw: TestGateway;
let m: TestMerchant;
let other: TestMerchant;

before(async () => {
  gw = await startTestGateway();
  m = await gw.merchant('Events');
  other = await gw.merchant('Other');
});
after(async () => {
  await assertLedgerInvariants(gw);
  await gw.close();
});

const types = (events: any[]) => events.map((e) => e.type);

describe('live events', () => {
  it('place, capture, refund and release arrive in order on paymentIntentEvents and redemptionEvents', async () => {
    const [a, b] = await issueCards(gw, m, 2, 1000);
    const { id, clientToken } = await createIntent(gw, m, 1500, { locationId: m.locationId });
    const shopper = wsClient(gw.url, { authorization: `Bearer ${m.publishableKey}`, clientToken });
    const merchant = wsClient(gw.url, { authorization: `Bearer ${m.secretKey}` });
    try {
      const intentFeed = shopper.subscribe(INTENT_EVENTS, { intentId: id });
      const feed = merchant.subscribe(FEED, { locationId: m.locationId });
      const [state] = await intentFeed.waitFor(1);
      assert.equal(state.type, 'INTENT_STATE');
      assert.equal(state.intent.status, 'OPEN');
      await new Promise((r) => setTimeout(r, 100)); // the merchant's subscription is registered
      const ha = await call(gw, m.publishableKey, Q.placeHold, { input: { clientToken, code: a.code } });
      const hb = await call(gw, m.publishableKey, Q.placeHold, { input: { clientToken, code: b.code } });
      await call(gw, m.publishableKey, Q.releaseHold, { input: { holdId: hb.hold.id, clientToken } });
      await call(gw, m.secretKey, Q.captureHold, { input: { holdId: ha.hold.id, amount: 800 } });
      await call(gw, m.secretKey, Q.refund, { input: { holdId: ha.hold.id, amount: 300 } });
      const expected = ['HOLD_PLACED', 'HOLD_PLACED', 'HOLD_RELEASED', 'HOLD_CAPTURED', 'INTENT_CAPTURED', 'REFUNDED'];
      const got = await intentFeed.waitFor(1 + expected.length);
      assert.deepEqual(types(got), ['INTENT_STATE', ...expected]);
      assert.deepEqual(types(await feed.waitFor(expected.length)), expected);
      const placed = got[1];
      assert.deepEqual(
        [placed.holdId, placed.amount, placed.currency, placed.cardLast4, placed.locationId, placed.intentStatus, placed.holdStatus],
        [ha.hold.id, 1000, 'USD', a.code.slice(-4), m.locationId, 'PARTIALLY_HELD', 'PENDING']);
      assert.equal(got[4].amount, 800, 'HOLD_CAPTURED carries the captured amount');
      assert.equal(got[6].amount, 300, 'REFUNDED carries the refund');
      const seqs = got.slice(1).map((e) => BigInt(e.sequence));
      assert.deepEqual(seqs, [...seqs].sort((x, y) => (x < y ? -1 : 1)), 'in sequence order');
      assert.equal(new Set(got.map((e) => e.id)).size, got.length, 'event ids are unique');
      for (const e of got) assert.ok(!JSON.stringify(e).includes(a.code.replaceAll('-', '')) && !JSON.stringify(e).includes(a.code), 'never the full code');
    } finally {
      await shopper.dispose();
      await merchant.dispose();
    }
  });

  it('issuing cards appears on the merchant feed as GIFT_CARD_ISSUED', async () => {
    const merchant = wsClient(gw.url, { authorization: `Bearer ${m.secretKey}` });
    try {
      const feed = merchant.subscribe(FEED, {});
      await new Promise((r) => setTimeout(r, 100));
      await issueCards(gw, m, 3, 2500, 'USD', { campaign: 'spring' });
      const [e] = await feed.waitFor(1);
      assert.deepEqual([e.type, e.amount, e.currency, JSON.parse(e.data)], ['GIFT_CARD_ISSUED', 2500, 'USD', { count: 3, campaign: 'spring', fundingSource: 'MERCHANT', partner: null }]);
    } finally {
      await merchant.dispose();
    }
  });

  it('a late subscriber first gets the current state, then only newer events', async () => {
    const [c] = await issueCards(gw, m, 1, 1000);
    const { id, clientToken } = await createIntent(gw, m, 500);
    await call(gw, m.publishableKey, Q.placeHold, { input: { clientToken, code: c.code, amount: 200 } });
    const late = wsClient(gw.url, { authorization: `Bearer ${m.secretKey}` });
    try {
      const s = late.subscribe(INTENT_EVENTS, { intentId: id });
      const [state] = await s.waitFor(1);
      assert.deepEqual([state.type, state.intent.status, state.intent.heldAmount, state.intent.holds.length], ['INTENT_STATE', 'PARTIALLY_HELD', 200, 1]);
      await call(gw, m.secretKey, Q.cancelIntent, { input: { intentId: id } });
      assert.deepEqual(types(await s.waitFor(3)), ['INTENT_STATE', 'HOLD_RELEASED', 'INTENT_CANCELED']);
    } finally {
      await late.dispose();
    }
  });

  it('a subscriber on instance A receives events caused through instance B', async () => {
    const [c] = await issueCards(gw, m, 1, 1000);
    const { id, clientToken } = await createIntent(gw, m, 400);
    const b = await gw.secondInstance();
    const sub = wsClient(gw.url, { authorization: `Bearer ${m.secretKey}` });
    try {
      const s = sub.subscribe(INTENT_EVENTS, { intentId: id });
      await s.waitFor(1);
      const r = await b.gql(m.publishableKey, Q.placeHold, { input: { clientToken, code: c.code } });
      assert.equal(r.body.data.placeHold.__typename, 'HoldPlaced');
      await b.gql(m.secretKey, Q.captureIntent, { input: { intentId: id } });
      assert.deepEqual(types(await s.waitFor(4)), ['INTENT_STATE', 'HOLD_PLACED', 'HOLD_CAPTURED', 'INTENT_CAPTURED']);
    } finally {
      await sub.dispose();
      await b.close();
    }
  });

  it('after the listening connection drops, it reconnects and catches up from the outbox', async () => {
    const [c] = await issueCards(gw, m, 1, 1000);
    const { id, clientToken } = await createIntent(gw, m, 400);
    const b = await gw.secondInstance();
    const sub = wsClient(gw.url, { authorization: `Bearer ${m.secretKey}` });
    try {
      const s = sub.subscribe(INTENT_EVENTS, { intentId: id });
      await s.waitFor(1);
      await gw.app.bus.dropListenConnection();
      await b.gql(m.publishableKey, Q.placeHold, { input: { clientToken, code: c.code, amount: 100 } });
      await b.gql(m.publishableKey, Q.placeHold, { input: { clientToken, code: c.code, amount: 50 } });
      assert.deepEqual(types(await s.waitFor(3)), ['INTENT_STATE', 'HOLD_PLACED', 'HOLD_PLACED']);
      assert.ok(gw.app.bus.stats.reconnects >= 1);
    } finally {
      await sub.dispose();
      await b.close();
    }
  });

  it('graceful shutdown completes open subscriptions', async () => {
    const { id } = await createIntent(gw, m, 100);
    const b = await gw.secondInstance();
    const sub = wsClient(b.url, { authorization: `Bearer ${m.secretKey}` });
    const s = sub.subscribe(INTENT_EVENTS, { intentId: id });
    await s.waitFor(1);
    await b.close();
    await s.completed;
    assert.ok(await Promise.race([sub.closeCode.then(() => true), new Promise((r) => setTimeout(() => r(false), 2000))]), 'socket closed');
    await sub.dispose();
  });

  it('refuses subscriptions without credentials, with another merchant\'s key, with another intent\'s token', async () => {
    const { id } = await createIntent(gw, m, 100);
    const otherIntent = await createIntent(gw, m, 100);
    const none = wsClient(gw.url, {});
    assert.equal(await none.closeCode, 4403);
    const bad = wsClient(gw.url, { authorization: 'Bearer sk_wrong' });
    assert.equal(await bad.closeCode, 4403);

    const foreign = wsClient(gw.url, { authorization: `Bearer ${other.secretKey}` });
    const wrongToken = wsClient(gw.url, { authorization: `Bearer ${m.publishableKey}`, clientToken: otherIntent.clientToken });
    const noToken = wsClient(gw.url, { authorization: `Bearer ${m.publishableKey}` });
    try {
      for (const [c, code] of [[foreign, 'NOT_FOUND'], [wrongToken, 'FORBIDDEN'], [noToken, 'FORBIDDEN']] as const) {
        const s = c.subscribe(INTENT_EVENTS, { intentId: id });
        await s.completed;
        assert.equal(s.events.length, 0);
        assert.equal((s.errors[0] as any)?.extensions?.code, code, JSON.stringify(s.errors));
      }
      const feed = noToken.subscribe(FEED, {});
      await feed.completed;
      assert.equal((feed.errors[0] as any)?.extensions?.code, 'FORBIDDEN', 'the merchant feed needs the secret key');
      // Merchant B's feed never shows merchant A's events.
      const bFeed = foreign.subscribe(FEED, {});
      const [card] = await issueCards(gw, m, 1, 100);
      const mine = await createIntent(gw, m, 50);
      await call(gw, m.publishableKey, Q.placeHold, { input: { clientToken: mine.clientToken, code: card.code } });
      await new Promise((r) => setTimeout(r, 300));
      assert.deepEqual(bFeed.events, []);
    } finally {
      await foreign.dispose();
      await wrongToken.dispose();
      await noToken.dispose();
    }
  });
});
