import { GraphQLError } from 'graphql';
import DataLoader from 'dataloader';
import type { GiftCardDto, HoldDto } from './domain/dto.ts';
import { holdsByIntent } from './services/payment-intent.service.ts';
import { denominationsByBrand, type DenominationDto } from './services/catalog.service.ts';
import { giftCardsById } from './services/gift-card.service.ts';
import type { BucketState } from './services/rate-limit.service.ts';
import type { EventBus } from './events/bus.ts';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { GatewayConfig } from './config.ts';
import type { SigningKeys } from './tokens/signing-keys.ts';
import { ApiKey, type ApiKeyKind } from './entities/api-key.entity.ts';
import { sha256Hex } from './domain/codes.ts';

/** Process-wide parts shared by every request. */
export interface App {
  orm: MikroORM;
  keys: SigningKeys;
  config: GatewayConfig;
  auth: ApiKeyCache;
  /** Committed events to this process's subscribers. */
  bus: EventBus;
  /** Background workers of this process (expiry sweeper, webhook delivery). */
  background: { stop(): Promise<void> }[];
  /** Last-read state of rate-limit buckets (see rate-limit.service.ts). */
  lookupBuckets: Map<string, BucketState>;
}

export interface Auth {
  merchantId: string;
  keyId: string;
  kind: ApiKeyKind;
}

/** Everything a resolver hands to a service: a request-scoped EntityManager and the caller. */
export interface RequestContext {
  app: App;
  em: EntityManager;
  auth: Auth;
  clientIp: string;
  /** graphql-ws connections: the client token from connectionParams (publishable keys following an intent). */
  clientToken?: string;
  /** Per-request DataLoaders (batch nested reads, one query per kind per request). */
  loaders?: Loaders;
}

export interface Loaders {
  holdsByIntent: DataLoader<string, HoldDto[]>;
  denominationsByBrand: DataLoader<string, DenominationDto[]>;
  giftCardsById: DataLoader<string, GiftCardDto | null>;
}

export function createLoaders(em: EntityManager, merchantId: string): Loaders {
  return {
    giftCardsById: new DataLoader((ids) => giftCardsById(em, merchantId, ids)),
    holdsByIntent: new DataLoader((ids) => holdsByIntent(em, ids)),
    denominationsByBrand: new DataLoader((ids) => denominationsByBrand(em, ids), { maxBatchSize: 1000 }),
  };
}

/** The request's loaders (made on first use for contexts built elsewhere, e.g. subscriptions). */
export function loaders(ctx: RequestContext): Loaders {
  return (ctx.loaders ??= createLoaders(ctx.em, ctx.auth.merchantId));
}

export function hashApiKey(key: string): string {
  return sha256Hex(`gc-api-key:${key}`);
}

const CACHE_MS = 30_000;

/** Resolves bearer keys to merchants. Valid keys are cached for 30 s (rotation takes effect within that). */
export class ApiKeyCache {
  #orm: MikroORM;
  #cache = new Map<string, { auth: Auth; until: number; expiresAt: number }>();

  constructor(orm: MikroORM) {
    this.#orm = orm;
  }

  async resolve(key: string): Promise<Auth | null> {
    const hash = hashApiKey(key);
    const now = Date.now();
    const hit = this.#cache.get(hash);
    if (hit && hit.until > now && hit.expiresAt > now) return hit.auth;
    const row = await this.#orm.em.fork().findOne(ApiKey, { hash });
    if (!row || (row.expiresAt && row.expiresAt.getTime() <= now)) {
      this.#cache.delete(hash);
      return null;
    }
    const auth: Auth = { merchantId: row.merchantId, keyId: row.id, kind: row.kind };
    if (this.#cache.size > 10_000) this.#cache.clear();
    this.#cache.set(hash, { auth, until: now + CACHE_MS, expiresAt: row.expiresAt?.getTime() ?? Infinity });
    return auth;
  }

  clear(): void {
    this.#cache.clear();
  }
}

export function unauthenticated(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
}

export function forbidden(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'FORBIDDEN', http: { status: 403 } } });
}

/** Builds the request context from an `Authorization: Bearer <key>` value. Throws UNAUTHENTICATED. */
export async function createContext(app: App, authorization: string | undefined, clientIp: string): Promise<RequestContext> {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  if (!m) throw unauthenticated('Send an API key as "Authorization: Bearer <key>".');
  const auth = await app.auth.resolve(m[1]);
  if (!auth) throw unauthenticated('The API key is not valid.');
  const em = app.orm.em.fork();
  return { app, em, auth, clientIp, loaders: createLoaders(em, auth.merchantId) };
}

/** Secret-key-only operations. */
export function requireSecret(ctx: RequestContext): void {
  if (ctx.auth.kind !== 'SECRET') throw forbidden('This operation needs a secret key (sk_…).');
}
