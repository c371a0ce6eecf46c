import type { Database } from "@/db";
import {
  attachRun,
  claimJob,
  completeJob,
  failJob,
  getJob,
  heartbeat,
  leaseOf,
  lockHeldJob,
  requestCancel,
  submitJobs,
} from "@/db/queries/jobs";
import { readArtifactInfo } from "@/db/queries/artifacts";
import { appendBatch, createRun, getRun, markRunFailed, recordVerification, setResolvedDefinition, type MetricPointInput } from "@/db/queries/runs";
import { MODEL_ARTIFACT } from "@/lib/api/artifacts";
import { getScheduleById } from "@/db/queries/schedules";
import { getTask, listTasks } from "@/db/queries/tasks";
import type { z } from "zod";
import { isRangeTestJob } from "@/lib/analysis/range-test";
import type { claimBodySchema, completeBodySchema, resolveBodySchema, submitJobsBodySchema } from "@/lib/api/jobs";
import { assertCan, type Actor } from "@/lib/auth/policy";
import { AppError, notFound } from "@/lib/errors";
import { TIER_NAMES } from "@/lib/tasks/catalog";
import { resolveForBudget, tierBudget } from "@/lib/tasks/budget";
import type { ScheduleEvent } from "@/lib/schedules";
import { finishWithFacts } from "./runs";
import { storeInterpolation } from "./interpolation";
import { jobs } from "@/db/schema";
import { eq } from "drizzle-orm";
import { queue } from "../settings";
import { readScheduleAs } from "./schedules";
import { runChanged } from "../page-cache";

export const leaseLost = () =>
  new AppError("conflict", "This attempt no longer holds the job (its lease expired, or it was cancelled); stop working on it.");

export async function submitJobsAs(db: Database, actor: Actor, body: z.output<typeof submitJobsBodySchema>) {
  assertCan(actor, "job:submit");
  const schedule = await readScheduleAs(db, actor, body.scheduleId);
  if (!schedule) throw new AppError("unprocessable", `scheduleId '${body.scheduleId}' is not a schedule you can use.`);
  const task = await getTask(db, body.taskId);
  if (!task) throw new AppError("unprocessable", `taskId '${body.taskId}' is not a task.`);
  // Refused now rather than as a failed job later: the tier fixes the budget a relative length resolves against.
  const budget = tierBudget(task.definition, body.tier);
  if (budget) {
    const resolved = resolveForBudget(schedule.definition, budget, `${body.taskId} ${body.tier}`);
    if (!resolved.ok) throw new AppError("unprocessable", resolved.message);
  }
  return submitJobs(db, {
    scheduleId: schedule.id,
    definition: schedule.definition,
    taskId: body.taskId,
    tier: body.tier,
    seeds: body.seeds,
    submittedBy: actor.kind === "anonymous" ? null : actor.userId,
    options: body.snapshots ? { snapshots: true } : null,
  });
}

/**
 * The head-to-head verdict's "queue the missing seeds": the schedule's owner or an admin (whoever may
 * change the schedule) spends worker time on it from there; anyone else may replay it from its own page.
 */
export async function queueMissingSeedsAs(db: Database, actor: Actor, body: z.output<typeof submitJobsBodySchema>) {
  const schedule = await readScheduleAs(db, actor, body.scheduleId);
  if (!schedule) throw notFound("schedule");
  assertCan(actor, "schedule:update", schedule);
  return { schedule, jobs: await submitJobsAs(db, actor, body) };
}

export async function cancelJobAs(db: Database, actor: Actor, id: string) {
  const job = await getJob(db, id);
  if (!job) throw notFound("job");
  assertCan(actor, "job:cancel", { ownerId: job.submittedBy });
  const cancelled = await requestCancel(db, id);
  if (!cancelled) throw new AppError("conflict", `The job is already ${job.state}.`);
  return cancelled;
}

export function workerOf(actor: Actor): string {
  assertCan(actor, "worker:act");
  if (actor.kind !== "token" || !actor.workerId) throw new Error("unreachable: worker:act needs a worker token");
  return actor.workerId;
}

/** Claims a job and opens the run its attempt writes into, both or neither. */
export async function claimAs(db: Database, actor: Actor, body: z.output<typeof claimBodySchema>) {
  const workerId = workerOf(actor);
  const taskIds = body.tasks ?? (await listTasks(db)).map((t) => t.id);
  const tiers = body.tiers ?? [...TIER_NAMES];
  const leaseSeconds = queue.leaseSeconds();
  return db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as Database;
    const job = await claimJob(tx, { workerId, taskIds, tiers, leaseSeconds, weights: body.weights });
    if (!job) return null;
    if (job.kind === "verify") {
      // A verification writes into the uploaded run it checks; it opens no run of its own.
      const model = await readArtifactInfo(tx, job.verifyRunId!, MODEL_ARTIFACT);
      return {
        id: job.id,
        kind: "verify" as const,
        attemptId: job.attemptId!,
        runId: job.verifyRunId!,
        taskId: job.taskId,
        tier: job.tier,
        seed: job.seed,
        model: model ? { name: model.name, sha256: model.sha256, bytes: model.bytes } : null,
        attempt: job.attempts,
        maxAttempts: job.maxAttempts,
        leaseSeconds,
      };
    }
    if (job.kind === "interpolate") {
      // An interpolation writes into the run whose snapshots it reads; it opens no run of its own.
      const snapshot = async (name: string | undefined) => {
        const info = name ? await readArtifactInfo(tx, job.verifyRunId!, name) : null;
        return info ? { name: info.name, sha256: info.sha256, bytes: info.bytes } : null;
      };
      return {
        id: job.id,
        kind: "interpolate" as const,
        attemptId: job.attemptId!,
        runId: job.verifyRunId!,
        taskId: job.taskId,
        tier: job.tier,
        seed: job.seed,
        a: await snapshot(job.options?.a),
        b: await snapshot(job.options?.b),
        attempt: job.attempts,
        maxAttempts: job.maxAttempts,
        leaseSeconds,
      };
    }
    const definition = job.definition!;
    const schedule = job.scheduleId ? await getScheduleById(tx, job.scheduleId) : null;
    const run = await createRun(tx, {
      ownerId: job.submittedBy,
      name: `${schedule?.name ?? definition.kind} · seed ${job.seed}`,
      taskId: job.taskId,
      tier: job.tier,
      scheduleId: job.scheduleId,
      scheduleDefinition: definition,
      // As hidden as its schedule. Deleting a schedule cancels its jobs, so one without a schedule never had one.
      visibility: schedule?.visibility ?? "public",
      seed: job.seed,
      engine: body.engine ?? null,
      backend: body.backend ?? null,
      device: body.device ?? null,
      hardware: body.hardware ?? null,
      precision: body.precision ?? null,
      source: "replayed",
      // A range test records one point per iteration (workers/range-test.ts).
      xAxis: isRangeTestJob(definition) ? "step" : "epoch",
    });
    await attachRun(tx, job.id, leaseOf(job), run.id);
    return {
      id: job.id,
      kind: "replay" as const,
      attemptId: job.attemptId!,
      runId: run.id,
      taskId: job.taskId,
      tier: job.tier,
      seed: job.seed,
      definition,
      snapshots: job.options?.snapshots === true,
      attempt: job.attempts,
      maxAttempts: job.maxAttempts,
      leaseSeconds,
    };
  });
}

export async function heartbeatAs(db: Database, actor: Actor, id: string, attemptId: string, progress: Record<string, unknown> | null) {
  const result = await heartbeat(db, id, { attemptId, workerId: workerOf(actor) }, progress, queue.leaseSeconds());
  if (!result) throw leaseLost();
  return result;
}

/**
 * Resolves the run's budget-relative schedule for the budget the engine set up, before the first step,
 * and stores it beside the submitted one. A schedule that breaks a rule once resolved is a 422 the
 * worker reports as a failure no retry can fix.
 */
export async function resolveScheduleAs(db: Database, actor: Actor, id: string, body: z.output<typeof resolveBodySchema>) {
  const lease = { attemptId: body.attemptId, workerId: workerOf(actor) };
  return db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as Database;
    const job = await lockHeldJob(tx, id, lease);
    if (!job?.runId || !job.definition) throw leaseLost();
    const resolved = resolveForBudget(job.definition, body, `${job.taskId} ${job.tier}`);
    if (!resolved.ok) throw new AppError("unprocessable", resolved.message);
    if (resolved.budgetRelative) await setResolvedDefinition(tx, job.runId, resolved.definition);
    return { definition: resolved.definition, budgetRelative: resolved.budgetRelative };
  });
}

export async function workerPointsAs(db: Database, actor: Actor, id: string, attemptId: string, seq: number, points: MetricPointInput[]) {
  const lease = { attemptId, workerId: workerOf(actor) };
  return db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as Database;
    const job = await lockHeldJob(tx, id, lease);
    if (!job?.runId) throw leaseLost();
    return appendBatch(tx, job.runId, seq, points);
  });
}

export async function completeAs(db: Database, actor: Actor, id: string, attemptId: string, body: Pick<z.output<typeof completeBodySchema>, "scheduleEvents" | "verification" | "interpolation" | "outcome" | "at" | "reason">) {
  const lease = { attemptId, workerId: workerOf(actor) };
  return db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as Database;
    const job = await lockHeldJob(tx, id, lease);
    if (job?.kind === "verify") {
      if (!body.verification) throw new AppError("unprocessable", "verification is required to complete a verify job: testAcc, testSamples, modelSha256, runtime");
      const { testAcc, ...details } = body.verification;
      await recordVerification(tx, job.verifyRunId!, testAcc, { ...details, workerId: job.leaseHolder, verifiedAt: new Date().toISOString() });
      await completeJob(tx, id, lease);
      const verified = await getRun(tx, job.verifyRunId!);
      if (verified) runChanged(verified);
      return verified;
    }
    if (job?.kind === "interpolate") {
      if (!body.interpolation) throw new AppError("unprocessable", "interpolation is required to complete an interpolate job: points, trainSubset, testSamples, batchNormRecomputed");
      const { points: _points, ...measured } = body.interpolation;
      await storeInterpolation(tx, job.verifyRunId!, body.interpolation);
      await tx.update(jobs).set({ progress: { ...measured, a: job.options?.a, b: job.options?.b } }).where(eq(jobs.id, id));
      await completeJob(tx, id, lease);
      return getRun(tx, job.verifyRunId!);
    }
    if (!job?.runId) throw leaseLost();
    const run = await getRun(tx, job.runId);
    if (!run) throw leaseLost();
    const diverged = body.outcome === "diverged" ? { at: body.at!, reason: body.reason ?? "a training loss or rate that is not finite" } : undefined;
    const finished = await finishWithFacts(tx, run, body.outcome, body.scheduleEvents, diverged);
    await completeJob(tx, id, lease);
    return finished;
  });
}

export async function failAs(db: Database, actor: Actor, id: string, attemptId: string, error: string, retryable: boolean) {
  const lease = { attemptId, workerId: workerOf(actor) };
  const job = await getJob(db, id);
  const failed = await failJob(db, id, lease, error, retryable);
  if (!failed) throw leaseLost();
  if (job?.runId) {
    await markRunFailed(db, job.runId);
    runChanged({ id: job.runId, taskId: job.taskId, tier: job.tier, scheduleId: job.scheduleId });
  }
  return failed;
}
