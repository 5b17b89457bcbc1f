import type { Request, Response } from 'express';
import type { MerchantApi } from './merchant-api.ts';

const EVENTS = `subscription { redemptionEvents { id sequence type intentId holdId cardLast4 amount currency holdStatus intentStatus occurredAt } }`;

export interface FeedEvent {
  id: string;
  type: string;
  intentId: string | null;
  holdId: string | null;
  cardLast4: string | null;
  amount: number | null;
  currency: string | null;
  occurredAt: string;
}

/**
 * The merchant's live redemption feed for the back-office page: the store's server subscribes to
 * redemptionEvents with the secret key (one subscription) and relays each event to browsers as
 * server-sent events, keeping the last 50 for pages opened later.
 */
export class RedemptionFeed {
  readonly #api: MerchantApi;
  readonly #clients = new Set<Response>();
  readonly #recent: FeedEvent[] = [];
  #unsubscribe: (() => void) | null = null;

  constructor(api: MerchantApi) {
    this.#api = api;
  }

  start(): void {
    this.#unsubscribe ??= this.#api.subscribe<{ redemptionEvents: FeedEvent }>(EVENTS, ({ redemptionEvents: e }) => {
      if (e.type === 'INTENT_STATE' || this.#recent.some((r) => r.id === e.id)) return;
      this.#recent.push(e);
      if (this.#recent.length > 50) this.#recent.shift();
      for (const res of this.#clients) res.write(`event: redemption\ndata: ${JSON.stringify(e)}\n\n`);
    });
  }

  attach(req: Request, res: Response): void {
    this.start();
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
    res.write(`event: recent\ndata: ${JSON.stringify(this.#recent)}\n\n`);
    this.#clients.add(res);
    const ping = setInterval(() => res.write(': ping\n\n'), 20_000);
    req.on('close', () => {
      clearInterval(ping);
      this.#clients.delete(res);
    });
  }

  stop(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = null;
    for (const res of this.#clients) res.end();
    this.#clients.clear();
  }
}
