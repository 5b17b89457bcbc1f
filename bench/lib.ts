import { readdirSync, readFileSync } from 'node:fs';

/** Shared benchmark helpers: a scratch database, a gateway child process, a closed-loop load runner. */

export { scratchDatabase } from '../test/support/pg.ts';
export { startGatewayProcess } from '../test/support/gateway-process.ts';

export interface RunResult {
  seconds: number;
  perSecond: number;
  latencies: Record<string, number[]>;
}

/**
 * Closed loop: `clients` workers each run `cycle(i)` for i = 0..count-1 (shared counter) until all
 * are done. `cycle` records named latencies (ms) through `mark`.
 */
export async function closedLoop(
  count: number, clients: number,
  cycle: (i: number, mark: (name: string, ms: number) => void) => Promise<void>,
): Promise<RunResult> {
  const latencies: Record<string, number[]> = {};
  const mark = (name: string, ms: number) => (latencies[name] ??= []).push(ms);
  let next = 0;
  const t0 = performance.now();
  await Promise.all(Array.from({ length: clients }, async () => {
    while (next < count) await cycle(next++, mark);
  }));
  const seconds = (performance.now() - t0) / 1000;
  return { seconds, perSecond: count / seconds, latencies };
}

export function percentile(values: number[], p: number): number {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

export function fmt(n: number, digits = 1): string {
  return n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

export async function timed<T>(fn: () => Promise<T>, mark: (ms: number) => void): Promise<T> {
  const t = performance.now();
  try {
    return await fn();
  } finally {
    mark(performance.now() - t);
  }
}

/** CPU seconds (user + system) used so far by processes, read from /proc (Linux). */
export function cpuSeconds(filter: (pid: number, comm: string) => boolean): number {
  const ticks = 100; // USER_HZ
  let total = 0;
  for (const entry of readdirSync('/proc')) {
    const pid = Number(entry);
    if (!Number.isInteger(pid)) continue;
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      if (!filter(pid, comm)) continue;
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      total += (Number(fields[11]) + Number(fields[12])) / ticks;
    } catch {
      // the process ended while we looked
    }
  }
  return total;
}

/** Busy CPU seconds of the whole machine so far (all cores), from /proc/stat. */
export function machineBusySeconds(): number {
  const [cpu] = readFileSync('/proc/stat', 'utf8').split('\n');
  const f = cpu.trim().split(/\s+/).slice(1).map(Number);
  const idle = f[3] + (f[4] ?? 0);
  return (f.slice(0, 8).reduce((a, b) => a + b, 0) - idle) / 100;
}

/**
 * CPU used while `fn` runs by the gateway process, this process (the load generator), and the rest
 * of the machine (PostgreSQL and the kernel's network and disk work; measured as machine total
 * minus the two, so backends that exit mid-run are still counted).
 */
export async function withCpu<T>(gatewayPid: number, fn: () => Promise<T>): Promise<{ result: T; cpu: { postgres: number; gateway: number; client: number } }> {
  const read = () => ({
    machine: machineBusySeconds(),
    gateway: cpuSeconds((pid) => pid === gatewayPid),
    client: cpuSeconds((pid) => pid === process.pid),
  });
  const before = read();
  const result = await fn();
  const after = read();
  const gateway = after.gateway - before.gateway;
  const client = after.client - before.client;
  return { result, cpu: { postgres: after.machine - before.machine - gateway - client, gateway, client } };
}
