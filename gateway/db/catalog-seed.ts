import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { searchable } from '../services/catalog.service.ts';

/** Demo catalog: brands across countries and categories, fixed and ranged denominations, some sold out. */

const CATEGORIES = ['Food & Drink', 'Fashion', 'Electronics', 'Travel', 'Entertainment', 'Home', 'Beauty'];
const COUNTRIES: [string, string][] = [['US', 'USD'], ['GB', 'GBP'], ['DE', 'EUR'], ['FR', 'EUR'], ['JP', 'JPY'], ['CA', 'CAD']];
const NAMES = [
  'Aurora Coffee', 'Bistro Lumière', 'Café Crème', 'Dune Outfitters', 'Ember Electronics', 'Fjord Travel',
  'Galaxy Cinemas', 'Harbor Home', 'Iris Beauty', 'Juniper Market', 'Kite & Co', 'Lumen Audio',
  'Maple Rail', 'Nimbus Games', 'Oakwood Living', 'Petal Spa', 'Quill Books', 'Rivet Denim',
  'Saffron Kitchen', 'Tundra Gear', 'Umbra Studio', 'Velvet Parfums', 'Wander Air', 'Xenon Arcade',
  'Yuzu Ramen', 'Zephyr Cycles', 'Ålesund Bakery', 'Bonheur Boulangerie', 'Cielo Hotels', 'Drift Surf',
  'Éclat Cosmetics', 'Forge Tools', 'Glint Jewelry', 'Haven Furniture', 'Indigo Stage', 'Jade Tea House',
  'Koi Sushi', 'Lark Music', 'Müller Markt', 'Nordlicht Reisen',
];
const PALETTE = ['#4b3df2', '#0f766e', '#b45309', '#be123c', '#1d4ed8', '#7c3aed', '#15803d', '#c2410c', '#0e7490', '#a21caf'];

/** A logo made here: a colored tile with the brand's initials. */
export function logoSvg(name: string, color: string): string {
  const initials = name.split(/\s+/).filter((w) => /\p{L}/u.test(w[0])).slice(0, 2).map((w) => w[0].toUpperCase()).join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 96 96" role="img" aria-label="${name}">`
    + `<rect width="96" height="96" rx="20" fill="${color}"/>`
    + `<text x="48" y="60" font-family="system-ui,sans-serif" font-size="36" font-weight="700" text-anchor="middle" fill="#fff">${initials}</text></svg>`;
}

const slugify = (name: string) => searchable(name).replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

/** Inserts `count` brands (names repeat with a number after the first 40) with their denominations. */
export async function seedCatalog(em: EntityManager, merchantId: string, count = NAMES.length): Promise<void> {
  const brands: unknown[][] = [];
  const denominations: unknown[][] = [];
  for (let i = 0; i < count; i++) {
    const base = NAMES[i % NAMES.length];
    const name = i < NAMES.length ? base : `${base} ${Math.floor(i / NAMES.length) + 1}`;
    const [country, currency] = COUNTRIES[i % COUNTRIES.length];
    const category = CATEGORIES[(i * 3) % CATEGORIES.length];
    const id = randomUUID();
    // Minor units: 100 per major unit for USD/EUR/GBP/CAD; yen have none, so 100 × ¥ keeps round yen amounts.
    brands.push([id, merchantId, name, slugify(name), searchable(name), country, currency, category,
      `${name}: ${category.toLowerCase()} in ${country}.`, 'Show the code at the till or enter it at checkout online.',
      logoSvg(name, PALETTE[i % PALETTE.length])]);
    if (i % 3 === 2) {
      denominations.push([randomUUID(), id, 'RANGE', null, 1000, 50000, 500, null]);
    } else {
      const soldOut = i % 11 === 5;
      for (const a of [10, 25, 50, 100]) {
        const amount = a * 100;
        denominations.push([randomUUID(), id, 'FIXED', amount, null, null, null, soldOut ? 0 : a === 100 ? 25 : null]);
      }
    }
  }
  for (let i = 0; i < brands.length; i += 500) {
    const chunk = brands.slice(i, i + 500);
    await em.execute(`insert into brand (id, merchant_id, name, slug, search_name, country, currency, category, description, redemption_instructions, logo_svg)
      values ${chunk.map(() => '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}`, chunk.flat());
  }
  for (let i = 0; i < denominations.length; i += 1000) {
    const chunk = denominations.slice(i, i + 1000);
    await em.execute(`insert into brand_denomination (id, brand_id, kind, amount, min_amount, max_amount, step, stock)
      values ${chunk.map(() => '(?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}`, chunk.flat());
  }
}
