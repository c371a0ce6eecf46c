import { eq, sql } from "drizzle-orm";
import type { Database } from "../client";
import { rateLimitLogs } from "../schema";

export interface RateLimitResult {
  allowed: boolean;
  limit: number;
  /** Seconds until the oldest write in the window leaves it (when refused). */
  retryAfter: number;
}

/**
 * Counts one write against `key` in a sliding window: allowed only while fewer than `limit` writes were
 * allowed in the `windowSeconds` before `now`, so no span of that length ever holds more than `limit`
 * (a fixed window let twice the limit through across its boundary).
 *
 * One upsert does it: ON CONFLICT locks the key's row and evaluates the condition on its latest version,
 * so concurrent writes from any number of server instances never overshoot. A refused write is not
 * recorded (the row is left alone and nothing is returned).
 */
export async function hitRateLimit(db: Database, key: string, limit: number, windowSeconds: number): Promise<RateLimitResult> {
  const now = new Date();
  const since = new Date(now.getTime() - windowSeconds * 1000).toISOString();
  const recent = sql`array(select hit from unnest(${rateLimitLogs.hits}) hit where hit > ${since}::timestamptz order by hit)`;
  const recorded = await db
    .insert(rateLimitLogs)
    .values({ key, hits: [now] })
    .onConflictDoUpdate({
      target: rateLimitLogs.key,
      set: { hits: sql`${recent} || ${now.toISOString()}::timestamptz` },
      setWhere: sql`cardinality(${recent}) < ${limit}`,
    })
    .returning({ key: rateLimitLogs.key });
  if (recorded.length > 0) return { allowed: true, limit, retryAfter: 0 };

  const [row] = await db
    .select({ oldest: sql<string | null>`(select min(hit) from unnest(${rateLimitLogs.hits}) hit where hit > ${since}::timestamptz)` })
    .from(rateLimitLogs)
    .where(eq(rateLimitLogs.key, key));
  const oldestMs = row?.oldest ? new Date(row.oldest).getTime() : now.getTime();
  const retryAfter = Math.max(1, Math.ceil((oldestMs + windowSeconds * 1000 - now.getTime()) / 1000));
  return { allowed: false, limit, retryAfter };
}

/** A key whose last write left the window holds nothing worth keeping; dropping those keeps the table small. */
export async function pruneRateLimits(db: Database, olderThanSeconds = 3600): Promise<number> {
  const removed = await db
    .delete(rateLimitLogs)
    .where(sql`coalesce((select max(hit) from unnest(${rateLimitLogs.hits}) hit), '-infinity') < now() - make_interval(secs => ${olderThanSeconds})`)
    .returning({ key: rateLimitLogs.key });
  return removed.length;
}
