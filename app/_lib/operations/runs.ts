import { createHash } from "node:crypto";
import type { Database } from "@/db";
import { onceForKey } from "@/db/queries/idempotency";
import {
  appendBatch,
  createRun,
  deleteRun,
  finishRun,
  insertPoints,
  readRun,
  readSeries,
  renameRun,
  saveSeriesPreviews,
  type CreateRunInput,
  type MetricPointInput,
} from "@/db/queries/runs";
import { createSchedule, findScheduleByDefinition } from "@/db/queries/schedules";
import { getTask } from "@/db/queries/tasks";
import type { Run, Schedule, Task } from "@/db/schema";
import { deriveRunFacts, SERIES, type RunFacts } from "@/lib/analysis";
import { previewSeries } from "@/lib/charts/preview";
import type { CreateRunBody } from "@/lib/api/runs";
import { logRunFields } from "@/lib/api/upload";
import { assertCan, audienceOf, canDeleteRun, type Actor } from "@/lib/auth/policy";
import { AppError, notFound } from "@/lib/errors";
import type { ParsedRunLog } from "@/lib/runlogs";
import { budgetExcess, checkScheduleClaim, firstXBeyondBudget } from "@/lib/claim-check";
import { parseDefinition, type ResolvedDefinition, type ScheduleDefinition, type ScheduleEvent } from "@/lib/schedules";
import { resolveForBudget, tierBudget, type TierBudget } from "@/lib/tasks/budget";
import type { TierName } from "@/lib/tasks/catalog";
import { readScheduleAs } from "./schedules";
import { blobStore } from "@/db/artifact-store";
import { runChanged, scheduleCreated } from "../page-cache";

function userOf(actor: Actor): string {
  if (actor.kind === "anonymous") throw new Error("unreachable: the policy admits no visitor here");
  return actor.userId;
}

/** The tier's budget, or a 422 naming the tiers the task has. */
function budgetOf(task: Task, tier: string): TierBudget {
  const budget = tierBudget(task, tier);
  if (!budget) throw new AppError("unprocessable", `tier '${tier}' is not a tier of ${task.id}; its tiers are ${task.tiers.map((t) => t.tier).join(", ")}.`);
  return budget;
}

async function resolveRunContext(db: Database, actor: Actor, body: Pick<CreateRunBody, "taskId" | "tier" | "scheduleId" | "schedule">) {
  const task = await getTask(db, body.taskId);
  if (!task) throw new AppError("unprocessable", `taskId '${body.taskId}' is not a task; see /api/v1/tasks.`);
  const budget = budgetOf(task, body.tier);
  let scheduleDefinition: ScheduleDefinition | null = null;
  const schedule = body.scheduleId ? await readScheduleAs(db, actor, body.scheduleId) : null;
  if (body.scheduleId && !schedule) {
    throw new AppError("unprocessable", `scheduleId '${body.scheduleId}' is not a schedule you can use.`);
  }
  if (body.schedule !== undefined) {
    const parsed = parseDefinition(body.schedule);
    if (!parsed.ok) throw new AppError("unprocessable", parsed.errors.map((e) => `schedule.${e.message}`).join("; "));
    scheduleDefinition = parsed.definition;
  }
  const resolvedDefinition = resolveForTier(scheduleDefinition ?? schedule?.definition ?? null, budget);
  return { task, budget, schedule, scheduleDefinition, resolvedDefinition };
}

/** An upload's budget-relative schedule as the tier's budget makes it (null when nothing is relative); 422 when it cannot resolve. */
function resolveForTier(definition: ScheduleDefinition | null, budget: TierBudget): ResolvedDefinition | null {
  if (!definition) return null;
  const resolved = resolveForBudget(definition, budget, `${budget.taskId} ${budget.tier}`);
  if (!resolved.ok) throw new AppError("unprocessable", resolved.message);
  return resolved.budgetRelative ? resolved.definition : null;
}

type RunContext = Awaited<ReturnType<typeof resolveRunContext>>;

/**
 * The schedule an inline definition stands for, so the run can be ranked: one the uploader may list
 * (public, or their own) with the same definition, else a new public one they own. Called inside the
 * upload's transaction: a refused upload leaves no schedule behind.
 */
async function linkSchedule(tx: Database, actor: Actor, context: RunContext): Promise<Schedule | null> {
  if (context.schedule || !context.scheduleDefinition) return context.schedule;
  const owner = { kind: "owner" as const, userId: userOf(actor) };
  const existing = await findScheduleByDefinition(tx, owner, context.scheduleDefinition);
  if (existing) return existing;
  const definition = context.scheduleDefinition;
  const created = await createSchedule(tx, {
    name: definition.name ?? `${definition.kind} (from an upload)`,
    description: "Created from an uploaded run's schedule file.",
    definition,
    visibility: "public",
    ownerId: owner.userId,
  });
  scheduleCreated();
  return created;
}

/** The stored run for an upload's metadata: what both the JSON API and a log file create. */
function newRunFrom(actor: Actor, meta: Omit<CreateRunBody, "points">, context: RunContext, schedule: Schedule | null): CreateRunInput {
  return {
    ownerId: userOf(actor),
    // A run of an unlisted or private schedule would otherwise show the schedule's name to everyone.
    visibility: schedule?.visibility ?? "public",
    taskId: meta.taskId,
    tier: meta.tier,
    name: meta.name ?? null,
    scheduleId: schedule?.id ?? null,
    // What the run claims to have followed, as a replay records it: checked against the lr when it finishes.
    scheduleDefinition: context.scheduleDefinition ?? schedule?.definition ?? null,
    resolvedDefinition: context.resolvedDefinition,
    seed: meta.seed ?? null,
    engine: meta.engine ?? null,
    backend: meta.backend ?? null,
    device: meta.device ?? null,
    hardware: meta.hardware ?? null,
    precision: meta.precision ?? null,
    source: "uploaded",
    format: meta.format ?? null,
    xAxis: meta.xAxis,
  };
}

/** Points past every numbering of the tier's budget are refused as they arrive, before they are stored. */
function assertWithinBudget(points: { x: number }[], xAxis: "epoch" | "step", budget: TierBudget) {
  const beyond = firstXBeyondBudget(points.map((p) => p.x), xAxis, budget);
  if (beyond !== null) {
    const limit = xAxis === "epoch" ? `${budget.epochs} epochs` : `${budget.epochs * budget.itersPerEpoch} steps`;
    throw new AppError("unprocessable", `points: x ${beyond} is past the ${limit} of tier '${budget.tier}' of ${budget.taskId}.`);
  }
}

function requestHash(body: unknown): string {
  return createHash("sha256").update(JSON.stringify(body)).digest("hex");
}

/** Creates a run (optionally with its first points), once per Idempotency-Key. */
export async function createRunAs(
  db: Database,
  actor: Actor,
  body: CreateRunBody,
  idempotencyKey: string | null,
): Promise<{ status: number; body: unknown }> {
  assertCan(actor, "run:upload");
  const context = await resolveRunContext(db, actor, body);
  assertWithinBudget(body.points ?? [], body.xAxis, context.budget);
  const work = async (tx: Database) => {
    const run = await createRun(tx, newRunFrom(actor, body, context, await linkSchedule(tx, actor, context)));
    await insertPoints(tx, run.id, body.points ?? []);
    return { status: 201, body: { run: { ...run, pointCount: body.points?.length ?? 0 } } };
  };
  if (!idempotencyKey) return db.transaction((tx) => work(tx as unknown as Database));
  return onceForKey(db, userOf(actor), idempotencyKey, requestHash(body), work);
}

/** A run the actor may read, or a 404 that says no more than for a run that does not exist. */
export async function readRunAs(db: Database, actor: Actor, runId: string): Promise<Run> {
  const run = await readRun(db, audienceOf(actor), runId);
  if (!run) throw notFound("run");
  return run;
}

/** A run the actor may change; one they may not even read is a 404, as if it did not exist. */
export async function ownRun(db: Database, actor: Actor, runId: string): Promise<Run> {
  const run = await readRunAs(db, actor, runId);
  assertCan(actor, "run:update", run);
  return run;
}

export async function renameRunAs(db: Database, actor: Actor, runId: string, name: string | null): Promise<Run> {
  const run = await ownRun(db, actor, runId);
  const renamed = await renameRun(db, runId, name);
  runChanged(run);
  return renamed;
}

/** Deletes a run with everything it stored; a replay's run only by an admin (409 for its owner: lib/auth/policy.ts canDeleteRun). */
export async function deleteRunAs(db: Database, actor: Actor, runId: string): Promise<void> {
  const run = await readRunAs(db, actor, runId);
  assertCan(actor, "run:delete", run);
  if (!canDeleteRun(actor, run)) {
    throw new AppError("conflict", `This run is a ${run.source === "reference" ? "reference" : "replay"} result of its schedule, not an upload: only an admin can delete it.`);
  }
  const s3Keys = await deleteRun(db, runId);
  runChanged(run);
  const store = blobStore();
  for (const key of s3Keys) await store.remove(key);
}

export async function appendPointsAs(db: Database, actor: Actor, runId: string, seq: number, points: MetricPointInput[]) {
  const run = await ownRun(db, actor, runId);
  if (run.status !== "running") throw new AppError("conflict", `The run is ${run.status}; points can only be added while it is running.`);
  const task = await getTask(db, run.taskId);
  if (run.source === "uploaded" && task) assertWithinBudget(points, run.xAxis, budgetOf(task, run.tier));
  return appendBatch(db, runId, seq, points);
}

/** Finishes a run: derives its facts from what is stored. Finishing twice gives the same result. */
export async function finishRunAs(db: Database, actor: Actor, runId: string, status: "finished" | "failed") {
  const run = await ownRun(db, actor, runId);
  return finishWithFacts(db, run, status);
}

/** Compare charts overlay up to 20 runs; 1,000 points each is finer than any screen shows them. */
const COMPARE_PREVIEW_POINTS = 1000;

/** Where and why a replay diverged (workers/divergence.ts): the run's result, kept in its summary and as an event. */
export interface Diverged {
  at: { epoch: number; iteration: number };
  reason: string;
}

/**
 * An upload's claims against its tier: a log longer than the budget is refused (422, nothing changes),
 * an lr that contradicts the claimed schedule is recorded as a mismatch. Replays are the worker's own.
 */
function checkClaims(run: Run, task: Task | null, facts: RunFacts, lr: [number, number][]): Run["claimCheck"] | undefined {
  if (run.source !== "uploaded" || !task) return undefined;
  const budget = budgetOf(task, run.tier);
  const excess = budgetExcess(facts, budget);
  if (excess) throw new AppError("unprocessable", `epochs: ${excess}.`);
  const definition = run.scheduleDefinition;
  if (!definition || facts.firstX === null) return null;
  return checkScheduleClaim({ definition, lr, xAxis: run.xAxis, firstX: facts.firstX, budget });
}

export async function finishWithFacts(db: Database, run: Run, status: "finished" | "failed" | "diverged", scheduleEvents?: ScheduleEvent[], diverged?: Diverged) {
  const [series, task] = await Promise.all([readSeries(db, run.id), getTask(db, run.taskId)]);
  const facts = deriveRunFacts({
    series,
    xAxis: run.xAxis,
    scheduleEvents,
    targetAccuracy: task?.definition.targetAccuracy[run.tier as TierName] ?? null,
  });
  const claimCheck = checkClaims(run, task, facts, series[SERIES.lr] ?? []);
  const events = [
    ...facts.decays.map((d) => ({ x: d.x, type: "decay" as const, data: { ...d } })),
    ...(facts.divergence ? [{ x: facts.divergence.x, type: "divergence" as const, data: { ...facts.divergence } }] : []),
    ...(diverged ? [{ x: diverged.at.epoch, type: "divergence" as const, data: { ...diverged.at, reason: diverged.reason, outcome: "diverged" } }] : []),
  ];
  const previews = Object.fromEntries(
    Object.entries(series).map(([name, points]) => [name, { pointCount: points.length, points: previewSeries(points, COMPARE_PREVIEW_POINTS) }]),
  );
  await saveSeriesPreviews(db, run.id, previews);
  const summary: RunFacts = { ...facts, diverged: diverged ? { ...diverged.at, reason: diverged.reason } : null };
  const finished = await finishRun(db, run.id, { status, summary: summary as unknown as Record<string, unknown>, events, claimCheck });
  runChanged(finished);
  return finished;
}

/** A whole log file as one run: parsed, stored and finished in one transaction, or not at all. */
export async function uploadRunAs(
  db: Database,
  actor: Actor,
  meta: Omit<CreateRunBody, "points" | "xAxis">,
  log: ParsedRunLog,
  idempotencyKey: string | null,
) {
  assertCan(actor, "run:upload");
  const context = await resolveRunContext(db, actor, meta);
  const points: MetricPointInput[] = Object.entries(log.series).flatMap(([name, series]) =>
    series.map(([x, value]) => ({ name, x, value })),
  );
  const work = async (tx: Database) => {
    const schedule = await linkSchedule(tx, actor, context);
    const run = await createRun(tx, newRunFrom(actor, { ...meta, ...logRunFields(log) }, context, schedule));
    await insertPoints(tx, run.id, points);
    const finished = await finishWithFacts(tx, { ...run, pointCount: points.length }, "finished");
    return { status: 201, body: { run: finished } };
  };
  if (!idempotencyKey) return db.transaction((tx) => work(tx as unknown as Database));
  return onceForKey(db, userOf(actor), idempotencyKey, requestHash({ meta, log }), work);
}
