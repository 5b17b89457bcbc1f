import WebSocket from 'ws';
import { createClient, type Client } from 'graphql-ws';

/** A graphql-ws client for tests: subscribe and collect events; `closeCode` says why the socket closed. */
export interface WsTestClient {
  client: Client;
  closeCode: Promise<number>;
  subscribe(query: string, variables: Record<string, unknown>): Subscription;
  dispose(): Promise<void>;
}

export interface Subscription {
  events: any[];
  errors: unknown[];
  completed: Promise<void>;
  /** Resolves when `count` events have arrived (rejects after `ms`). */
  waitFor(count: number, ms?: number): Promise<any[]>;
  stop(): void;
}

export function wsClient(httpUrl: string, connectionParams: Record<string, unknown>): WsTestClient {
  let resolveClose!: (code: number) => void;
  const closeCode = new Promise<number>((r) => (resolveClose = r));
  const client = createClient({
    url: httpUrl.replace(/^http/, 'ws'),
    webSocketImpl: WebSocket,
    connectionParams,
    retryAttempts: 0,
    lazy: false,
    on: { closed: (e) => resolveClose((e as { code: number }).code) },
    onNonLazyError: () => {},
  });
  return {
    client,
    closeCode,
    subscribe(query, variables) {
      const events: any[] = [];
      const errors: unknown[] = [];
      let waiters: { count: number; resolve: (v: any[]) => void }[] = [];
      let done!: () => void;
      const completed = new Promise<void>((r) => (done = r));
      const stop = client.subscribe({ query, variables }, {
        next: (v) => {
          if (v.errors) errors.push(...v.errors);
          else events.push(Object.values(v.data!)[0]);
          waiters = waiters.filter((w) => (events.length >= w.count ? (w.resolve(events), false) : true));
        },
        error: (e) => {
          errors.push(e);
          done();
        },
        complete: () => done(),
      });
      return {
        events, errors, completed, stop,
        waitFor(count, ms = 5000) {
          if (events.length >= count) return Promise.resolve(events);
          return new Promise((resolve, reject) => {
            const t = setTimeout(() => reject(new Error(`timed out waiting for ${count} events; got ${JSON.stringify(events.map((e) => e.type))} errors ${JSON.stringify(errors)}`)), ms);
            waiters.push({ count, resolve: (v) => (clearTimeout(t), resolve(v)) });
          });
        },
      };
    },
    async dispose() {
      await client.dispose();
    },
  };
}

export const EVENT_FIELDS = 'id sequence type intentId holdId locationId cardLast4 amount currency intentStatus holdStatus occurredAt data intent { id status heldAmount holds { id status } }';
export const INTENT_EVENTS = `subscription($intentId: ID!) { paymentIntentEvents(intentId: $intentId) { ${EVENT_FIELDS} } }`;
export const FEED = `subscription($locationId: ID) { redemptionEvents(locationId: $locationId) { ${EVENT_FIELDS} } }`;
