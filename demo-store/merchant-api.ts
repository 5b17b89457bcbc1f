import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';

/**
 * The demo store's backend talking to the gateway the way any merchant's server does: GraphQL over
 * HTTP with the secret key, which never leaves this process.
 */
export interface StoreKeys {
  merchantId: string;
  secretKey: string;
  publishableKey: string;
  locationId: string;
}

export class GatewayError extends Error {
  readonly code: string;
  readonly status: number;
  constructor(code: string, message: string, status = 502) {
    super(message);
    this.code = code;
    this.status = status;
  }
}

export class MerchantApi {
  readonly keys: StoreKeys;
  readonly #url: () => string;
  #ws: Client | null = null;

  constructor(keys: StoreKeys, url: () => string) {
    this.keys = keys;
    this.#url = url;
  }

  get endpoint(): string {
    return this.#url();
  }

  async query<T = any>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
    let res: Response;
    try {
      res = await fetch(this.#url(), {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${this.keys.secretKey}` },
        body: JSON.stringify({ query, variables }),
        signal: AbortSignal.timeout(15_000),
      });
    } catch {
      throw new GatewayError('GATEWAY_UNREACHABLE', 'The gift-card gateway could not be reached.');
    }
    const body = (await res.json()) as { data?: T; errors?: { message: string; extensions?: { code?: string } }[] };
    if (body.errors?.length) throw new GatewayError(body.errors[0].extensions?.code ?? 'GATEWAY_ERROR', body.errors[0].message);
    return body.data as T;
  }

  /** A merchant-wide subscription (secret key) over one shared graphql-ws connection that reconnects. */
  subscribe<T>(query: string, onNext: (data: T) => void): () => void {
    this.#ws ??= createClient({
      url: this.#url().replace(/^http/, 'ws'),
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${this.keys.secretKey}` },
      retryAttempts: Infinity,
      shouldRetry: () => true,
      lazy: true,
    });
    return this.#ws.subscribe<T>({ query }, {
      next: (r) => r.data && onNext(r.data as T),
      error: () => {},
      complete: () => {},
    });
  }

  async close(): Promise<void> {
    await this.#ws?.dispose();
  }
}

/** A union result that is an error (has errorCode) becomes a GatewayError with the API's code and message. */
export function unwrap<T extends { __typename: string }>(result: T & { errorCode?: string; message?: string }, ok: string): T {
  if (result.__typename !== ok) throw new GatewayError(result.errorCode ?? 'GATEWAY_ERROR', result.message ?? 'The request failed.', 409);
  return result;
}
