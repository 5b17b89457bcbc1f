import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { startTestGateway, type TestGateway, type TestMerchant } from '../gateway/harness.ts';
import { createIntent, issueCards } from '../gateway/api.ts';
import { seedCatalog } from '../../gateway/db/catalog-seed.ts';

/*
 * The widget as a merchant embeds it: a plain page with only the script tag (served by the gateway
 * at /widget/) and the elements, on another origin than the gateway. Screenshots of every element
 * in light and dark, desktop and 320 px wide, go to test-artifacts/widget/ (kept out of git).
 */

const ARTIFACTS = join(import.meta.dirname, '..', '..', 'test-artifacts', 'widget');
const ARGS = ['--no-sandbox', '--headless=new', '--disable-gpu', '--disable-dev-shm-usage',
  '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

let gw: TestGateway;
let m: TestMerchant;
let browser: Browser;

before(async () => {
  gw = await startTestGateway({ config: { expiringLeadSeconds: 3 } });
  m = await gw.merchant('Screenshots');
  await gw.app.orm.em.fork().transactional((em) => seedCatalog(em, m.merchantId));
  browser = await chromium.launch({ executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium', args: ARGS });
  mkdirSync(ARTIFACTS, { recursive: true });
});
after(async () => {
  await browser?.close();
  await gw?.close();
});

function page(body: string): string {
  const base = gw.server.url;
  return `<!doctype html><html lang="en"><head><meta name="viewport" content="width=device-width, initial-scale=1"></head>
    <body style="margin:16px;font-family:system-ui">
    <script src="${base}/widget/giftcard.iife.js" data-endpoint="${base}/graphql" data-publishable-key="${m.publishableKey}"></script>
    ${body}</body></html>`;
}

describe('widget on a plain page', () => {
  it('serves stable names with a short cache and content-hashed names as immutable', async () => {
    const manifest = await (await fetch(`${gw.server.url}/widget/manifest.json`)).json() as Record<string, string>;
    for (const [stable, hashed] of Object.entries(manifest)) {
      const a = await fetch(`${gw.server.url}/widget/${stable}`);
      const b = await fetch(`${gw.server.url}/widget/${hashed}`);
      assert.equal(a.headers.get('cache-control'), 'public, max-age=300');
      assert.equal(b.headers.get('cache-control'), 'public, max-age=31536000, immutable');
      assert.equal(b.headers.get('access-control-allow-origin'), '*');
      assert.equal(await a.text(), await b.text());
    }
    assert.equal((await fetch(`${gw.server.url}/widget/giftcard.0000000000.js`)).status, 404);
  });

  for (const scheme of ['light', 'dark'] as const) {
    for (const width of [1024, 320]) {
      it(`gc-balance and gc-tender work and render (${scheme}, ${width}px)`, async () => {
        const [card, second] = await issueCards(gw, m, 2, 2000);
        const { clientToken } = await createIntent(gw, m, 3250);
        const p = await browser.newPage({ viewport: { width, height: 900 }, colorScheme: scheme });
        const errors: string[] = [];
        p.on('pageerror', (e) => errors.push(e.message));
        try {
          await p.setContent(page(`<gc-balance locale="en-US"></gc-balance><div style="height:16px"></div>
            <gc-tender locale="en-US" client-token="${clientToken}"></gc-tender>`));
          await p.locator('gc-balance [part=code-input]').fill(card.code);
          await p.locator('gc-balance [part=submit]').click();
          await p.locator('gc-balance [part=result]').getByText('$20.00').waitFor();
          await p.locator('gc-tender [part=code-input]').fill(second.code);
          await p.locator('gc-tender [part=submit]').click();
          await p.locator('gc-tender [part=applied] li').getByText('$20.00').waitFor();
          await p.locator('gc-tender [part=totals]').getByText('$12.50').waitFor();
          const overflow = await p.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
          assert.equal(overflow, false, 'no horizontal scrolling');
          await p.screenshot({ path: join(ARTIFACTS, `widget-${scheme}-${width}.png`), fullPage: true });
          assert.deepEqual(errors, []);
        } finally {
          await p.close();
        }
      });
    }
  }

  for (const scheme of ['light', 'dark'] as const) {
    for (const width of [1024, 320]) {
      it(`gc-catalog browses, filters and selects (${scheme}, ${width}px)`, async () => {
        const p = await browser.newPage({ viewport: { width, height: 900 }, colorScheme: scheme });
        const errors: string[] = [];
        p.on('pageerror', (e) => errors.push(e.message));
        try {
          await p.setContent(page(`<gc-catalog locale="en-US" page-size="6"></gc-catalog>`));
          await p.locator('gc-catalog').getByText('Showing 6 of 40').waitFor();
          await p.locator('gc-catalog [part=load-more]').click();
          await p.locator('gc-catalog').getByText('Showing 12 of 40').waitFor();
          const selected = p.evaluate(() => new Promise<{ brandName: string; amount: number; currency: string }>((resolve) =>
            document.addEventListener('gc-select', (e) => {
              const s = e as unknown as { brandName: string; amount: number; currency: string };
              resolve({ brandName: s.brandName, amount: s.amount, currency: s.currency });
            }, { once: true })));
          const aurora = p.locator('gc-catalog li', { hasText: 'Aurora Coffee' });
          await aurora.getByRole('radio', { name: '$50.00' }).check();
          await aurora.getByRole('button', { name: 'Choose' }).click();
          assert.deepEqual(await selected, { brandName: 'Aurora Coffee', amount: 5000, currency: 'USD' });
          const overflow = await p.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
          assert.equal(overflow, false, 'no horizontal scrolling');
          await p.screenshot({ path: join(ARTIFACTS, `catalog-${scheme}-${width}.png`), fullPage: width > 400 });
          await p.locator('gc-catalog [part=search-input]').fill('zzz');
          await p.locator('gc-catalog').getByText('No gift cards match').waitFor();
          await p.locator('gc-catalog [part=base]').screenshot({ path: join(ARTIFACTS, `catalog-empty-${scheme}-${width}.png`) });
          assert.deepEqual(errors, []);
        } finally {
          await p.close();
        }
      });
    }
  }

  for (const scheme of ['light', 'dark'] as const) {
    it(`error, expiring and expired states render (${scheme})`, async () => {
      const [card] = await issueCards(gw, m, 1, 1000);
      const { clientToken } = await createIntent(gw, m, 2500, { ttlSeconds: 5 });
      const p = await browser.newPage({ viewport: { width: 480, height: 900 }, colorScheme: scheme });
      const errors: string[] = [];
      p.on('pageerror', (e) => errors.push(e.message));
      try {
        await p.setContent(page(`<gc-balance locale="en-US"></gc-balance><div style="height:16px"></div>
          <gc-tender locale="en-US" client-token="${clientToken}" approve-url="https://shop.example/approve"></gc-tender><div style="height:16px"></div>
          <gc-catalog endpoint="http://127.0.0.1:9/graphql"></gc-catalog>`));
        await p.locator('gc-balance [part=code-input]').fill('AAAA-BBBB-CCCC-DDDD');
        await p.locator('gc-balance [part=submit]').click();
        await p.locator('gc-balance [part=error]').getByText('could not find').waitFor();
        await p.locator('gc-catalog').getByText('could not be loaded').waitFor();
        await p.locator('gc-tender [part=code-input]').fill(card.code);
        await p.locator('gc-tender [part=submit]').click();
        await p.locator('gc-tender [part=applied] li').waitFor();
        await p.locator('gc-tender summary').click();
        await p.locator('gc-tender').getByText('expires soon').waitFor({ timeout: 10_000 });
        await p.screenshot({ path: join(ARTIFACTS, `states-expiring-${scheme}.png`), fullPage: true });
        await p.locator('gc-tender').getByText('This payment expired').waitFor({ timeout: 10_000 });
        await p.locator('gc-tender').screenshot({ path: join(ARTIFACTS, `states-expired-${scheme}.png`) });
        assert.deepEqual(errors, []);
      } finally {
        await p.close();
      }
    });
  }
});
