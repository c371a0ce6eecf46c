import type { Database } from "@/db";
import { hitRateLimit } from "@/db/queries/rate-limits";
import type { Actor } from "@/lib/auth/policy";
import { AppError } from "@/lib/errors";
import { clientAddress } from "./client-address";
import { limits } from "./settings";

/**
 * The write budgets every state-changing request spends, API call or server action alike: per token,
 * and per client address for everything but worker tokens.
 */
export async function enforceWriteRateLimits(db: Database, actor: Actor, headers: Headers): Promise<void> {
  // A worker token is an admin's grant to one machine whose training loop writes metrics and heartbeats
  // several times a second, and several workers may share an address: it has its own, larger budget.
  const checks: [string, number][] =
    actor.kind === "token" && actor.workerId
      ? [[`token:${actor.tokenId}`, limits.writesPerWorkerPerMinute()]]
      : [[`ip:${clientAddress(headers)}`, limits.writesPerIpPerMinute()]];
  if (actor.kind === "token" && !actor.workerId) checks.push([`token:${actor.tokenId}`, limits.writesPerTokenPerMinute()]);
  for (const [key, limit] of checks) {
    const result = await hitRateLimit(db, key, limit, 60);
    if (!result.allowed) {
      throw new AppError("rate_limited", `Too many write requests: at most ${limit} a minute. Retry in ${result.retryAfter} s.`, {
        "Retry-After": String(result.retryAfter),
      });
    }
  }
}
