import type { Database } from "@/db";
import { readSeriesPreviews } from "@/db/queries/runs";
import { createSweep, readSweep, sweepJobStates, sweepRuns } from "@/db/queries/sweeps";
import { getTask } from "@/db/queries/tasks";
import type { Job, Sweep } from "@/db/schema";
import type { CreateSweepBody } from "@/lib/api/sweeps";
import { assertCan, audienceOf, type Actor, type Visibility } from "@/lib/auth/policy";
import type { RunFacts } from "@/lib/analysis";
import { AppError, notFound } from "@/lib/errors";
import type { ScheduleDefinition } from "@/lib/schedules";
import { sweepDefinition } from "@/lib/sweeps/definition";
import { sweepResults, type SweepRun } from "@/lib/sweeps/results";
import { resolveForBudget, tierBudget } from "@/lib/tasks/budget";
import { readScheduleAs } from "./schedules";
import { scheduleCreated } from "../page-cache";

const OPENNESS: Record<Visibility, number> = { private: 0, unlisted: 1, public: 2 };

/**
 * Makes a schedule per value and queues its replays per seed, all or nothing: every value is
 * checked (definition and budget) before anything is stored, and a bad one is a 422 that names it.
 */
export async function createSweepAs(db: Database, actor: Actor, body: CreateSweepBody): Promise<{ sweep: Sweep; jobs: Job[] }> {
  assertCan(actor, "job:submit");
  assertCan(actor, "schedule:create");
  const ownerId = actor.kind === "anonymous" ? null : actor.userId;
  const schedule = body.scheduleId ? await readScheduleAs(db, actor, body.scheduleId) : null;
  if (body.scheduleId && !schedule) throw new AppError("unprocessable", `scheduleId '${body.scheduleId}' is not a schedule you can use.`);
  // A sweep republishes its base's definition in every member: it may not be more open than its base.
  if (schedule && OPENNESS[body.visibility] > OPENNESS[schedule.visibility]) {
    throw new AppError("unprocessable", `visibility '${body.visibility}' is more open than the base schedule's ('${schedule.visibility}').`);
  }
  const base = (schedule?.definition ?? body.definition) as ScheduleDefinition;
  const task = await getTask(db, body.taskId);
  if (!task) throw new AppError("unprocessable", `taskId '${body.taskId}' is not a task.`);
  const budget = tierBudget(task.definition, body.tier);
  const definitions = body.values.map((value, i) => {
    const swept = sweepDefinition(base, body.field, value);
    if (!swept.ok) throw new AppError("unprocessable", `values[${i}]: ${body.field} = ${value} makes the definition invalid: ${swept.message}`);
    if (budget) {
      const resolved = resolveForBudget(swept.definition, budget, `${body.taskId} ${body.tier}`);
      if (!resolved.ok) throw new AppError("unprocessable", `values[${i}]: ${body.field} = ${value}: ${resolved.message}`);
    }
    return swept.definition;
  });
  const created = await createSweep(db, {
    name: body.name ?? schedule?.name ?? base.kind,
    ownerId,
    visibility: body.visibility,
    baseScheduleId: schedule?.id ?? null,
    baseDefinition: base,
    field: body.field,
    values: body.values,
    definitions,
    taskId: body.taskId,
    tier: body.tier,
    seeds: body.seeds,
  });
  // Each value of the sweep is a schedule of its own, listed in the gallery.
  scheduleCreated();
  return created;
}

export async function readSweepAs(db: Database, actor: Actor, id: string): Promise<Sweep | null> {
  return readSweep(db, audienceOf(actor), id);
}

export const SWEEP_METRICS = ["train_loss", "test_acc"] as const;

/** A sweep with its runs' final figures per value and the curves its page overlays (stored previews only). */
export async function loadSweep(db: Database, actor: Actor, id: string) {
  const sweep = await readSweepAs(db, actor, id);
  if (!sweep) throw notFound("sweep");
  const runs = await sweepRuns(db, audienceOf(actor), sweep);
  const previews = runs.length ? await readSeriesPreviews(db, runs.map((r) => r.id), [...SWEEP_METRICS]) : [];
  const curves = new Map<string, Partial<Record<(typeof SWEEP_METRICS)[number], [number, number | null][]>>>();
  for (const p of previews) curves.set(p.runId, { ...curves.get(p.runId), [p.name]: p.points });
  const lastFinite = (points: [number, number | null][] | undefined) => [...(points ?? [])].reverse().find(([, y]) => y !== null && Number.isFinite(y))?.[1] ?? null;
  const members: SweepRun[] = runs.map((run) => ({
    id: run.id,
    scheduleId: run.scheduleId,
    seed: run.seed,
    status: run.status,
    finalAcc: run.finalAcc,
    finalLoss: lastFinite(curves.get(run.id)?.train_loss),
    divergedEpoch: (run.summary as RunFacts | null)?.diverged?.epoch ?? null,
  }));
  return { sweep, results: sweepResults(sweep.values, sweep.scheduleIds, members), curves, jobs: await sweepJobStates(db, sweep) };
}
