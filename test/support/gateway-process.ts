import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

/**
 * Runs `npm start`'s entry point against `databaseUrl` in its own process (null: the embedded
 * database, as on a fresh machine); resolves its /graphql URL.
 */
export async function startGatewayProcess(databaseUrl: string | null, env: Record<string, string> = {}): Promise<{ url: string; pid: number; stop(): Promise<void>; kill(): Promise<void> }> {
  const child: ChildProcess = spawn(process.execPath, [join(import.meta.dirname, '..', '..', 'gateway', 'main.ts')], {
    env: Object.fromEntries(Object.entries({ ...process.env, DATABASE_URL: databaseUrl ?? undefined, PORT: '0', GC_LOG: 'silent', ...env })
      .filter(([, v]) => v !== undefined)) as NodeJS.ProcessEnv,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (d) => {
      out += d;
      const m = /giftcard gateway: (\S+\/graphql)/.exec(out);
      if (m) resolve(m[1]);
    });
    child.once('exit', (code) => reject(new Error(`gateway exited ${code}`)));
  });
  return {
    url,
    pid: child.pid!,
    /** Graceful: SIGTERM, then wait for the exit. */
    async stop() {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    },
    /** A crash: SIGKILL, nothing gets to clean up. */
    async kill() {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGKILL');
      await exited;
    },
  };
}
