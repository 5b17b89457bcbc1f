import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestGateway, type TestGateway, type TestMerchant } from './harness.ts';
import { Q, assertLedgerInvariants, call, createIntent } from './api.ts';
import { seedCatalog } from '../../gateway/db/catalog-seed.ts';

let gw: TestGateway;
let m: TestMerchant;
let brands: { id: string; name: string; currency: string; denominations: any[] }[];

before(async () => {
  gw = await startTestGateway({ config: { ordersPerRecipientPerDay: 1000 } });
  m = await gw.merchant('Orders');
  await gw.app.orm.em.fork().transactional((em) => seedCatalog(em, m.merchantId));
  const page = await call(gw, m.secretKey, `{ catalog(first: 100) { edges { node { id name currency
    denominations { kind amount minAmount maxAmount step stock } } } } }`, {});
  brands = page.edges.map((e: any) => e.node);
});
after(async () => {
  await assertLedgerInvariants(gw);
  await gw.close();
});

const ORDER = `mutation($input: OrderGiftCardInput!) { orderGiftCard(input: $input) { __typename
  ... on GiftCardOrdered { replayed order { id referenceId brandId recipientEmail code pin redemptionInstructions qrSvg
    card { id balance currency last4 } } }
  ... on CurrencyMismatchError { expected actual }
  ... on ErrorResult { errorCode message } } }`;

const fixedBrand = () => brands.find((b) => b.currency === 'USD' && b.denominations.some((d) => d.kind === 'FIXED' && d.stock !== 0))!;
const rangeBrand = () => brands.find((b) => b.denominations.some((d) => d.kind === 'RANGE'))!;
let ref = 0;
const order = (input: Record<string, unknown>) =>
  call(gw, m.secretKey, ORDER, { input: { recipientEmail: 'ada@example.com', referenceId: `ref-${++ref}`, ...input } });

describe('orderGiftCard', () => {
  it('delivers a working card: code, instructions, QR; the card checks and pays', async () => {
    const b = fixedBrand();
    const r = await order({ brandId: b.id, amount: 2500, currency: 'USD' });
    assert.equal(r.__typename, 'GiftCardOrdered', JSON.stringify(r));
    assert.equal(r.replayed, false);
    assert.match(r.order.code, /^[2-9A-HJ-NP-Z]{4}(-[2-9A-HJ-NP-Z]{4}){3}$/);
    assert.match(r.order.qrSvg, /^<svg/);
    assert.ok(r.order.redemptionInstructions.length > 0);
    assert.equal(r.order.card.balance, 2500);
    const bal = await call(gw, m.publishableKey, Q.balance, { code: r.order.code });
    assert.equal(bal.available, 2500);
    const { clientToken } = await createIntent(gw, m, 1000);
    assert.equal((await call(gw, m.publishableKey, Q.placeHold, { input: { clientToken, code: r.order.code } })).__typename, 'HoldPlaced');
  });

  it('checks the amount against the brand: range steps, fixed amounts, currency, brand, e-mail, key', async () => {
    const rb = rangeBrand();
    const d = rb.denominations.find((x) => x.kind === 'RANGE');
    assert.equal((await order({ brandId: rb.id, amount: d.minAmount + d.step, currency: rb.currency })).__typename, 'GiftCardOrdered');
    assert.equal((await order({ brandId: rb.id, amount: d.minAmount + 1, currency: rb.currency })).errorCode, 'INVALID_DENOMINATION');
    assert.equal((await order({ brandId: rb.id, amount: d.maxAmount + d.step, currency: rb.currency })).errorCode, 'INVALID_DENOMINATION');
    const fb = fixedBrand();
    assert.equal((await order({ brandId: fb.id, amount: 2600, currency: 'USD' })).errorCode, 'INVALID_DENOMINATION');
    const mismatch = await order({ brandId: fb.id, amount: 2500, currency: 'EUR' });
    assert.deepEqual([mismatch.errorCode, mismatch.expected], ['CURRENCY_MISMATCH', 'USD']);
    assert.equal((await order({ brandId: '00000000-0000-0000-0000-000000000000', amount: 2500, currency: 'USD' })).errorCode, 'BRAND_NOT_FOUND');
    assert.equal((await order({ brandId: fb.id, amount: 2500, currency: 'USD', recipientEmail: 'nope' })).errorCode, 'INVALID_INPUT');
    assert.equal((await order({ brandId: fb.id, amount: 0, currency: 'USD' })).errorCode, 'INVALID_AMOUNT');
    const pk = await gw.gql(m.publishableKey, ORDER, { input: { brandId: fb.id, amount: 2500, currency: 'USD', recipientEmail: 'a@b.co', referenceId: 'x' } });
    assert.equal(pk.body.errors?.[0].extensions?.code, 'FORBIDDEN');
  });

  it('a repeated referenceId returns the original order, never a second card, whatever else differs', async () => {
    const b = fixedBrand();
    const input = { brandId: b.id, amount: 1000, currency: 'USD', recipientEmail: 'x@example.com', referenceId: 'shop-order-77' };
    const first = await call(gw, m.secretKey, ORDER, { input });
    const again = await call(gw, m.secretKey, ORDER, { input: { ...input, amount: 5000, recipientEmail: 'other@example.com' } });
    assert.equal(again.replayed, true);
    assert.deepEqual(again.order, first.order);
    const [{ n }] = await gw.sql(`select count(*)::int as n from gift_card_order where merchant_id = $1 and card_id = $2`, [m.merchantId, first.order.card.id]);
    assert.equal(n, 1);
    const stored = JSON.stringify(await gw.sql('select * from gift_card_order'));
    assert.ok(!stored.includes(first.order.code) && !stored.includes('shop-order-77'), 'code and reference not stored in clear');
  });

  it('at most N orders per recipient per day, counted under concurrency (VELOCITY_LIMIT)', async () => {
    gw.app.config.ordersPerRecipientPerDay = 3;
    try {
      const b = fixedBrand();
      const results = await Promise.all(Array.from({ length: 8 }, () =>
        order({ brandId: b.id, amount: 1000, currency: 'USD', recipientEmail: 'Velocity@Example.com' })));
      assert.equal(results.filter((r) => r.__typename === 'GiftCardOrdered').length, 3);
      assert.ok(results.every((r) => r.__typename === 'GiftCardOrdered' || r.errorCode === 'VELOCITY_LIMIT'));
      assert.equal((await order({ brandId: b.id, amount: 1000, currency: 'USD', recipientEmail: 'someone.else@example.com' })).__typename, 'GiftCardOrdered');
    } finally {
      gw.app.config.ordersPerRecipientPerDay = 1000;
    }
  });

  it('at most M orders per buyer IP address per day, counted under concurrency; other addresses unaffected; junk refused', async () => {
    gw.app.config.ordersPerCustomerIpPerDay = 4;
    try {
      const b = fixedBrand();
      const results = await Promise.all(Array.from({ length: 10 }, (_, i) =>
        order({ brandId: b.id, amount: 1000, currency: 'USD', recipientEmail: `buyer${i}@example.com`, customerIp: '203.0.113.7' })));
      assert.equal(results.filter((r) => r.__typename === 'GiftCardOrdered').length, 4);
      const refused = results.filter((r) => r.__typename !== 'GiftCardOrdered');
      assert.ok(refused.every((r) => r.errorCode === 'VELOCITY_LIMIT' && /buyer IP/.test(r.message)));
      assert.equal((await order({ brandId: b.id, amount: 1000, currency: 'USD', customerIp: '2001:db8::1' })).__typename, 'GiftCardOrdered');
      assert.equal((await order({ brandId: b.id, amount: 1000, currency: 'USD', customerIp: 'not-an-ip' })).errorCode, 'INVALID_INPUT');
      // A repeat of an accepted order is a replay, not a new order: it is not refused.
      const first = results.find((r) => r.__typename === 'GiftCardOrdered')!;
      const again = await call(gw, m.secretKey, ORDER, { input: { brandId: b.id, amount: 1000, currency: 'USD',
        recipientEmail: first.order.recipientEmail, referenceId: first.order.referenceId, customerIp: '203.0.113.7' } });
      assert.deepEqual([again.replayed, again.order.id], [true, first.order.id]);
      const [{ stored }] = await gw.app.orm.em.fork().execute(`select count(*)::int as stored from gift_card_order where customer_ip_hash like '%203.0.113%'`);
      assert.equal(stored, 0, 'the address is not stored in clear');
    } finally {
      gw.app.config.ordersPerCustomerIpPerDay = 10;
    }
  });

  it('100 concurrent orders for the last 10 cards sell exactly 10', async () => {
    const b = fixedBrand();
    const [d] = await gw.sql(`update brand_denomination set stock = 10 where brand_id = $1 and amount = 5000 returning id`, [b.id]);
    const results = await Promise.all(Array.from({ length: 100 }, () => order({ brandId: b.id, amount: 5000, currency: 'USD' })));
    const sold = results.filter((r) => r.__typename === 'GiftCardOrdered');
    assert.equal(sold.length, 10);
    assert.ok(results.every((r) => r.__typename === 'GiftCardOrdered' || r.errorCode === 'OUT_OF_STOCK'));
    const [{ stock }] = await gw.sql('select stock from brand_denomination where id = $1', [d.id]);
    assert.equal(stock, 0);
    assert.equal(new Set(sold.map((r) => r.order.card.id)).size, 10);
  });
});
