import type { GiftCardConfig } from './config.ts';

/** Why a request failed before the API could answer with a result. */
export type RequestErrorKind = 'CONFIG' | 'NETWORK' | 'TIMEOUT' | 'ABORTED' | 'HTTP' | 'GRAPHQL';

export class GiftCardRequestError extends Error {
  readonly kind: RequestErrorKind;
  /** extensions.code of a GraphQL error (UNAUTHENTICATED, FORBIDDEN, …), if any. */
  readonly code: string | null;
  constructor(kind: RequestErrorKind, message: string, code: string | null = null) {
    super(message);
    this.name = 'GiftCardRequestError';
    this.kind = kind;
    this.code = code;
  }
}

/** One GraphQL request over HTTP with the publishable key, a timeout and typed failures. */
export async function gql<T>(config: GiftCardConfig, query: string, variables: Record<string, unknown>, signal?: AbortSignal): Promise<T> {
  if (!config.endpoint || !config.publishableKey) {
    throw new GiftCardRequestError('CONFIG', 'The gift-card widget needs an endpoint and a publishable key.');
  }
  const timeout = AbortSignal.timeout(config.timeoutMs);
  const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
  let res: Response;
  try {
    res = await fetch(config.endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${config.publishableKey}` },
      body: JSON.stringify({ query, variables }),
      signal: combined,
    });
  } catch (e) {
    if (signal?.aborted) throw new GiftCardRequestError('ABORTED', 'The request was canceled.');
    if (timeout.aborted) throw new GiftCardRequestError('TIMEOUT', 'The gift-card service did not answer in time.');
    throw new GiftCardRequestError('NETWORK', 'The gift-card service could not be reached.');
  }
  let body: { data?: T; errors?: { message: string; extensions?: { code?: string } }[] };
  try {
    body = await res.json();
  } catch {
    throw new GiftCardRequestError('HTTP', `The gift-card service answered ${res.status}.`);
  }
  if (body.errors?.length) {
    const e = body.errors[0];
    throw new GiftCardRequestError('GRAPHQL', e.message, e.extensions?.code ?? null);
  }
  if (!res.ok || !body.data) throw new GiftCardRequestError('HTTP', `The gift-card service answered ${res.status}.`);
  return body.data;
}
