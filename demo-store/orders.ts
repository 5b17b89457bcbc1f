import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { randomBytes } from 'node:crypto';

/** The demo store's own order book (its "database"): a JSON file, written atomically. */
export interface StoreOrder {
  id: string;
  createdAt: string;
  items: { productId: string; name: string; qty: number; unitPrice: number }[];
  /** Integer cents. */
  total: number;
  currency: string;
  intentId: string;
  status: 'AWAITING_PAYMENT' | 'PAID' | 'EXPIRED';
  /** Captured from gift cards, and charged to the (demo) bank card, in cents; set when paid. */
  giftCardAmount: number;
  demoCardAmount: number;
  paidAt: string | null;
}

export class OrderBook {
  readonly #file: string;
  #orders: StoreOrder[];
  #locks = new Map<string, Promise<unknown>>();

  constructor(file: string) {
    this.#file = file;
    this.#orders = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as StoreOrder[]) : [];
  }

  static newId(): string {
    return `ord_${randomBytes(6).toString('hex')}`;
  }

  get(id: string): StoreOrder | undefined {
    return this.#orders.find((o) => o.id === id);
  }

  recent(limit = 20): StoreOrder[] {
    return this.#orders.slice(-limit).reverse();
  }

  save(order: StoreOrder): void {
    const i = this.#orders.findIndex((o) => o.id === order.id);
    if (i >= 0) this.#orders[i] = order;
    else this.#orders.push(order);
    mkdirSync(dirname(this.#file), { recursive: true });
    writeFileSync(`${this.#file}.tmp`, JSON.stringify(this.#orders.slice(-500), null, 1));
    renameSync(`${this.#file}.tmp`, this.#file);
  }

  /** Runs `fn` for one order at a time (completing an order twice at once must not charge twice). */
  async exclusive<T>(id: string, fn: () => Promise<T>): Promise<T> {
    const prev = this.#locks.get(id) ?? Promise.resolve();
    const run = prev.catch(() => {}).then(fn);
    this.#locks.set(id, run);
    try {
      return await run;
    } finally {
      if (this.#locks.get(id) === run) this.#locks.delete(id);
    }
  }
}
