import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import {
  applyCard, assertAccessible, assertNoPageErrors, buyCard, checkoutWith, openPage, screenshots, startStore, usd, walletBalance, type Store,
} from './store-support.ts';

/** The demo store end to end, as a visitor uses it: shop, checkout, wallet, merchant, balance. */

let store: Store;

before(async () => {
  // HOLD_EXPIRING 4 s before a deadline, so a short payment window shows its warning.
  store = await startStore({ GC_EXPIRING_LEAD_SECONDS: '4', GC_ORDERS_PER_IP_PER_DAY: '100' });
});
after(async () => {
  await store?.close();
});

async function receiptShows(page: Page): Promise<string> {
  await page.waitForURL(/\/orders\/ord_/);
  await page.getByRole('heading', { name: /Thank you/ }).waitFor();
  return page.url().split('/orders/')[1];
}

async function feedTypes(page: Page): Promise<string[]> {
  return page.locator('#feed li').evaluateAll((lis) => lis.map((li) => li.getAttribute('data-type')!).reverse());
}

describe('demo store', () => {
  it('1. buys a card from the catalog; it shows in the wallet with the right balance', async () => {
    const context = await store.context();
    const page = await openPage(context, '/');
    await page.locator('gc-catalog').getByText(/Showing \d+ of \d+ gift cards/).waitFor();
    await screenshots(page, '1-shop');
    const card = await buyCard(page, 'Aurora Coffee', 5000);
    assert.match(card.code, /^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
    assert.equal(await walletBalance(page, card.last4), usd(5000));
    await page.locator(`li[data-card="${card.last4}"] img.qr`).waitFor();
    await screenshots(page, '1-wallet');
    assertNoPageErrors(page);
  });

  it('2. pays a cart fully with one card; the merchant feed shows the hold placed then captured; the balance drops by the total', async () => {
    const context = await store.context();
    const page = await openPage(context, '/');
    const card = await buyCard(page, 'Galaxy Cinemas', 5000);
    const merchant = await openPage(context, '/merchant');
    await merchant.getByText('Live: new events').waitFor();
    await checkoutWith(page, ['mug', 'candle']); // 18.00 + 16.00
    await page.locator('gc-tender').getByText(usd(3400)).first().waitFor();
    await screenshots(page, '2-checkout');
    await applyCard(page, card.code);
    const orderId = await receiptShows(page);
    const receipt = page.locator('table.paid');
    await receipt.getByText(`Gift card ending ${card.last4}`).waitFor();
    assert.match((await receipt.textContent())!, new RegExp(`${usd(3400).replace('$', '\\$')}.*${usd(1600).replace('$', '\\$')}`, 's'));
    await screenshots(page, '2-receipt');
    await merchant.locator('#feed li[data-type=HOLD_CAPTURED]').waitFor();
    const types = await feedTypes(merchant);
    assert.ok(types.indexOf('HOLD_PLACED') >= 0 && types.indexOf('HOLD_PLACED') < types.indexOf('HOLD_CAPTURED'), types.join());
    await merchant.locator(`tbody[data-order="${orderId}"]`).getByText('captured').waitFor();
    await screenshots(merchant, '2-merchant');
    assert.equal(await walletBalance(page, card.last4), usd(5000 - 3400));
    assertNoPageErrors(page);
    assertNoPageErrors(merchant);
  });

  it('3. split tender: two cards plus the demo card; a card removed before paying is released', async () => {
    const context = await store.context();
    const page = await openPage(context, '/');
    const a = await buyCard(page, 'Maple Rail', 2500);
    const b = await buyCard(page, 'Koi Sushi', 2500);
    await checkoutWith(page, ['headphones']); // 89.00
    const tender = page.locator('gc-tender');
    await applyCard(page, a.code);
    await tender.locator('[part=applied] li', { hasText: a.last4 }).waitFor();
    await applyCard(page, b.code);
    await tender.locator('[part=applied] li', { hasText: b.last4 }).waitFor();
    await page.getByRole('button', { name: `Pay ${usd(8900 - 5000)} by demo card` }).waitFor();
    await screenshots(page, '3-split');
    await tender.getByRole('button', { name: `Remove card ending ${b.last4}` }).click();
    await tender.locator('[part=applied] li', { hasText: b.last4 }).waitFor({ state: 'detached' });
    await page.getByRole('button', { name: `Pay ${usd(8900 - 2500)} by demo card` }).click();
    await receiptShows(page);
    const rows = await page.locator('table.paid tbody tr').evaluateAll((trs) =>
      trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent!.replace(/\s+/g, ' ').trim())));
    assert.deepEqual(rows, [[`Gift card ending ${a.last4}`, usd(2500), usd(0)], ['Demo card Demo', usd(6400), '']]);
    await screenshots(page, '3-receipt');
    assert.equal(await walletBalance(page, a.last4), usd(0));
    assert.equal(await walletBalance(page, b.last4), usd(2500), 'the removed card got its hold back');
    assertNoPageErrors(page);
  });

  it('4. APP channel: the wallet in another browser approves; the checkout updates live and completes', async () => {
    const shopper = await store.context();
    const phone = await store.context();
    const app = await openPage(phone, '/');
    const card = await buyCard(app, 'Yuzu Ramen', 10000);
    const page = await openPage(shopper, '/');
    await checkoutWith(page, ['tote']); // 24.00
    const tender = page.locator('gc-tender');
    await tender.getByText('Pay with the app on your phone').click();
    await tender.locator('[part=qr]').waitFor();
    await screenshots(page, '4-app-qr');
    const href = await tender.locator('[part=app-link]').getAttribute('href');
    assert.match(href!, /\/wallet\/approve#token=/);
    await app.goto(href!);
    await app.getByText(`asks you to pay ${usd(2400)}`).waitFor();
    await screenshots(app, '4-approve');
    await app.getByRole('button', { name: 'Approve payment' }).click();
    await app.getByText(`Approved: ${usd(2400)} on the card ending ${card.last4}`).waitFor();
    await receiptShows(page); // no reload: the tender saw the hold through its subscription, the store captured
    await page.locator('table.paid').getByText(`Gift card ending ${card.last4}`).waitFor();
    assert.equal(await walletBalance(app, card.last4), usd(10000 - 2400));
    assertNoPageErrors(page);
    assertNoPageErrors(app);
  });

  it('5. a short payment window: the tender warns, then expires; the card gets its value back', async () => {
    const context = await store.context();
    const page = await openPage(context, '/');
    const card = await buyCard(page, 'Saffron Kitchen', 1000);
    await checkoutWith(page, ['mug'], '?ttl=8');
    await applyCard(page, card.code);
    const tender = page.locator('gc-tender');
    await tender.locator('[part=applied] li', { hasText: card.last4 }).waitFor();
    await tender.getByText('This payment expires soon').waitFor({ timeout: 10_000 });
    await screenshots(page, '5-expiring');
    await tender.getByText('This payment expired').waitFor({ timeout: 10_000 });
    await page.getByRole('button', { name: 'Start payment again' }).waitFor();
    await screenshots(page, '5-expired');
    assert.equal(await walletBalance(page, card.last4), usd(1000));
    assertNoPageErrors(page);
  });

  it('6. a refund from the merchant page puts the refunded amount back on the card', async () => {
    const context = await store.context();
    const page = await openPage(context, '/');
    const card = await buyCard(page, 'Éclat Cosmetics', 5000);
    await checkoutWith(page, ['plant']); // 22.00
    await applyCard(page, card.code);
    const orderId = await receiptShows(page);
    assert.equal(await walletBalance(page, card.last4), usd(2800));
    const merchant = await openPage(context, '/merchant');
    const order = merchant.locator(`tbody[data-order="${orderId}"]`);
    await order.getByRole('textbox', { name: /Refund amount/ }).fill('7.50');
    await order.getByRole('button', { name: 'Refund' }).click();
    await order.getByText(`refunded ${usd(750)}`).waitFor();
    await merchant.locator('#feed li[data-type=REFUNDED]').waitFor();
    await screenshots(merchant, '6-refunded');
    assert.equal(await walletBalance(page, card.last4), usd(2800 + 750));
    const mailbox = await openPage(context, '/merchant/mailbox');
    await mailbox.getByRole('heading', { name: /Éclat Cosmetics/ }).first().waitFor();
    await screenshots(mailbox, '6-mailbox');
    assertNoPageErrors(merchant);
  });

  it('7. keyboard-only checkout; axe-core finds nothing on any page', async () => {
    const context = await store.context();
    const page = await openPage(context, '/');
    const card = await buyCard(page, 'Koi Sushi', 10000);
    await page.goto('/');
    const press = async (key: string, times = 1) => { for (let i = 0; i < times; i++) await page.keyboard.press(key); };
    // Tab to the first "Add to cart" and press Enter.
    for (let i = 0; i < 40; i++) {
      await press('Tab');
      if (await page.evaluate(() => document.activeElement?.getAttribute('data-add') === 'mug')) break;
    }
    await press('Enter');
    await page.waitForFunction(() => document.querySelector('[data-cart-count]')?.textContent === '1');
    // The cart link, by keyboard.
    await page.locator('a.cart').focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/checkout$/);
    const start = page.getByRole('button', { name: /Continue to payment/ });
    await start.waitFor();
    for (let i = 0; i < 20 && !(await start.evaluate((b) => b === document.activeElement)); i++) await press('Tab');
    await press('Enter');
    await page.locator('gc-tender [part=code-input]').waitFor();
    for (let i = 0; i < 20; i++) {
      await press('Tab');
      const part = await page.evaluate(() => document.activeElement?.shadowRoot?.activeElement?.getAttribute('part'));
      if (part === 'code-input') break;
    }
    await page.keyboard.type(card.code.replaceAll('-', ''));
    await press('Enter');
    await receiptShows(page);

    for (const path of ['/', '/balance', '/wallet', page.url().replace(store.url, ''), '/merchant', '/merchant/mailbox']) {
      const p = await openPage(context, path);
      await p.waitForLoadState('networkidle').catch(() => {});
      if (path === '/') await p.locator('gc-catalog').getByText(/Showing/).waitFor();
      if (path === '/wallet') await p.locator('gc-balance [part=result]').first().waitFor();
      if (path === '/merchant') await p.locator('#orders table').waitFor();
      await assertAccessible(p, path);
      await p.close();
    }
    // The checkout with the tender open, and the approval page.
    await checkoutWith(page, ['mug']);
    await assertAccessible(page, '/checkout');
    const href = (await page.locator('gc-tender [part=app-link]').getAttribute('href'))!;
    const approve = await openPage(context, href);
    await approve.getByRole('button', { name: 'Approve payment' }).waitFor();
    await assertAccessible(approve, '/wallet/approve');
    await page.emulateMedia({ colorScheme: 'dark' });
    await screenshots(page, '7-checkout-dark');
    await page.goto('/');
    await page.locator('gc-catalog').getByText(/Showing/).waitFor();
    await screenshots(page, '7-shop-dark');
  });
});
