import type { Database } from "@/db";
import { readArtifactInfo } from "@/db/queries/artifacts";
import { jobsOfRun, openJobOfRun, submitInterpolation } from "@/db/queries/jobs";
import { insertPoints, readSeries, type MetricPointInput } from "@/db/queries/runs";
import { metricChunks, runSeriesPreviews, type Job } from "@/db/schema";
import { and, eq, like } from "drizzle-orm";
import type { z } from "zod";
import { INTERPOLATION_METRICS, interpolationSeries } from "@/lib/analysis/interpolation";
import type { completeBodySchema } from "@/lib/api/jobs";
import type { interpolateBodySchema } from "@/lib/api/interpolation";
import { assertCan, type Actor } from "@/lib/auth/policy";
import { AppError } from "@/lib/errors";
import { currentTaskVersion } from "@/lib/tasks/catalog";
import { ownRun } from "./runs";

/**
 * Queues a worker to score the run's network between two of its weight snapshots. The worker rebuilds
 * the network of the run's task, tier and seed, so only a replay on the current task version will do.
 */
export async function requestInterpolationAs(db: Database, actor: Actor, runId: string, body: z.output<typeof interpolateBodySchema>) {
  assertCan(actor, "job:submit");
  const run = await ownRun(db, actor, runId);
  if (run.taskVersion < currentTaskVersion(run.taskId)) {
    throw new AppError("unprocessable", `This run is from a previous version of ${run.taskId} (version ${run.taskVersion}); workers rebuild only the current version's network.`);
  }
  for (const which of ["a", "b"] as const) {
    const artifact = await readArtifactInfo(db, run.id, body[which]);
    if (artifact?.kind !== "snapshot") throw new AppError("unprocessable", `${which}: '${body[which]}' is not a weight snapshot of this run (replay with snapshots: true to keep them).`);
  }
  const open = await openJobOfRun(db, run.id, "interpolate");
  if (open) return { job: open, queued: false };
  const job = await submitInterpolation(db, { runId: run.id, taskId: run.taskId, tier: run.tier, seed: run.seed ?? 0, a: body.a, b: body.b, submittedBy: actor.kind === "anonymous" ? null : actor.userId });
  return { job, queued: true };
}

/**
 * Stores an interpolation as the run's series `interpolation/<metric>` with x = alpha, replacing an
 * earlier one: a run shows one pair at a time, the pair its last interpolation job names.
 */
export async function storeInterpolation(db: Database, runId: string, result: NonNullable<z.output<typeof completeBodySchema>["interpolation"]>) {
  await db.delete(metricChunks).where(and(eq(metricChunks.runId, runId), like(metricChunks.name, "interpolation/%")));
  await db.delete(runSeriesPreviews).where(and(eq(runSeriesPreviews.runId, runId), like(runSeriesPreviews.name, "interpolation/%")));
  const points: MetricPointInput[] = result.points.flatMap((p) => INTERPOLATION_METRICS.map((metric) => ({ name: interpolationSeries(metric), x: p.alpha, value: p[metric] })));
  await insertPoints(db, runId, points);
}

/** The run's last interpolation (its job, with the pair and how it was measured) and its series. */
export async function latestInterpolation(db: Database, runId: string): Promise<{ job: Job; pending: Job | null; series: Record<string, [number, number][]> } | null> {
  const recent = await jobsOfRun(db, runId, "interpolate");
  const done = recent.find((j) => j.state === "succeeded");
  const pending = recent.find((j) => j.state === "queued" || j.state === "running") ?? null;
  if (!done) return pending ? { job: pending, pending, series: {} } : null;
  const series = await readSeries(db, runId, { names: INTERPOLATION_METRICS.map(interpolationSeries) });
  return { job: done, pending, series };
}
