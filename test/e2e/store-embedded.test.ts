import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { applyCard, assertNoPageErrors, buyCard, checkoutWith, openPage, startStore, usd, walletBalance, type Store } from './store-support.ts';

/** `npm install && npm start` on a fresh machine: the embedded database, the demo merchant, the store at /. */

let store: Store;
before(async () => {
  store = await startStore({}, true);
});
after(async () => {
  await store?.close();
});

describe('demo store on the embedded database', () => {
  it('buys a card, pays a cart with it, and the merchant feed shows the capture', async () => {
    const context = await store.context();
    const page = await openPage(context, '/');
    const card = await buyCard(page, 'Aurora Coffee', 2500);
    const merchant = await openPage(context, '/merchant');
    await merchant.getByText('Live: new events').waitFor();
    await checkoutWith(page, ['notebook']);
    await applyCard(page, card.code);
    await page.waitForURL(/\/orders\/ord_/);
    await page.locator('table.paid').getByText(`Gift card ending ${card.last4}`).waitFor();
    await merchant.locator('#feed li[data-type=HOLD_CAPTURED]').waitFor();
    assert.equal(await walletBalance(page, card.last4), usd(2500 - 1450));
    assertNoPageErrors(page);
    assertNoPageErrors(merchant);
  });
});
