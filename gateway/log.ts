/** Structured logs: one JSON object per line on stdout (errors on stderr). */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

const quiet = process.env.GC_LOG === 'silent';
const debug = process.env.GC_LOG === 'debug';

export function log(level: LogLevel, msg: string, fields: Record<string, unknown> = {}): void {
  if (quiet && level !== 'error') return;
  if (level === 'debug' && !debug) return;
  const line = JSON.stringify({ t: new Date().toISOString(), level, msg, ...fields });
  (level === 'error' || level === 'warn' ? process.stderr : process.stdout).write(line + '\n');
}
