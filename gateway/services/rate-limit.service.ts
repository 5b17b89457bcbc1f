import type { EntityManager } from '@mikro-orm/postgresql';
import type { RequestContext } from '../context.ts';
import { fail, type ErrorResult } from '../domain/errors.ts';

/**
 * Failed code look-ups (balance checks and holds with an unknown code or wrong PIN) per publishable
 * key + client IP, counted in a fixed window in PostgreSQL so the limit holds across instances.
 * Secret keys (merchants' own servers) are not limited.
 */
export function lookupBucket(ctx: RequestContext): string | null {
  return ctx.auth.kind === 'PUBLISHABLE' ? `lookup:${ctx.auth.keyId}:${ctx.clientIp}` : null;
}

/** RATE_LIMITED when the bucket is full for the current window, else null. */
export async function checkLookupLimit(ctx: RequestContext, em: EntityManager): Promise<ErrorResult | null> {
  const bucket = lookupBucket(ctx);
  if (!bucket) return null;
  const { lookupFailureLimit: limit, lookupWindowSeconds: window } = ctx.app.config;
  const rows = await em.execute<{ retry: number }[]>(
    `select ceil(extract(epoch from (window_start + make_interval(secs => ?) - now())))::int as retry
       from rate_limit_bucket
      where bucket = ? and count >= ? and window_start > now() - make_interval(secs => ?)`,
    [window, bucket, limit, window]);
  return rows.length ? fail.rateLimited(Math.max(1, rows[0].retry)) : null;
}

/** Counts one failed look-up (starting a new window when the last one is over). */
export async function recordLookupFailure(ctx: RequestContext, em: EntityManager): Promise<void> {
  const bucket = lookupBucket(ctx);
  if (!bucket) return;
  const window = ctx.app.config.lookupWindowSeconds;
  await em.execute(
    `insert into rate_limit_bucket (bucket, window_start, count) values (?, now(), 1)
     on conflict (bucket) do update set
       count = case when rate_limit_bucket.window_start <= now() - make_interval(secs => ?) then 1 else rate_limit_bucket.count + 1 end,
       window_start = case when rate_limit_bucket.window_start <= now() - make_interval(secs => ?) then now() else rate_limit_bucket.window_start end`,
    [bucket, window, window], 'run');
}
