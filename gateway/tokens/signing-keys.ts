import { randomUUID } from 'node:crypto';
import { exportJWK, generateKeyPair, importJWK, type CryptoKey, type JWK } from 'jose';
import type { EntityManager } from '@mikro-orm/postgresql';
import { SigningKey } from '../entities/support.entity.ts';

const ALG = 'ES256';
const REFRESH_MS = 60_000;
const MISS_RELOAD_MS = 1_000;

/**
 * ES256 key pairs that sign client tokens, persisted in PostgreSQL so tokens survive restarts and
 * every gateway instance verifies every token. One ACTIVE key signs; VERIFY_ONLY keys (rotated
 * out) still verify until retired. Keys are cached per process and re-read periodically, and at
 * most once a second when a token names an unknown `kid`.
 */
export class SigningKeys {
  #em: EntityManager;
  #active: { kid: string; key: CryptoKey } | null = null;
  #verify = new Map<string, CryptoKey>();
  #loadedAt = 0;
  #loading: Promise<void> | null = null;

  constructor(em: EntityManager) {
    this.#em = em;
  }

  /** Creates the first ACTIVE key if there is none (safe to race across instances). */
  async ensureActive(): Promise<void> {
    const em = this.#em.fork();
    const count = await em.count(SigningKey, { status: 'ACTIVE' });
    if (count === 0) {
      const row = await newKeyRow();
      await em.execute(
        `insert into signing_key (kid, status, private_jwk, public_jwk) values (?, 'ACTIVE', ?, ?) on conflict do nothing`,
        [row.kid, JSON.stringify(row.privateJwk), JSON.stringify(row.publicJwk)],
      );
    }
    await this.reload();
  }

  /** Makes a new ACTIVE key; the previous one becomes VERIFY_ONLY. Returns the new kid. */
  async rotate(): Promise<string> {
    const row = await newKeyRow();
    await this.#em.fork().transactional(async (em) => {
      await em.execute(`update signing_key set status = 'VERIFY_ONLY' where status = 'ACTIVE'`);
      em.create(SigningKey, { ...row, status: 'ACTIVE' });
    });
    await this.reload();
    return row.kid;
  }

  /** Stops a VERIFY_ONLY key from verifying. Returns false if no such key. */
  async retire(kid: string): Promise<boolean> {
    const res = await this.#em.fork().execute(
      `update signing_key set status = 'RETIRED' where kid = ? and status = 'VERIFY_ONLY'`, [kid], 'run');
    await this.reload();
    return (res as unknown as { affectedRows: number }).affectedRows === 1;
  }

  async list(): Promise<{ kid: string; status: string; createdAt: Date }[]> {
    const rows = await this.#em.fork().find(SigningKey, {}, { orderBy: { createdAt: 'asc' } });
    return rows.map((r) => ({ kid: r.kid, status: r.status, createdAt: r.createdAt }));
  }

  async signingKey(): Promise<{ kid: string; key: CryptoKey }> {
    if (!this.#active || Date.now() - this.#loadedAt > REFRESH_MS) await this.reload();
    if (!this.#active) throw new Error('no ACTIVE signing key; run ensureActive() at start-up');
    return this.#active;
  }

  /** The verification key for `kid`, or null if it is unknown or retired. */
  async verifyKey(kid: string | undefined): Promise<CryptoKey | null> {
    if (typeof kid !== 'string') return null;
    const stale = Date.now() - this.#loadedAt > REFRESH_MS;
    const miss = !this.#verify.has(kid) && Date.now() - this.#loadedAt > MISS_RELOAD_MS;
    if (stale || miss) await this.reload();
    return this.#verify.get(kid) ?? null;
  }

  async reload(): Promise<void> {
    this.#loading ??= this.#load().finally(() => (this.#loading = null));
    return this.#loading;
  }

  async #load(): Promise<void> {
    const rows = await this.#em.fork().find(SigningKey, { status: { $in: ['ACTIVE', 'VERIFY_ONLY'] } });
    const verify = new Map<string, CryptoKey>();
    let active: { kid: string; key: CryptoKey } | null = null;
    for (const r of rows) {
      verify.set(r.kid, (await importJWK(r.publicJwk as JWK, ALG)) as CryptoKey);
      if (r.status === 'ACTIVE') active = { kid: r.kid, key: (await importJWK(r.privateJwk as JWK, ALG)) as CryptoKey };
    }
    this.#verify = verify;
    this.#active = active;
    this.#loadedAt = Date.now();
  }
}

async function newKeyRow() {
  const { privateKey, publicKey } = await generateKeyPair(ALG, { extractable: true });
  const kid = `gc-${new Date().toISOString().slice(0, 10)}-${randomUUID().slice(0, 8)}`;
  return {
    kid,
    privateJwk: { ...(await exportJWK(privateKey)), kid, alg: ALG } as Record<string, unknown>,
    publicJwk: { ...(await exportJWK(publicKey)), kid, alg: ALG } as Record<string, unknown>,
  };
}
