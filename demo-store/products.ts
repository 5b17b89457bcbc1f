/** What the demo store sells: a few products with pictures drawn here (SVG), priced in integer cents. */
export interface Product {
  id: string;
  name: string;
  description: string;
  /** USD cents. */
  price: number;
  svg: string;
}

const art = (bg: string, body: string) =>
  `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 240 180"><rect width="240" height="180" fill="${bg}"/>${body}</svg>`;

export const CURRENCY = 'USD';

export const PRODUCTS: Product[] = [
  { id: 'mug', name: 'Stoneware mug', description: 'Hand-glazed, 350 ml, dishwasher safe.', price: 1800,
    svg: art('#e7e2f7', '<rect x="80" y="55" width="70" height="80" rx="10" fill="#4b3df2"/><path d="M150 75h14a16 16 0 0 1 0 32h-14" fill="none" stroke="#4b3df2" stroke-width="10"/><rect x="72" y="135" width="86" height="8" rx="4" fill="#2e2596"/>') },
  { id: 'notebook', name: 'Dot-grid notebook', description: 'A5, 192 pages, lay-flat binding.', price: 1450,
    svg: art('#fdf0dc', '<rect x="78" y="35" width="90" height="115" rx="6" fill="#b45309"/><rect x="78" y="35" width="14" height="115" fill="#7c3a06"/><rect x="104" y="60" width="50" height="10" rx="3" fill="#fde7c2"/>') },
  { id: 'tote', name: 'Canvas tote', description: 'Heavy organic cotton, inner pocket.', price: 2400,
    svg: art('#dcf3ec', '<path d="M95 70a25 25 0 0 1 50 0" fill="none" stroke="#0f766e" stroke-width="8"/><path d="M70 70h100l-8 80H78z" fill="#0f766e"/>') },
  { id: 'headphones', name: 'Wireless headphones', description: '30-hour battery, soft-touch band.', price: 8900,
    svg: art('#e1e9fb', '<path d="M75 110v-20a45 45 0 0 1 90 0v20" fill="none" stroke="#1d4ed8" stroke-width="10"/><rect x="62" y="100" width="26" height="44" rx="10" fill="#1d4ed8"/><rect x="152" y="100" width="26" height="44" rx="10" fill="#1d4ed8"/>') },
  { id: 'plant', name: 'Desk plant', description: 'Easy-care pothos in a ceramic pot.', price: 2200,
    svg: art('#e3f4df', '<path d="M120 95c-30-10-40-40-30-55 25 5 35 30 30 55zM120 95c25-15 45-20 55-10-10 20-35 20-55 10z" fill="#15803d"/><path d="M92 95h56l-8 50h-40z" fill="#c2410c"/>') },
  { id: 'candle', name: 'Soy candle', description: 'Cedar and fig, 40-hour burn.', price: 1600,
    svg: art('#fbe4ea', '<rect x="95" y="80" width="50" height="65" rx="8" fill="#be123c"/><path d="M120 50c8 10 8 20 0 26-8-6-8-16 0-26z" fill="#f59e0b"/><rect x="118" y="72" width="4" height="10" fill="#3f3f46"/>') },
];

export function productById(id: string): Product | undefined {
  return PRODUCTS.find((p) => p.id === id);
}
