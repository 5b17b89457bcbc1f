import { formatMinorUnits } from '../../widget/client/money.ts';
export { idempotencyKey as randomId } from '../../widget/client/ids.ts';

/** Shared by the demo store's pages: the cart and the wallet (this browser's storage), and calls to the store's server. */

export interface CartLine { productId: string; qty: number }
export interface WalletCard {
  orderId: string;
  code: string;
  pin: string | null;
  last4: string;
  brandName: string;
  amount: number;
  currency: string;
  qrSvg: string;
  orderedAt: string;
}
export interface Product { id: string; name: string; description: string; price: number; image: string }

const CART = 'northwind.cart';
const WALLET = 'northwind.wallet';

function read<T>(key: string): T[] {
  try {
    const v = JSON.parse(localStorage.getItem(key) ?? '[]');
    return Array.isArray(v) ? v : [];
  } catch {
    return [];
  }
}

export const cart = {
  lines: (): CartLine[] => read<CartLine>(CART).filter((l) => typeof l.productId === 'string' && Number.isSafeInteger(l.qty) && l.qty > 0),
  save(lines: CartLine[]): void {
    localStorage.setItem(CART, JSON.stringify(lines.filter((l) => l.qty > 0)));
    updateCartCount();
  },
  add(productId: string): void {
    const lines = cart.lines();
    const line = lines.find((l) => l.productId === productId);
    if (line) line.qty = Math.min(20, line.qty + 1);
    else lines.push({ productId, qty: 1 });
    cart.save(lines);
  },
  clear(): void {
    cart.save([]);
  },
};

export const wallet = {
  cards: (): WalletCard[] => read<WalletCard>(WALLET),
  add(card: WalletCard): void {
    const cards = wallet.cards().filter((c) => c.code !== card.code);
    localStorage.setItem(WALLET, JSON.stringify([card, ...cards]));
  },
  remove(code: string): void {
    localStorage.setItem(WALLET, JSON.stringify(wallet.cards().filter((c) => c.code !== code)));
  },
};

export class StoreError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.code = code;
  }
}

/** Calls the store's own server (/store/api/…); failures become StoreError with a message fit to show. */
export async function api<T = any>(path: string, body?: unknown): Promise<T> {
  let res: Response;
  try {
    res = await fetch(`/store/api${path}`, body === undefined ? {} : {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body),
    });
  } catch {
    throw new StoreError('NETWORK', 'The store could not be reached. Check your connection and try again.');
  }
  const data = await res.json().catch(() => null);
  if (!res.ok) throw new StoreError(data?.error?.code ?? 'HTTP', data?.error?.message ?? `The store answered ${res.status}.`);
  return data as T;
}

/** The gateway and publishable key of this page (from the widget's script tag), for the wallet app's own calls. */
export function widgetConfig(): { endpoint: string; publishableKey: string } {
  const tag = document.querySelector<HTMLScriptElement>('script[data-publishable-key]')!;
  return { endpoint: tag.dataset.endpoint!, publishableKey: tag.dataset.publishableKey! };
}

/** Amounts as the store shows them (the widget's own formatter, in the store's locale). */
export const money = (minor: number, currency = 'USD') => formatMinorUnits(minor, currency, 'en-US');

export function updateCartCount(): void {
  const n = cart.lines().reduce((s, l) => s + l.qty, 0);
  document.querySelectorAll('[data-cart-count]').forEach((e) => {
    e.textContent = String(n);
    e.setAttribute('aria-label', `${n} item${n === 1 ? '' : 's'}`);
  });
}

updateCartCount();
