import { createClient, type Client } from 'graphql-ws';
import type { GiftCardConfig } from './config.ts';

/** One graphql-ws socket per endpoint + key + client token, shared by elements, reconnecting with back-off. */
const clients = new Map<string, { client: Client; users: number }>();

export function subscribe<T>(
  config: GiftCardConfig, clientToken: string | null, query: string, variables: Record<string, unknown>,
  sink: { next: (data: T) => void; error: (e: unknown) => void },
): () => void {
  const url = config.endpoint.replace(/^http/, 'ws');
  const key = `${url}|${config.publishableKey}|${clientToken ?? ''}`;
  let entry = clients.get(key);
  if (!entry) {
    entry = {
      client: createClient({
        url,
        connectionParams: { authorization: `Bearer ${config.publishableKey}`, ...(clientToken ? { clientToken } : {}) },
        retryAttempts: Infinity,
        shouldRetry: () => true,
        retryWait: async (retries) => new Promise((r) => setTimeout(r, Math.min(30_000, 500 * 2 ** retries) * (0.8 + Math.random() * 0.4))),
      }),
      users: 0,
    };
    clients.set(key, entry);
  }
  entry.users++;
  const stop = entry.client.subscribe<T>({ query, variables }, {
    next: (v) => (v.data ? sink.next(v.data as T) : v.errors ? sink.error(v.errors) : undefined),
    error: sink.error,
    complete: () => {},
  });
  return () => {
    stop();
    const e = clients.get(key);
    if (e && --e.users === 0) {
      clients.delete(key);
      void e.client.dispose();
    }
  };
}
