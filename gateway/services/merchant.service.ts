import { randomBytes, randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { hashApiKey } from '../context.ts';
import { ApiKey, type ApiKeyKind } from '../entities/api-key.entity.ts';
import { Location, Merchant } from '../entities/merchant.entity.ts';

/** Operator-side administration: merchants, their keys and locations (used by the CLI and seeding). */

const PREFIX: Record<ApiKeyKind, string> = { SECRET: 'sk_', PUBLISHABLE: 'pk_' };

export interface NewMerchant {
  merchantId: string;
  name: string;
  secretKey: string;
  publishableKey: string;
}

export async function createMerchant(em: EntityManager, name: string): Promise<NewMerchant> {
  if (!name || name.length > 200) throw new Error('merchant name must be 1–200 characters');
  return em.transactional(async (tem) => {
    const merchant = tem.create(Merchant, { id: randomUUID(), name, createdAt: new Date() });
    const secretKey = addKey(tem, merchant.id, 'SECRET');
    const publishableKey = addKey(tem, merchant.id, 'PUBLISHABLE');
    return { merchantId: merchant.id, name, secretKey, publishableKey };
  });
}

/** A new key (returned once, stored hashed). */
function addKey(em: EntityManager, merchantId: string, kind: ApiKeyKind): string {
  const key = `${PREFIX[kind]}${randomBytes(24).toString('base64url')}`;
  em.create(ApiKey, { id: randomUUID(), merchantId, kind, hash: hashApiKey(key), prefix: key.slice(0, 10), createdAt: new Date(), expiresAt: null });
  return key;
}

export async function createApiKey(em: EntityManager, merchantId: string, kind: ApiKeyKind): Promise<string> {
  return em.transactional(async (tem) => {
    if (!(await tem.count(Merchant, { id: merchantId }))) throw new Error(`no merchant ${merchantId}`);
    return addKey(tem, merchantId, kind);
  });
}

/**
 * Issues a new key of `kind` and lets the merchant's current keys of that kind expire after
 * `graceSeconds` (0 = at once), so servers can switch over without downtime.
 */
export async function rotateApiKey(em: EntityManager, merchantId: string, kind: ApiKeyKind, graceSeconds: number): Promise<{ key: string; oldKeysExpireAt: string }> {
  return em.transactional(async (tem) => {
    if (!(await tem.count(Merchant, { id: merchantId }))) throw new Error(`no merchant ${merchantId}`);
    const expiresAt = new Date(Date.now() + graceSeconds * 1000);
    await tem.execute(
      'update api_key set expires_at = ? where merchant_id = ? and kind = ? and (expires_at is null or expires_at > ?)',
      [expiresAt, merchantId, kind, expiresAt]);
    return { key: addKey(tem, merchantId, kind), oldKeysExpireAt: expiresAt.toISOString() };
  });
}

export async function createLocation(em: EntityManager, merchantId: string, name: string): Promise<{ locationId: string; name: string }> {
  return em.transactional(async (tem) => {
    if (!(await tem.count(Merchant, { id: merchantId }))) throw new Error(`no merchant ${merchantId}`);
    const loc = tem.create(Location, { id: randomUUID(), merchantId, name, createdAt: new Date() });
    return { locationId: loc.id, name };
  });
}
