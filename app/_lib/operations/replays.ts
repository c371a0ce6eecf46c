import type { Database } from "@/db";
import { listJobs } from "@/db/queries/jobs";
import { getRuns, readSeriesPreviews } from "@/db/queries/runs";
import type { Job } from "@/db/schema";
import { SERIES } from "@/lib/analysis";
import { audienceOf, can, type Actor } from "@/lib/auth/policy";
import { TIER_NAMES } from "@/lib/tasks/catalog";
import { estimateRemaining } from "@/lib/jobs/timing";

export interface ReplayRow {
  job: Omit<Job, "attemptId" | "leaseHolder">;
  /** Seconds since its run opened (to its end once finished), or waiting since queued; null for a job never claimed and no longer queued. */
  elapsedSeconds: number | null;
  etaSeconds: number | null;
  /** The run's test accuracy preview (saved when the run finishes). */
  testAcc: [number, number][];
  canCancel: boolean;
}

export const isLive = (job: Pick<Job, "state">) => job.state === "queued" || job.state === "running";

/**
 * A schedule's replay jobs as its page lists them: in a stable order (task, tier, seed, then submission)
 * so rows never jump while they refresh, each with its elapsed time, an estimate of what is left, and
 * its test accuracy once finished.
 */
export async function replayRowsOf(db: Database, actor: Actor, scheduleId: string, now = Date.now()): Promise<ReplayRow[]> {
  const audience = audienceOf(actor);
  const jobs = await listJobs(db, audience, { scheduleId });
  const runIds = jobs.flatMap((j) => (j.runId ? [j.runId] : []));
  const [runs, previews] = runIds.length ? await Promise.all([getRuns(db, audience, runIds), readSeriesPreviews(db, runIds, [SERIES.testAcc])]) : [[], []];
  const runOf = new Map(runs.map(({ run }) => [run.id, run]));
  const accOf = new Map(previews.map((p) => [p.runId, (p.points as [number, number | null][]).filter((pt): pt is [number, number] => Number.isFinite(pt[1]))]));
  const tierIndex = (tier: string) => TIER_NAMES.indexOf(tier as (typeof TIER_NAMES)[number]);
  const ordered = [...jobs].sort(
    (a, b) => a.taskId.localeCompare(b.taskId) || tierIndex(a.tier) - tierIndex(b.tier) || a.seed - b.seed || a.createdAt.getTime() - b.createdAt.getTime(),
  );
  return ordered.map(({ attemptId: _fencingToken, leaseHolder: _worker, ...job }) => {
    const run = job.runId ? runOf.get(job.runId) : undefined;
    const progress = (job.progress ?? {}) as { epoch?: number; epochs?: number };
    const end = run?.finishedAt?.getTime() ?? (job.state === "running" ? now : null);
    const elapsedSeconds = run && end !== null ? (end - run.createdAt.getTime()) / 1000 : job.state === "queued" ? (now - job.createdAt.getTime()) / 1000 : null;
    return {
      job,
      elapsedSeconds,
      etaSeconds: job.state === "running" && elapsedSeconds !== null ? estimateRemaining(elapsedSeconds, progress.epoch, progress.epochs) : null,
      testAcc: job.runId ? (accOf.get(job.runId) ?? []) : [],
      canCancel: isLive(job) && !job.cancelRequested && can(actor, "job:cancel", { ownerId: job.submittedBy }),
    };
  });
}
