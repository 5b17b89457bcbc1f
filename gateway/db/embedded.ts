import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

/** File in the data folder holding a running embedded server's URL, so `npm run gc` can join it. */
export const EMBEDDED_PORT_FILE = 'postgres.url';

export interface EmbeddedPostgres {
  url: string;
  stop(): Promise<void>;
}

/**
 * PostgreSQL in-process (PGlite) behind a loopback socket, so the gateway uses the same driver,
 * migrations and SQL as with a real server. PGlite runs one session: the gateway uses a pool of one
 * connection; a second connection slot lets the operator CLI join while the gateway runs (PGlite
 * queues their statements and keeps each transaction on its own connection).
 */
export async function startEmbeddedPostgres(dataDir: string): Promise<EmbeddedPostgres> {
  mkdirSync(dataDir, { recursive: true });
  const db = await PGlite.create(dataDir);
  const server = new PGLiteSocketServer({ db, port: 0, host: '127.0.0.1', maxConnections: 2 });
  await server.start();
  const url = `postgres://postgres@${server.getServerConn()}/postgres`;
  return {
    url,
    async stop() {
      await server.stop();
      await db.close();
    },
  };
}
