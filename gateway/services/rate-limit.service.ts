import type { EntityManager } from '@mikro-orm/postgresql';
import type { RequestContext } from '../context.ts';
import { fail, type ErrorResult } from '../domain/errors.ts';

/**
 * Failed code look-ups (balance checks and holds with an unknown code or wrong PIN) per publishable
 * key + client IP, counted in a fixed window in PostgreSQL so the limit holds across instances.
 * Secret keys (merchants' own servers) are not limited.
 *
 * Each gateway (App) keeps what it last read of a bucket for up to one second, so a burst of good
 * requests does not cost a query each; failures are always counted in the database at once.
 * Across N instances a bucket can therefore overshoot by at most what the others count within
 * that second.
 */
const FRESH_MS = 1000;

export interface BucketState {
  count: number;
  windowEndsAt: number;
  readAt: number;
}

export function lookupBucket(ctx: RequestContext): string | null {
  return ctx.auth.kind === 'PUBLISHABLE' ? `lookup:${ctx.auth.keyId}:${ctx.clientIp}` : null;
}

function limited(ctx: RequestContext, state: BucketState, now: number): ErrorResult | null {
  if (state.count < ctx.app.config.lookupFailureLimit || state.windowEndsAt <= now) return null;
  return fail.rateLimited(Math.max(1, Math.ceil((state.windowEndsAt - now) / 1000)));
}

function remember(ctx: RequestContext, bucket: string, count: number, windowEndsAt: number): BucketState {
  const seen = ctx.app.lookupBuckets;
  if (seen.size > 50_000) seen.clear();
  const state = { count, windowEndsAt, readAt: Date.now() };
  seen.set(bucket, state);
  return state;
}

/** RATE_LIMITED when the bucket is full for the current window, else null. */
export async function checkLookupLimit(ctx: RequestContext, em: EntityManager): Promise<ErrorResult | null> {
  const bucket = lookupBucket(ctx);
  if (!bucket) return null;
  const now = Date.now();
  const cached = ctx.app.lookupBuckets.get(bucket);
  if (cached && now - cached.readAt < FRESH_MS) return limited(ctx, cached, now);
  const rows = await em.execute<{ count: number; ends_in_ms: number }[]>(
    `select count, extract(epoch from (window_start + make_interval(secs => ?) - now())) * 1000 as ends_in_ms
       from rate_limit_bucket where bucket = ?`, [ctx.app.config.lookupWindowSeconds, bucket]);
  const state = rows.length ? remember(ctx, bucket, rows[0].count, now + Number(rows[0].ends_in_ms)) : remember(ctx, bucket, 0, now);
  return limited(ctx, state, now);
}

/** Counts one failed look-up (starting a new window when the last one is over). */
export async function recordLookupFailure(ctx: RequestContext, em: EntityManager): Promise<void> {
  const bucket = lookupBucket(ctx);
  if (!bucket) return;
  const window = ctx.app.config.lookupWindowSeconds;
  const [row] = await em.execute<{ count: number; ends_in_ms: number }[]>(
    `insert into rate_limit_bucket (bucket, window_start, count) values (?, now(), 1)
     on conflict (bucket) do update set
       count = case when rate_limit_bucket.window_start <= now() - make_interval(secs => ?) then 1 else rate_limit_bucket.count + 1 end,
       window_start = case when rate_limit_bucket.window_start <= now() - make_interval(secs => ?) then now() else rate_limit_bucket.window_start end
     returning count, extract(epoch from (window_start + make_interval(secs => ?) - now())) * 1000 as ends_in_ms`,
    [bucket, window, window, window]);
  remember(ctx, bucket, row.count, Date.now() + Number(row.ends_in_ms));
}
