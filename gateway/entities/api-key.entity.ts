import { defineEntity, p } from '@mikro-orm/postgresql';

export const API_KEY_KINDS = ['SECRET', 'PUBLISHABLE'] as const;
export type ApiKeyKind = (typeof API_KEY_KINDS)[number];

/** An API key. Only its SHA-256 hash is stored; the key itself is shown once at creation. */
export const ApiKey = defineEntity({
  name: 'ApiKey',
  tableName: 'api_key',
  properties: {
    id: p.uuid().primary(),
    merchantId: p.uuid().index(),
    kind: p.enum(API_KEY_KINDS),
    hash: p.string().length(64).unique(),
    /** First characters of the key, for display ("sk_live_3fa8…"). */
    prefix: p.string().length(20),
    createdAt: p.datetime().onCreate(() => new Date()),
    /** After this time the key no longer authenticates (set on rotation / revocation). */
    expiresAt: p.datetime().nullable(),
  },
});
export type ApiKeyEntity = InstanceType<typeof ApiKey.class>;
