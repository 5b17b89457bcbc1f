import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { RequestContext } from '../context.ts';
import { IdempotencyRecord } from '../entities/support.entity.ts';
import { fail, type ErrorResult } from '../domain/errors.ts';
import { sha256Hex } from '../domain/codes.ts';
import { trackEvents } from '../events/outbox.ts';

const MAX_KEY_LENGTH = 255;

/**
 * Runs a money operation in one database transaction, made idempotent when `key` is given.
 *
 * Inside the transaction it takes a transaction-scoped advisory lock on (merchant, key) with
 * `pg_try_advisory_xact_lock`: if another request holds it, the answer is IDEMPOTENCY_KEY_IN_USE.
 * Then a stored record either replays the first result (same operation and input) or gives
 * IDEMPOTENCY_KEY_REUSED. Otherwise the operation runs and its result is stored in the same
 * transaction, so a record exists if and only if the operation committed.
 *
 * Records store only a hash of the key, and the result encrypted with a key derived from the
 * idempotency key itself (results can contain card codes, which are never stored in clear).
 *
 * Events the operation wrote to the outbox are published once the transaction has committed.
 */
export async function runMoneyOperation<T>(
  ctx: RequestContext,
  operation: string,
  input: Record<string, unknown>,
  fn: (em: EntityManager) => Promise<T | ErrorResult>,
): Promise<T | ErrorResult> {
  const events: number[] = [];
  const result = await runIdempotent(ctx, operation, input, (em) => {
    const ids = trackEvents(em);
    return fn(em).finally(() => events.push(...ids));
  });
  ctx.app.bus.committed(events);
  return result;
}

async function runIdempotent<T>(
  ctx: RequestContext,
  operation: string,
  input: Record<string, unknown>,
  fn: (em: EntityManager) => Promise<T | ErrorResult>,
): Promise<T | ErrorResult> {
  const key = input.idempotencyKey;
  if (key === undefined || key === null) return ctx.em.transactional((em) => fn(em));
  if (typeof key !== 'string' || key.length === 0 || key.length > MAX_KEY_LENGTH) {
    return fail.generic('INVALID_INPUT', `idempotencyKey must be 1–${MAX_KEY_LENGTH} characters.`, 'idempotencyKey');
  }
  const merchantId = ctx.auth.merchantId;
  const keyHash = sha256Hex(`gc-idempotency:${key}`);
  const requestHash = sha256Hex(`${operation}\n${canonicalJson(withoutKey(input))}`);
  return ctx.em.transactional(async (em) => {
    const [{ locked }] = await em.execute<{ locked: boolean }[]>(
      'select pg_try_advisory_xact_lock(?::bigint) as locked', [advisoryLockId(merchantId, keyHash)]);
    if (!locked) {
      return fail.generic('IDEMPOTENCY_KEY_IN_USE', 'A request with this idempotency key is still running. Retry shortly.', 'idempotencyKey');
    }
    const rows = await em.execute<{ operation: string; request_hash: string; response: string; live: boolean }[]>(
      `select operation, request_hash, response, expires_at > now() as live
         from idempotency_record where merchant_id = ? and key_hash = ?`, [merchantId, keyHash]);
    const found = rows[0];
    if (found?.live) {
      if (found.operation !== operation || found.request_hash !== requestHash) {
        return fail.generic('IDEMPOTENCY_KEY_REUSED', 'This idempotency key was used with a different request.', 'idempotencyKey');
      }
      return JSON.parse(decrypt(found.response, key, merchantId)) as T | ErrorResult;
    }
    if (found) await em.execute('delete from idempotency_record where merchant_id = ? and key_hash = ?', [merchantId, keyHash]);
    const result = await fn(em);
    const ttlMs = ctx.app.config.idempotencyTtlHours * 3_600_000;
    em.create(IdempotencyRecord, {
      merchantId,
      keyHash,
      operation,
      requestHash,
      response: encrypt(JSON.stringify(result), key, merchantId),
      createdAt: new Date(),
      expiresAt: new Date(Date.now() + ttlMs),
    });
    return result;
  });
}

/** Deletes expired records; returns how many. */
export async function purgeIdempotencyRecords(em: EntityManager): Promise<number> {
  const res = await em.execute('delete from idempotency_record where expires_at <= now()', [], 'run');
  return (res as unknown as { affectedRows: number }).affectedRows;
}

function withoutKey(input: Record<string, unknown>): Record<string, unknown> {
  const { idempotencyKey: _ignored, ...rest } = input;
  return rest;
}

/** JSON with sorted keys; null and undefined members left out (an omitted field equals an explicit null). */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined && v !== null)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

function advisoryLockId(merchantId: string, keyHash: string): string {
  return createHash('sha256').update(`${merchantId}:${keyHash}`).digest().readBigInt64BE(0).toString();
}

function cipherKey(key: string, merchantId: string): Buffer {
  return Buffer.from(hkdfSync('sha256', key, merchantId, 'gc-idempotency-response', 32));
}

/** AES-256-GCM with a key derived from `key` (a value only the caller knows) and the merchant. */
export function encrypt(plain: string, key: string, merchantId: string): string {
  const iv = randomBytes(12);
  const c = createCipheriv('aes-256-gcm', cipherKey(key, merchantId), iv);
  const body = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
  return ['v1', iv.toString('base64url'), body.toString('base64url'), c.getAuthTag().toString('base64url')].join('.');
}

export function decrypt(stored: string, key: string, merchantId: string): string {
  const [v, iv, body, tag] = stored.split('.');
  if (v !== 'v1') throw new Error('unknown idempotency record format');
  const d = createDecipheriv('aes-256-gcm', cipherKey(key, merchantId), Buffer.from(iv, 'base64url'));
  d.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([d.update(Buffer.from(body, 'base64url')), d.final()]).toString('utf8');
}
