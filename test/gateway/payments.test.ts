import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestGateway, type TestGateway, type TestMerchant } from './harness.ts';
import { Q, assertLedgerInvariants, call, createIntent, issueCards } from './api.ts';

let gw: TestGateway;
let m: TestMerchant;

before(async () => {
  gw = await startTestGateway();
  m = await gw.merchant();
});
after(async () => {
  await assertLedgerInvariants(gw);
  await gw.close();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('issue and balance', () => {
  it('issues cards with unambiguous 16-symbol codes, shown once, stored hashed', async () => {
    const cards = await issueCards(gw, m, 25, 5000, 'USD', { campaign: 'launch', withPin: true });
    assert.equal(cards.length, 25);
    const codes = new Set(cards.map((c) => c.code));
    assert.equal(codes.size, 25);
    for (const c of cards) {
      assert.match(c.code, /^[2-9A-HJ-NP-Z]{4}(-[2-9A-HJ-NP-Z]{4}){3}$/);
      assert.match(c.pin!, /^\d{4}$/);
      assert.equal(c.card.balance, 5000);
    }
    const stored = await gw.sql(`select code_hash, last4, pin_hash from gift_card where id = $1`, [cards[0].card.id]);
    assert.equal(stored[0].last4, cards[0].code.slice(-4));
    assert.ok(!JSON.stringify(stored).includes(cards[0].code.replaceAll('-', '')), 'code is not stored in clear');
    const [{ n }] = await gw.sql(`select count(*)::int as n from ledger_entry where kind = 'ISSUE' and card_id = $1`, [cards[0].card.id]);
    assert.equal(n, 2, 'one ISSUE transfer (two postings) per card');
  });

  it('checks a balance with code and PIN; unknown code and wrong PIN answer identically', async () => {
    const [c] = await issueCards(gw, m, 1, 1234, 'EUR', { withPin: true });
    const ok = await call(gw, m.publishableKey, Q.balance, { code: c.code.toLowerCase().replaceAll('-', ' '), pin: c.pin });
    assert.deepEqual({ ...ok, expiresAt: undefined }, { __typename: 'GiftCardBalance', available: 1234, currency: 'EUR', status: 'ACTIVE', expiresAt: undefined, last4: c.code.slice(-4) });
    const wrongPin = await call(gw, m.publishableKey, Q.balance, { code: c.code, pin: '0000' === c.pin ? '1111' : '0000' });
    const unknown = await call(gw, m.publishableKey, Q.balance, { code: 'ABCD-EFGH-JKLM-NPQR' });
    const noPin = await call(gw, m.publishableKey, Q.balance, { code: c.code });
    assert.deepEqual(wrongPin, unknown);
    assert.deepEqual(noPin, unknown);
    assert.equal(unknown.errorCode, 'CARD_NOT_FOUND');
  });

  it('issues up to 10,000 cards in one call and refuses 10,001', async () => {
    const cards = await issueCards(gw, m, 10_000, 100);
    assert.equal(new Set(cards.map((c) => c.code)).size, 10_000);
    const r = await call(gw, m.secretKey, Q.issue, { input: { count: 10_001, amount: 100, currency: 'USD' } });
    assert.equal(r.errorCode, 'INVALID_INPUT');
  });
});

describe('intent → hold → capture', () => {
  it('holds the exact amount and captures it; the card loses exactly that', async () => {
    const [c] = await issueCards(gw, m, 1, 5000);
    const { id, clientToken, intent } = await createIntent(gw, m, 3000, { locationId: m.locationId, channel: 'POS_SCAN' });
    assert.equal(intent.status, 'OPEN');
    assert.equal(intent.channel, 'POS_SCAN');
    assert.equal(intent.locationId, m.locationId);
    const h = await call(gw, m.publishableKey, Q.placeHold, { input: { clientToken, code: c.code, amount: 3000 } });
    assert.equal(h.__typename, 'HoldPlaced');
    assert.equal(h.cardAvailable, 2000);
    assert.equal(h.intent.status, 'FULLY_HELD');
    assert.equal(h.intent.remainingAmount, 0);
    const cap = await call(gw, m.secretKey, Q.captureIntent, { input: { intentId: id } });
    assert.equal(cap.intent.status, 'CAPTURED');
    assert.equal(cap.intent.capturedAmount, 3000);
    assert.equal(cap.intent.holds[0].status, 'CAPTURED');
    const card = await call(gw, m.secretKey, Q.card, { id: c.card.id });
    assert.deepEqual([card.balance, card.held, card.available], [2000, 0, 2000]);
  });

  it('omitted amount = partial payment: min(available, remaining); split tender across two cards', async () => {
    const [a, b] = await issueCards(gw, m, 2, 2500);
    const { id, clientToken } = await createIntent(gw, m, 4000);
    const h1 = await call(gw, m.publishableKey, Q.placeHold, { input: { clientToken, code: a.code } });
    assert.equal(h1.hold.amount, 2500);
    assert.equal(h1.intent.status, 'PARTIALLY_HELD');
    assert.equal(h1.intent.remainingAmount, 1500);
    const over = await call(gw, m.publishableKey, Q.placeHold, { input: { clientToken, code: b.code, amount: 1501 } });
    assert.deepEqual([over.errorCode, over.remaining, over.requested], ['AMOUNT_EXCEEDS_REMAINING', 1500, 1501]);
    const h2 = await call(gw, m.publishableKey, Q.placeHold, { input: { clientToken, code: b.code } });
    assert.equal(h2.hold.amount, 1500);
    assert.equal(h2.intent.status, 'FULLY_HELD');
    const more = await call(gw, m.publishableKey, Q.placeHold, { input: { clientToken, code: b.code, amount: 1 } });
    assert.equal(more.errorCode, 'AMOUNT_EXCEEDS_REMAINING');
    const cap = await call(gw, m.secretKey, Q.captureIntent, { input: { intentId: id } });
    assert.equal(cap.intent.capturedAmount, 4000);
    const pi = await call(gw, m.publishableKey, Q.intent, { id, clientToken });
    assert.deepEqual(pi.holds.map((h: any) => [h.status, h.capturedAmount]), [['CAPTURED', 2500], ['CAPTURED', 1500]]);
    // For receipts: the secret key sees each hold's card as it is now; the publishable key does not.
    const HOLD_CARDS = 'query($id: ID!, $t: String) { paymentIntent(id: $id, clientToken: $t) { holds { cardLast4 card { id last4 balance available } } } }';
    const withSk = await call(gw, m.secretKey, HOLD_CARDS, { id });
    assert.deepEqual(withSk.holds.map((h: any) => [h.card.id, h.card.last4, h.card.balance, h.card.available]),
      [[a.card.id, h1.hold.cardLast4, 0, 0], [b.card.id, h2.hold.cardLast4, 1000, 1000]]);
    const withPk = await call(gw, m.publishableKey, HOLD_CARDS, { id, t: clientToken });
    assert.deepEqual(withPk.holds.map((h: any) => h.card), [null, null]);
  });

  it('captureIntent with a smaller amount captures oldest holds first and releases the rest', async () => {
    const [a, b] = await issueCards(gw, m, 2, 1000);
    const { id, clientToken } = await createIntent(gw, m, 2000);
    await call(gw, m.publishableKey, Q.placeHold, { input: { clientToken, code: a.code } });
    await call(gw, m.publishableKey, Q.placeHold, { input: { clientToken, code: b.code } });
    const tooMuch = await call(gw, m.secretKey, Q.captureIntent, { input: { intentId: id, amount: 2001 } });
    assert.equal(tooMuch.errorCode, 'AMOUNT_EXCEEDS_REMAINING');
    const cap = await call(gw, m.secretKey, Q.captureIntent, { input: { intentId: id, amount: 700 } });
    assert.equal(cap.intent.capturedAmount, 700);
    assert.deepEqual(cap.intent.holds.map((h: any) => [h.status, h.capturedAmount]), [['CAPTURED', 700], ['RELEASED', 0]]);
    const ca = await call(gw, m.secretKey, Q.card, { id: a.card.id });
    const cb = await call(gw, m.secretKey, Q.card, { id: b.card.id });
    assert.deepEqual([ca.balance, ca.held, cb.balance, cb.held], [300, 0, 1000, 0]);
    const again = await call(gw, m.secretKey, Q.captureIntent, { input: { intentId: id } });
    assert.equal(again.errorCode, 'INTENT_NOT_OPEN');
  });

  it('captureHold partial returns the rest; second capture is HOLD_NOT_PENDING', async () => {
    const [c] = await issueCards(gw, m, 1, 1000);
    const { clientToken } = await createIntent(gw, m, 800);
    const h = await call(gw, m.publishableKey, Q.placeHold, { input: { clientToken, code: c.code } });
    const over = await call(gw, m.secretKey, Q.captureHold, { input: { holdId: h.hold.id, amount: 801 } });
    assert.equal(over.errorCode, 'AMOUNT_EXCEEDS_REMAINING');
    const cap = await call(gw, m.secretKey, Q.captureHold, { input: { holdId: h.hold.id, amount: 500 } });
    assert.deepEqual([cap.hold.status, cap.hold.capturedAmount, cap.intent.status], ['CAPTURED', 500, 'CAPTURED']);
    const card = await call(gw, m.secretKey, Q.card, { id: c.card.id });
    assert.deepEqual([card.balance, card.held], [500, 0]);
    const again = await call(gw, m.secretKey, Q.captureHold, { input: { holdId: h.hold.id } });
    assert.equal(again.errorCode, 'HOLD_NOT_PENDING');
  });

  it('releaseHold with the secret key, or with the publishable key and that intent\'s token only', async () => {
    const [a, b] = await issueCards(gw, m, 2, 1000);
    const one = await createIntent(gw, m, 1500);
    const other = await createIntent(gw, m, 100);
    const ha = await call(gw, m.publishableKey, Q.placeHold, { input: { clientToken: one.clientToken, code: a.code } });
    const hb = await call(gw, m.publishableKey, Q.placeHold, { input: { clientToken: one.clientToken, code: b.code } });
    const wrongToken = await call(gw, m.publishableKey, Q.releaseHold, { input: { holdId: ha.hold.id, clientToken: other.clientToken } });
    assert.equal(wrongToken.errorCode, 'HOLD_NOT_FOUND');
    const noToken = await gw.gql(m.publishableKey, Q.releaseHold, { input: { holdId: ha.hold.id } });
    assert.equal(noToken.body.errors?.[0].extensions?.code, 'FORBIDDEN');
    const r1 = await call(gw, m.publishableKey, Q.releaseHold, { input: { holdId: ha.hold.id, clientToken: one.clientToken } });
    assert.deepEqual([r1.hold.status, r1.intent.status, r1.intent.remainingAmount], ['RELEASED', 'PARTIALLY_HELD', 1000]);
    const r2 = await call(gw, m.secretKey, Q.releaseHold, { input: { holdId: hb.hold.id } });
    assert.deepEqual([r2.intent.status, r2.intent.remainingAmount], ['OPEN', 1500]);
    const twice = await call(gw, m.secretKey, Q.releaseHold, { input: { holdId: hb.hold.id } });
    assert.equal(twice.errorCode, 'HOLD_NOT_PENDING');
    for (const c of [a, b]) assert.equal((await call(gw, m.secretKey, Q.card, { id: c.card.id })).available, 1000);
  });

  it('cancelPaymentIntent releases every pending hold; a canceled intent takes no holds', async () => {
    const [a, b] = await issueCards(gw, m, 2, 1000);
    const { id, clientToken } = await createIntent(gw, m, 1500);
    await call(gw, m.publishableKey, Q.placeHold, { input: { clientToken, code: a.code } });
    await call(gw, m.publishableKey, Q.placeHold, { input: { clientToken, code: b.code } });
    const c = await call(gw, m.secretKey, Q.cancelIntent, { input: { intentId: id } });
    assert.equal(c.intent.status, 'CANCELED');
    assert.deepEqual(c.intent.holds.map((h: any) => h.status), ['RELEASED', 'RELEASED']);
    const late = await call(gw, m.publishableKey, Q.placeHold, { input: { clientToken, code: a.code } });
    assert.equal(late.errorCode, 'INTENT_NOT_OPEN');
    const again = await call(gw, m.secretKey, Q.cancelIntent, { input: { intentId: id } });
    assert.equal(again.errorCode, 'INTENT_NOT_OPEN');
  });

  it('refunds partly and fully; cumulative refunds never exceed the capture', async () => {
    const [c] = await issueCards(gw, m, 1, 1000);
    const { id, clientToken } = await createIntent(gw, m, 600);
    const h = await call(gw, m.publishableKey, Q.placeHold, { input: { clientToken, code: c.code } });
    const pendingRefund = await call(gw, m.secretKey, Q.refund, { input: { holdId: h.hold.id } });
    assert.equal(pendingRefund.errorCode, 'AMOUNT_EXCEEDS_REMAINING', 'nothing captured yet');
    await call(gw, m.secretKey, Q.captureIntent, { input: { intentId: id } });
    const r1 = await call(gw, m.secretKey, Q.refund, { input: { holdId: h.hold.id, amount: 250 } });
    assert.deepEqual([r1.amount, r1.hold.refundedAmount], [250, 250]);
    const over = await call(gw, m.secretKey, Q.refund, { input: { holdId: h.hold.id, amount: 351 } });
    assert.deepEqual([over.errorCode, over.remaining], ['AMOUNT_EXCEEDS_REMAINING', 350]);
    const r2 = await call(gw, m.secretKey, Q.refund, { input: { holdId: h.hold.id } });
    assert.equal(r2.amount, 350);
    const none = await call(gw, m.secretKey, Q.refund, { input: { holdId: h.hold.id, amount: 1 } });
    assert.equal(none.errorCode, 'AMOUNT_EXCEEDS_REMAINING');
    assert.equal((await call(gw, m.secretKey, Q.card, { id: c.card.id })).balance, 1000);
  });

  it('card states: insufficient funds, inactive, wrong currency, expired card', async () => {
    const [c] = await issueCards(gw, m, 1, 100);
    const [eur] = await issueCards(gw, m, 1, 100, 'EUR');
    const { clientToken } = await createIntent(gw, m, 500);
    const poor = await call(gw, m.publishableKey, Q.placeHold, { input: { clientToken, code: c.code, amount: 101 } });
    assert.deepEqual([poor.errorCode, poor.available, poor.requested], ['INSUFFICIENT_FUNDS', 100, 101]);
    const cur = await call(gw, m.publishableKey, Q.placeHold, { input: { clientToken, code: eur.code } });
    assert.deepEqual([cur.errorCode, cur.expected, cur.actual], ['CURRENCY_MISMATCH', 'USD', 'EUR']);
    await gw.sql(`update gift_card set status = 'FROZEN' where id = $1`, [c.card.id]);
    const frozen = await call(gw, m.publishableKey, Q.placeHold, { input: { clientToken, code: c.code } });
    assert.equal(frozen.errorCode, 'CARD_INACTIVE');
    await gw.sql(`update gift_card set status = 'ACTIVE', expires_at = now() - interval '1 second' where id = $1`, [c.card.id]);
    const expired = await call(gw, m.publishableKey, Q.placeHold, { input: { clientToken, code: c.code } });
    assert.equal(expired.errorCode, 'CARD_INACTIVE');
    const [empty] = await issueCards(gw, m, 1, 50);
    const other = await createIntent(gw, m, 50);
    await call(gw, m.publishableKey, Q.placeHold, { input: { clientToken: other.clientToken, code: empty.code } });
    const zero = await call(gw, m.publishableKey, Q.placeHold, { input: { clientToken, code: empty.code } });
    assert.deepEqual([zero.errorCode, zero.available], ['INSUFFICIENT_FUNDS', 0]);
  });
});

describe('expiry by the database clock', () => {
  it('a hold past expiresAt cannot be captured (HOLD_EXPIRED); the intent refuses new holds (INTENT_EXPIRED)', async () => {
    const [c] = await issueCards(gw, m, 1, 1000);
    const { clientToken } = await createIntent(gw, m, 400, { ttlSeconds: 2 });
    const h = await call(gw, m.publishableKey, Q.placeHold, { input: { clientToken, code: c.code, amount: 200 } });
    await sleep(2300);
    const cap = await call(gw, m.secretKey, Q.captureHold, { input: { holdId: h.hold.id } });
    assert.equal(cap.errorCode, 'HOLD_EXPIRED');
    const late = await call(gw, m.publishableKey, Q.placeHold, { input: { clientToken, code: c.code, amount: 100 } });
    assert.equal(late.errorCode, 'INTENT_EXPIRED');
    // The expiry sweeper has returned the value to the card.
    const pi = await call(gw, m.publishableKey, Q.intent, { id: h.intent.id, clientToken });
    assert.deepEqual([pi.status, pi.holds[0].status], ['EXPIRED', 'EXPIRED']);
    assert.equal((await call(gw, m.secretKey, Q.card, { id: c.card.id })).available, 1000);
  });
});
