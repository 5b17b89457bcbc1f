import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { SignJWT, generateKeyPair } from 'jose';
import { createHmac } from 'node:crypto';
import { startTestGateway, type TestGateway, type TestMerchant } from './harness.ts';
import { Q, assertLedgerInvariants, call, createIntent, issueCards, snapshot } from './api.ts';
import { rotateApiKey } from '../../gateway/services/merchant.service.ts';

let gw: TestGateway;
let a: TestMerchant;
let b: TestMerchant;

before(async () => {
  gw = await startTestGateway({ config: { lookupFailureLimit: 10 } });
  a = await gw.merchant('A');
  b = await gw.merchant('B');
});
after(async () => {
  await assertLedgerInvariants(gw);
  await gw.close();
});

const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
const parts = (t: string) => t.split('.');
const claimsOf = (t: string) => JSON.parse(Buffer.from(parts(t)[1], 'base64url').toString());
const headerOf = (t: string) => JSON.parse(Buffer.from(parts(t)[0], 'base64url').toString());

/** Calls placeHold with `clientToken` and asserts it is refused with `code` and nothing changed. */
async function refusedHold(clientToken: string, cardCode: string, code: string) {
  const before = await snapshot(gw);
  const r = await call(gw, a.publishableKey, Q.placeHold, { input: { clientToken, code: cardCode, amount: 10 } });
  assert.equal(r.errorCode, code, JSON.stringify(r));
  assert.equal(await snapshot(gw), before, 'nothing changed');
}

describe('client tokens', () => {
  it('carry ES256, kid, typ, aud = merchant, jti = intent, exp = intent expiry, amount/currency/orderRef', async () => {
    const { id, clientToken, intent } = await createIntent(gw, a, 1234, { orderRef: 'ord-77' });
    const h = headerOf(clientToken);
    assert.equal(h.alg, 'ES256');
    assert.equal(h.typ, 'gc-intent+jwt');
    assert.ok(h.kid);
    const c = claimsOf(clientToken);
    assert.deepEqual([c.aud, c.jti, c.amount, c.currency, c.orderRef], [a.merchantId, id, 1234, 'USD', 'ord-77']);
    assert.equal(c.exp, Math.floor(Date.parse(intent.expiresAt) / 1000));
  });

  it('refuses a token altered in any byte of header, payload or signature', async () => {
    const [card] = await issueCards(gw, a, 1, 1000);
    const { clientToken } = await createIntent(gw, a, 500);
    const positions = [2, 10, parts(clientToken)[0].length + 5, parts(clientToken)[0].length + 40, clientToken.length - 3, clientToken.length - 20];
    for (const i of positions) {
      const ch = clientToken[i] === 'A' ? 'B' : 'A';
      await refusedHold(clientToken.slice(0, i) + ch + clientToken.slice(i + 1), card.code, 'INVALID_CLIENT_TOKEN');
    }
    const [hd, , sig] = parts(clientToken);
    await refusedHold(`${hd}.${b64({ ...claimsOf(clientToken), amount: 1 })}.${sig}`, card.code, 'INVALID_CLIENT_TOKEN');
    await refusedHold('not-a-token', card.code, 'INVALID_CLIENT_TOKEN');
  });

  it('refuses alg:none, HS256 keyed with the public key, unknown keys and another merchant\'s token', async () => {
    const [card] = await issueCards(gw, a, 1, 1000);
    const { clientToken } = await createIntent(gw, a, 500);
    const claims = claimsOf(clientToken);
    const header = headerOf(clientToken);
    await refusedHold(`${b64({ ...header, alg: 'none' })}.${b64(claims)}.`, card.code, 'INVALID_CLIENT_TOKEN');
    const [{ public_jwk }] = await gw.sql(`select public_jwk from signing_key where kid = $1`, [header.kid]);
    const hsInput = `${b64({ ...header, alg: 'HS256' })}.${b64(claims)}`;
    const hsSig = createHmac('sha256', JSON.stringify(public_jwk)).update(hsInput).digest('base64url');
    await refusedHold(`${hsInput}.${hsSig}`, card.code, 'INVALID_CLIENT_TOKEN');
    const { privateKey } = await generateKeyPair('ES256');
    const forged = await new SignJWT(claims).setProtectedHeader(header).sign(privateKey);
    await refusedHold(forged, card.code, 'INVALID_CLIENT_TOKEN');
    const theirs = await createIntent(gw, b, 500);
    await refusedHold(theirs.clientToken, card.code, 'INVALID_CLIENT_TOKEN');
  });

  it('refuses an expired token (INTENT_EXPIRED) and a validly signed token whose claims differ from the intent', async () => {
    const [card] = await issueCards(gw, a, 1, 1000);
    const { clientToken } = await createIntent(gw, a, 500);
    const claims = claimsOf(clientToken);
    const signer = await gw.app.keys.signingKey();
    const sign = (c: Record<string, unknown>) =>
      new SignJWT(c).setProtectedHeader({ alg: 'ES256', kid: signer.kid, typ: 'gc-intent+jwt' }).sign(signer.key);
    await refusedHold(await sign({ ...claims, exp: Math.floor(Date.now() / 1000) - 5 }), card.code, 'INTENT_EXPIRED');
    await refusedHold(await sign({ ...claims, amount: 50_000 }), card.code, 'INVALID_CLIENT_TOKEN');
    const wrongTyp = await new SignJWT(claims).setProtectedHeader({ alg: 'ES256', kid: signer.kid, typ: 'JWT' }).sign(signer.key);
    await refusedHold(wrongTyp, card.code, 'INVALID_CLIENT_TOKEN');
  });

  it('refuses a token for an intent that is no longer open (INTENT_NOT_OPEN)', async () => {
    const [card] = await issueCards(gw, a, 1, 1000);
    const { id, clientToken } = await createIntent(gw, a, 500);
    await call(gw, a.secretKey, Q.cancelIntent, { input: { intentId: id } });
    await refusedHold(clientToken, card.code, 'INTENT_NOT_OPEN');
  });

  it('signing keys persist across restarts and rotate: the old kid verifies until retired', async () => {
    const [card] = await issueCards(gw, a, 1, 1000);
    const old = await createIntent(gw, a, 100);
    const oldKid = headerOf(old.clientToken).kid;
    // A second gateway process on the same database verifies tokens the first one signed.
    const other = await gw.secondInstance();
    try {
      const viaOther = await other.gql(a.publishableKey, Q.placeHold, { input: { clientToken: old.clientToken, code: card.code, amount: 10 } });
      assert.equal(viaOther.body.data.placeHold.__typename, 'HoldPlaced');
      const newKid = await other.app.keys.rotate();
      await gw.app.keys.reload();
      const fresh = await createIntent(gw, a, 100);
      assert.equal(headerOf(fresh.clientToken).kid, newKid);
      const stillOk = await call(gw, a.publishableKey, Q.placeHold, { input: { clientToken: old.clientToken, code: card.code, amount: 10 } });
      assert.equal(stillOk.__typename, 'HoldPlaced', 'old kid still verifies after rotation');
      assert.equal(await other.app.keys.retire(oldKid), true);
      await gw.app.keys.reload();
      await refusedHold(old.clientToken, card.code, 'INVALID_CLIENT_TOKEN');
      const ok = await call(gw, a.publishableKey, Q.placeHold, { input: { clientToken: fresh.clientToken, code: card.code, amount: 10 } });
      assert.equal(ok.__typename, 'HoldPlaced');
    } finally {
      await other.close();
    }
  });
});

describe('keys and merchants', () => {
  it('missing or unknown keys → UNAUTHENTICATED; publishable key on secret operations → FORBIDDEN', async () => {
    for (const key of [null, 'sk_nope', 'Basic abc']) {
      const r = await gw.gql(key, Q.card, { id: '00000000-0000-0000-0000-000000000000' });
      assert.equal(r.status, 401);
      assert.equal(r.body.errors?.[0].extensions?.code, 'UNAUTHENTICATED');
    }
    const [card] = await issueCards(gw, a, 1, 1000);
    const { id, clientToken } = await createIntent(gw, a, 100);
    const h = await call(gw, a.publishableKey, Q.placeHold, { input: { clientToken, code: card.code } });
    const before = await snapshot(gw);
    const attempts: [string, Record<string, unknown>][] = [
      [Q.captureHold, { input: { holdId: h.hold.id } }],
      [Q.captureIntent, { input: { intentId: id } }],
      [Q.cancelIntent, { input: { intentId: id } }],
      [Q.refund, { input: { holdId: h.hold.id } }],
      [Q.issue, { input: { count: 1, amount: 100, currency: 'USD' } }],
      [Q.createIntent, { input: { amount: 100, currency: 'USD', orderRef: 'x' } }],
      [Q.card, { id: card.card.id }],
    ];
    for (const [doc, vars] of attempts) {
      const r = await gw.gql(a.publishableKey, doc, vars);
      assert.equal(r.body.errors?.[0].extensions?.code, 'FORBIDDEN', doc.slice(0, 40));
    }
    assert.equal(await snapshot(gw), before);
  });

  it('merchant B can never see or touch merchant A\'s cards, intents or holds', async () => {
    const [card] = await issueCards(gw, a, 1, 1000);
    const { id, clientToken } = await createIntent(gw, a, 100);
    const h = await call(gw, a.publishableKey, Q.placeHold, { input: { clientToken, code: card.code } });
    const theirs = await createIntent(gw, b, 100);
    const before = await snapshot(gw);
    assert.equal((await call(gw, b.secretKey, Q.captureHold, { input: { holdId: h.hold.id } })).errorCode, 'HOLD_NOT_FOUND');
    assert.equal((await call(gw, b.secretKey, Q.releaseHold, { input: { holdId: h.hold.id } })).errorCode, 'HOLD_NOT_FOUND');
    assert.equal((await call(gw, b.secretKey, Q.refund, { input: { holdId: h.hold.id } })).errorCode, 'HOLD_NOT_FOUND');
    assert.equal((await call(gw, b.secretKey, Q.captureIntent, { input: { intentId: id } })).errorCode, 'INTENT_NOT_FOUND');
    assert.equal((await call(gw, b.secretKey, Q.cancelIntent, { input: { intentId: id } })).errorCode, 'INTENT_NOT_FOUND');
    assert.equal(await call(gw, b.secretKey, Q.intent, { id }), null);
    assert.equal(await call(gw, b.secretKey, Q.card, { id: card.card.id }), null);
    assert.equal((await call(gw, b.publishableKey, Q.balance, { code: card.code })).errorCode, 'CARD_NOT_FOUND');
    assert.equal((await call(gw, b.publishableKey, Q.placeHold, { input: { clientToken: theirs.clientToken, code: card.code } })).errorCode, 'CARD_NOT_FOUND');
    assert.equal(await call(gw, a.publishableKey, Q.intent, { id, clientToken: theirs.clientToken }), null);
    assert.equal(await call(gw, a.publishableKey, Q.intent, { id }), null, 'publishable key needs the token');
    assert.equal((await call(gw, a.publishableKey, Q.intent, { id, clientToken })).id, id);
    assert.equal(await snapshot(gw), before);
  });

  it('a rotated API key stops working after its grace period', async () => {
    const m = await gw.merchant('rotating');
    const { key } = await rotateApiKey(gw.app.orm.em.fork(), m.merchantId, 'SECRET', 0);
    gw.app.auth.clear();
    assert.equal((await gw.gql(m.secretKey, Q.card, { id: m.merchantId })).status, 401);
    assert.equal((await gw.gql(key, Q.card, { id: m.merchantId })).status, 200);
  });
});

describe('bad input changes nothing', () => {
  it('refuses zero, negative, fractional, huge and non-numeric amounts and bad currencies', async () => {
    const [card] = await issueCards(gw, a, 1, 1000);
    const { id, clientToken } = await createIntent(gw, a, 500);
    const h = await call(gw, a.publishableKey, Q.placeHold, { input: { clientToken, code: card.code, amount: 100 } });
    const before = await snapshot(gw);
    for (const amount of [0, -5, 1.5, 2_147_483_648, 1e20, 9_007_199_254_740_993]) {
      const calls: [string, string, Record<string, unknown>][] = [
        [a.secretKey, Q.createIntent, { input: { amount, currency: 'USD', orderRef: 'x' } }],
        [a.publishableKey, Q.placeHold, { input: { clientToken, code: card.code, amount } }],
        [a.secretKey, Q.captureHold, { input: { holdId: h.hold.id, amount } }],
        [a.secretKey, Q.captureIntent, { input: { intentId: id, amount } }],
        [a.secretKey, Q.refund, { input: { holdId: h.hold.id, amount } }],
        [a.secretKey, Q.issue, { input: { count: 1, amount, currency: 'USD' } }],
      ];
      for (const [key, doc, vars] of calls) {
        const r = await call(gw, key, doc, vars);
        assert.equal(r.errorCode, 'INVALID_AMOUNT', `${amount}: ${JSON.stringify(r)}`);
      }
    }
    const literal = await gw.gql(a.secretKey, 'mutation { createPaymentIntent(input: {amount: 99999999999, currency: "USD", orderRef: "x"}) { ... on ErrorResult { errorCode } } }');
    assert.equal(literal.body.data.createPaymentIntent.errorCode, 'INVALID_AMOUNT');
    const str = await gw.gql(a.secretKey, Q.createIntent, { input: { amount: '100', currency: 'USD', orderRef: 'x' } });
    assert.equal(str.body.errors?.[0].extensions?.code, 'BAD_USER_INPUT');
    for (const currency of ['usd', 'XYZ', 'US', '', 'EURO']) {
      assert.equal((await call(gw, a.secretKey, Q.createIntent, { input: { amount: 1, currency, orderRef: 'x' } })).errorCode, 'INVALID_CURRENCY');
      assert.equal((await call(gw, a.secretKey, Q.issue, { input: { count: 1, amount: 1, currency } })).errorCode, 'INVALID_CURRENCY');
    }
    for (const bad of [{ orderRef: '' }, { ttlSeconds: 0 }, { ttlSeconds: 86_401 }, { locationId: 'nope' }, { locationId: b.locationId }]) {
      assert.equal((await call(gw, a.secretKey, Q.createIntent, { input: { amount: 1, currency: 'USD', orderRef: 'x', ...bad } })).errorCode, 'INVALID_INPUT', JSON.stringify(bad));
    }
    for (const holdId of ['junk', '00000000-0000-0000-0000-000000000000']) {
      assert.equal((await call(gw, a.secretKey, Q.captureHold, { input: { holdId } })).errorCode, 'HOLD_NOT_FOUND');
    }
    for (const code of ['', 'junk', 'x'.repeat(10_000), "' or 1=1 --"]) {
      assert.equal((await call(gw, a.secretKey, Q.placeHold, { input: { clientToken, code } })).errorCode, 'CARD_NOT_FOUND');
    }
    assert.equal(await snapshot(gw), before);
    const tooBig = await call(gw, a.secretKey, Q.createIntent, { input: { amount: gw.app.config.maxIntentAmount + 1, currency: 'USD', orderRef: 'x' } });
    assert.equal(tooBig.errorCode, 'INVALID_AMOUNT');
  });

  it('ledger entries cannot be updated or deleted', async () => {
    await issueCards(gw, a, 1, 10);
    await assert.rejects(gw.sql(`update ledger_entry set amount = amount + 1`), /immutable/);
    await assert.rejects(gw.sql(`delete from ledger_entry`), /immutable/);
  });
});

describe('balance-check rate limit', () => {
  it('more than 10 failed checks per publishable key + IP in 10 minutes → RATE_LIMITED, across instances', async () => {
    const m = await gw.merchant('limited');
    const [card] = await issueCards(gw, m, 1, 100);
    for (let i = 0; i < 10; i++) {
      assert.equal((await call(gw, m.publishableKey, Q.balance, { code: `AAAA-BBBB-CCCC-${String(i).padStart(4, '2')}` })).errorCode, 'CARD_NOT_FOUND');
    }
    const limited = await call(gw, m.publishableKey, Q.balance, { code: card.code });
    assert.equal(limited.errorCode, 'RATE_LIMITED');
    assert.ok(limited.retryAfterSeconds > 0 && limited.retryAfterSeconds <= 600, String(limited.retryAfterSeconds));
    const { clientToken } = await createIntent(gw, m, 50);
    assert.equal((await call(gw, m.publishableKey, Q.placeHold, { input: { clientToken, code: card.code } })).errorCode, 'RATE_LIMITED');
    const other = await gw.secondInstance();
    try {
      const res = await other.gql(m.publishableKey, Q.balance, { code: card.code });
      assert.equal(res.body.data.giftCardBalance.errorCode, 'RATE_LIMITED');
    } finally {
      await other.close();
    }
    assert.equal((await call(gw, m.secretKey, Q.balance, { code: card.code })).__typename, 'GiftCardBalance', 'secret keys are not limited');
    await gw.sql(`update rate_limit_bucket set window_start = now() - interval '11 minutes'`);
    gw.app.lookupBuckets.clear(); // what this process last read of the bucket is at most 1 s old
    assert.equal((await call(gw, m.publishableKey, Q.balance, { code: card.code })).available, 100, 'a new window starts');
  });
});
