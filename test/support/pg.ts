import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** The PostgreSQL server tests and benchmarks use; each creates and drops its own databases there. */
export const ADMIN_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export function dbUrl(name: string, base = ADMIN_URL): string {
  const u = new URL(base);
  u.pathname = `/${name}`;
  return u.toString();
}

export async function adminQuery(sql: string, base = ADMIN_URL): Promise<void> {
  const c = new pg.Client({ connectionString: base });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

/** A new empty database named `<prefix>_<random>`, and how to drop it. */
export async function scratchDatabase(prefix: string, base = ADMIN_URL): Promise<{ name: string; url: string; drop(): Promise<void> }> {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  await adminQuery(`create database ${name}`, base);
  return { name, url: dbUrl(name, base), drop: () => dropDatabase(name, base) };
}

/**
 * Drops a database once the connections its users closed have really gone (a backend can outlive
 * the client's end() by a moment; forcing it then errors on a client that no longer listens).
 */
async function dropDatabase(name: string, base: string): Promise<void> {
  const c = new pg.Client({ connectionString: base });
  await c.connect();
  try {
    for (let i = 0; i < 50; i++) {
      const { rows } = await c.query('select count(*)::int as n from pg_stat_activity where datname = $1', [name]);
      if (rows[0].n === 0) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    await c.query(`drop database if exists ${name} with (force)`);
  } finally {
    await c.end();
  }
}
