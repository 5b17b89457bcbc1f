import { defineEntity, p } from '@mikro-orm/postgresql';

/** The stored outcome of a money mutation called with an idempotency key, scoped per merchant. */
export const IdempotencyRecord = defineEntity({
  name: 'IdempotencyRecord',
  tableName: 'idempotency_record',
  properties: {
    merchantId: p.uuid().primary(),
    /** SHA-256 of the idempotency key (the key itself is never stored). */
    keyHash: p.string().length(64).primary(),
    operation: p.string().length(64),
    requestHash: p.string().length(64),
    /** The first result, AES-256-GCM encrypted with a key derived from the idempotency key itself. */
    response: p.text(),
    createdAt: p.datetime().onCreate(() => new Date()),
    expiresAt: p.datetime(),
  },
});
export type IdempotencyRecordEntity = InstanceType<typeof IdempotencyRecord.class>;

export const SIGNING_KEY_STATUSES = ['ACTIVE', 'VERIFY_ONLY', 'RETIRED'] as const;

/** An ES256 key pair that signs client tokens. One ACTIVE key signs; VERIFY_ONLY keys still verify. */
export const SigningKey = defineEntity({
  name: 'SigningKey',
  tableName: 'signing_key',
  properties: {
    kid: p.string().length(64).primary(),
    status: p.enum(SIGNING_KEY_STATUSES),
    privateJwk: p.json<Record<string, unknown>>(),
    publicJwk: p.json<Record<string, unknown>>(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});
export type SigningKeyEntity = InstanceType<typeof SigningKey.class>;

/** A fixed-window counter of failed attempts (e.g. balance checks per key + client IP). */
export const RateLimitBucket = defineEntity({
  name: 'RateLimitBucket',
  tableName: 'rate_limit_bucket',
  properties: {
    bucket: p.string().length(200).primary(),
    windowStart: p.datetime(),
    count: p.integer(),
  },
});
