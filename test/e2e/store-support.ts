import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { scratchDatabase } from '../support/pg.ts';
import { startGatewayProcess } from '../support/gateway-process.ts';

/**
 * The demo store as `npm start` runs it (gateway/main.ts with the demo merchant), on a fresh
 * PostgreSQL database, driven by Debian Chromium. Screenshots go to test-artifacts/store/.
 */

export const ARTIFACTS = join(import.meta.dirname, '..', '..', 'test-artifacts', 'store');
const ARGS = ['--no-sandbox', '--headless=new', '--disable-gpu', '--disable-dev-shm-usage',
  '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface Store {
  url: string;
  browser: Browser;
  context(): Promise<BrowserContext>;
  close(): Promise<void>;
}

/** `embedded`: no DATABASE_URL, exactly `npm start` on a fresh machine (PGlite in a new data folder). */
export async function startStore(env: Record<string, string> = {}, embedded = false): Promise<Store> {
  const db = embedded ? null : await scratchDatabase('gc_e2e_store');
  const dataDir = mkdtempSync(join(tmpdir(), 'gc-store-'));
  const gw = await startGatewayProcess(db?.url ?? null, { GC_DEMO: '1', GC_DATA_DIR: dataDir, ...env });
  const url = gw.url.replace(/\/graphql$/, '');
  const browser = await chromium.launch({ executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium', args: ARGS });
  mkdirSync(ARTIFACTS, { recursive: true });
  const contexts: BrowserContext[] = [];
  return {
    url,
    browser,
    async context() {
      const c = await browser.newContext({ baseURL: url, viewport: { width: 1280, height: 900 } });
      c.setDefaultTimeout(15_000);
      contexts.push(c);
      return c;
    },
    async close() {
      for (const c of contexts) await c.close().catch(() => {});
      await browser.close();
      await gw.stop();
      await db?.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A page that fails the test on any uncaught page error. */
export async function openPage(context: BrowserContext, path: string): Promise<Page> {
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  (page as Page & { errors: string[] }).errors = errors;
  await page.goto(path);
  return page;
}

export function assertNoPageErrors(page: Page): void {
  assert.deepEqual((page as Page & { errors?: string[] }).errors ?? [], []);
}

/** Desktop and 375 px screenshots of the page as it is now. */
export async function screenshots(page: Page, name: string): Promise<void> {
  const size = page.viewportSize()!;
  await page.screenshot({ path: join(ARTIFACTS, `${name}-desktop.png`), fullPage: true });
  await page.setViewportSize({ width: 375, height: 812 });
  await page.waitForTimeout(100);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
  await page.screenshot({ path: join(ARTIFACTS, `${name}-mobile.png`), fullPage: true });
  await page.setViewportSize(size);
  assert.equal(overflow, false, `${name}: no horizontal scrolling at 375 px`);
}

/** axe-core over the page, shadow roots included: no violations. */
export async function assertAccessible(page: Page, name: string): Promise<void> {
  await page.addScriptTag({ content: AXE });
  const violations = await page.evaluate(async () => {
    const r = await (window as unknown as { axe: { run(o?: unknown): Promise<{ violations: { id: string; help: string; nodes: { target: unknown }[] }[] }> } })
      .axe.run({ resultTypes: ['violations'] });
    return r.violations.map((v) => `${v.id}: ${v.help} — ${JSON.stringify(v.nodes.map((n) => n.target)).slice(0, 300)}`);
  });
  assert.deepEqual(violations, [], `${name}: axe-core violations`);
}

/** The USD price text the store shows for `cents`. */
export const usd = (cents: number) => new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }).format(cents / 100);

/** Buys a catalog card in the shop's UI; resolves with its code (read back from this browser's wallet). */
export async function buyCard(page: Page, brand: string, cents: number): Promise<{ code: string; last4: string }> {
  if (!page.url().endsWith('/')) await page.goto('/');
  const catalog = page.locator('gc-catalog');
  await catalog.locator('[part=search-input]').fill(brand);
  const item = catalog.locator('li', { has: page.locator('h3', { hasText: brand }) });
  await item.waitFor();
  await item.getByRole('radio', { name: usd(cents) }).check();
  await item.getByRole('button', { name: 'Choose' }).click();
  const dialog = page.locator('dialog#buy');
  await dialog.getByRole('button', { name: `Pay ${usd(cents)} (demo)` }).click();
  await dialog.locator('#buy-done:not([hidden]), #buy-error:not([hidden])').waitFor();
  assert.equal(await dialog.locator('#buy-error').isVisible(), false, await dialog.locator('#buy-error').textContent() ?? '');
  const cards = await page.evaluate(() => JSON.parse(localStorage.getItem('northwind.wallet') ?? '[]') as { code: string; last4: string }[]);
  await dialog.getByRole('button', { name: 'Keep shopping' }).click();
  return { code: cards[0].code, last4: cards[0].last4 };
}

/** Puts products in this browser's cart (as the shop's Add buttons do) and opens the checkout. */
export async function checkoutWith(page: Page, productIds: string[], query = ''): Promise<void> {
  await page.goto('/');
  for (const id of productIds) await page.locator(`[data-add="${id}"]`).click();
  await page.goto(`/checkout${query}`);
  await page.getByRole('button', { name: /Continue to payment/ }).click();
  await page.locator('gc-tender [part=totals]').waitFor();
}

/** Applies a card in the tender. */
export async function applyCard(page: Page, code: string): Promise<void> {
  const tender = page.locator('gc-tender');
  await tender.locator('[part=code-input]').fill(code);
  await tender.locator('[part=submit]').click();
}

/** The balance the wallet shows for the card ending `last4`. */
export async function walletBalance(page: Page, last4: string): Promise<string> {
  await page.goto('/wallet');
  const result = page.locator(`li[data-card="${last4}"] gc-balance [part=result] .amount`);
  await result.waitFor();
  return (await result.textContent())!.trim();
}
