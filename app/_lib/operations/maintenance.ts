import type { Database } from "@/db";
import { expireIdempotencyKeys } from "@/db/queries/idempotency";
import { reclaimExpiredLeases } from "@/db/queries/jobs";
import { pruneRateLimits } from "@/db/queries/rate-limits";

/** Stored answers are replayed for a day: longer than any client's retries (the CLI's and the worker's take minutes). */
export const IDEMPOTENCY_KEY_SECONDS = 24 * 3600;
/** Write limits count over one minute; a key idle for an hour holds nothing that still counts. */
export const RATE_LIMIT_IDLE_SECONDS = 3600;

export interface MaintenanceReport {
  reclaimedLeases: number;
  expiredIdempotencyKeys: number;
  prunedRateLimitKeys: number;
}

/**
 * The scheduled work (the cron route, every few minutes): jobs whose worker stopped sending heartbeats go
 * back to the queue even when no worker claims, and the two tables that only grow are trimmed.
 */
export async function runMaintenance(db: Database): Promise<MaintenanceReport> {
  return {
    reclaimedLeases: await reclaimExpiredLeases(db),
    expiredIdempotencyKeys: await expireIdempotencyKeys(db, IDEMPOTENCY_KEY_SECONDS),
    prunedRateLimitKeys: await pruneRateLimits(db, RATE_LIMIT_IDLE_SECONDS),
  };
}
