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
  return { name, url: dbUrl(name, base), drop: () => adminQuery(`drop database if exists ${name} with (force)`, base) };
}
