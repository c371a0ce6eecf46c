import { revalidateTag, unstable_cache } from "next/cache";

/**
 * Public pages read their data through the cache and every write that changes what they show expires
 * its tags, so a warm page costs no database query and a finished run shows on the next request.
 * Only data every visitor may see is cached: a signed-in viewer's own private rows are read per request.
 */
export const cacheTags = {
  /** One task and tier's rows: its leaderboard, analyses, head-to-heads (the home page's too) and diverged counts. */
  board: (taskId: string, tier: string) => `leaderboard:${taskId}:${tier}`,
  /** Aggregates over every task and tier: the leaderboard overview and the performance profiles. */
  results: "results",
  run: (id: string) => `run:${id}`,
  schedule: (id: string) => `schedule:${id}`,
  /** Schedule names and visibility, which every board shows. */
  schedules: "schedules",
};

/**
 * A platform's data cache outlives a deployment; a new one may read or shape things differently (task
 * definitions are seeded by its release step), so each deployment keys its own entries.
 */
const DEPLOYMENT = process.env.VERCEL_DEPLOYMENT_ID ?? "";

/**
 * Where several server processes share one database without a shared cache (self-hosted replicas), a
 * write expires the tags only in the process it reached; the others catch up within this many seconds.
 */
export const CACHE_SECONDS = 60;

/** `read` cached under its name and arguments (JSON: plain values only), expired by the tags `tagsOf` gives. */
export function cachedRead<A extends unknown[], R>(name: string, read: (...args: A) => Promise<R>, tagsOf: (...args: A) => string[]): (...args: A) => Promise<R> {
  return (...args: A) => unstable_cache(() => read(...args), [name, JSON.stringify(args), DEPLOYMENT], { tags: tagsOf(...args), revalidate: CACHE_SECONDS })();
}

function expire(tags: string[]): void {
  for (const tag of new Set(tags)) {
    try {
      // Expired at once, not stale-while-revalidate: the next view must show the finished run.
      revalidateTag(tag, { expire: 0 });
    } catch (error) {
      // Outside a Next.js request (the operations' own tests, scripts) there is no cache to expire.
      if (!String(error).includes("static generation store missing")) throw error;
    }
  }
}

/** A run finished, failed, was verified or deleted: its boards, the aggregates, its page and its schedule's. */
export function runChanged(run: { id: string; taskId: string; tier: string; scheduleId: string | null }): void {
  expire([cacheTags.board(run.taskId, run.tier), cacheTags.results, cacheTags.run(run.id), ...(run.scheduleId ? [cacheTags.schedule(run.scheduleId)] : [])]);
}

/** A schedule was created (by the form, an upload's schedule file or a sweep): the gallery lists it. */
export function scheduleCreated(): void {
  expire([cacheTags.schedules]);
}

/** A schedule was edited, its visibility changed or it was deleted: its name or rows may be on any board. */
export function scheduleChanged(scheduleId: string): void {
  expire([cacheTags.schedule(scheduleId), cacheTags.schedules, cacheTags.results]);
}
