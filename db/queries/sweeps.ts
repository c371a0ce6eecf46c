import { and, desc, eq, inArray } from "drizzle-orm";
import type { Audience } from "../../lib/auth/policy";
import { isUuid } from "../../lib/ids";
import type { ScheduleDefinition } from "../../lib/schedules";
import { memberName } from "../../lib/sweeps/definition";
import type { Database } from "../client";
import { jobs, runs, sweeps, type Job, type Run, type Sweep } from "../schema";
import { submitJobs } from "./jobs";
import { createSchedule } from "./schedules";
import { runsVisibleTo, sweepsVisibleTo } from "./visibility";

export interface CreateSweepInput extends Omit<typeof sweeps.$inferInsert, "id" | "scheduleIds" | "createdAt"> {
  /** The base with each value set, already validated, in the order of `values`. */
  definitions: ScheduleDefinition[];
  priority?: number;
}

/** The sweep, a schedule per value and a job per value and seed, in one transaction: all or nothing. */
export async function createSweep(db: Database, { definitions, priority, ...input }: CreateSweepInput): Promise<{ sweep: Sweep; jobs: Job[] }> {
  return db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as Database;
    const scheduleIds: string[] = [];
    const queued: Job[] = [];
    for (const [i, definition] of definitions.entries()) {
      const member = await createSchedule(tx, {
        name: memberName(input.name, input.field, input.values[i]).slice(0, 100),
        description: `One value of a sweep of ${input.field} over ${input.values.join(", ")}.`,
        definition,
        visibility: input.visibility ?? "public",
        ownerId: input.ownerId ?? null,
      });
      scheduleIds.push(member.id);
      queued.push(...(await submitJobs(tx, { scheduleId: member.id, definition, taskId: input.taskId, tier: input.tier, seeds: input.seeds, submittedBy: input.ownerId ?? null, priority })));
    }
    const [sweep] = await tx.insert(sweeps).values({ ...input, scheduleIds }).returning();
    return { sweep, jobs: queued };
  });
}

/** A sweep by its id (its link), as the audience may read it. */
export async function readSweep(db: Database, audience: Audience, id: string): Promise<Sweep | null> {
  if (!isUuid(id)) return null;
  const [row] = await db.select().from(sweeps).where(and(eq(sweeps.id, id), sweepsVisibleTo(audience, "read"))).limit(1);
  return row ?? null;
}

/** Sweeps listed for the audience, newest first (a task page's links). */
export async function listSweeps(db: Database, audience: Audience, filters: { taskId?: string } = {}, limit = 20): Promise<Sweep[]> {
  const conditions = [sweepsVisibleTo(audience, "list")];
  if (filters.taskId) conditions.push(eq(sweeps.taskId, filters.taskId));
  return db.select().from(sweeps).where(and(...conditions)).orderBy(desc(sweeps.createdAt)).limit(limit);
}

/**
 * The runs of a sweep's replays the audience may read: the current run of each of its jobs, so an
 * abandoned attempt's run is never counted beside its retry.
 */
export async function sweepRuns(db: Database, audience: Audience, sweep: Sweep): Promise<Run[]> {
  if (sweep.scheduleIds.length === 0) return [];
  return db
    .select({ run: runs })
    .from(jobs)
    .innerJoin(runs, eq(runs.id, jobs.runId))
    .where(and(inArray(jobs.scheduleId, sweep.scheduleIds), eq(jobs.taskId, sweep.taskId), eq(jobs.tier, sweep.tier), eq(jobs.kind, "replay"), runsVisibleTo(audience, "read")))
    .then((rows) => rows.map((r) => r.run));
}

/** The jobs of a sweep's member schedules, for its progress. */
export async function sweepJobStates(db: Database, sweep: Sweep) {
  if (sweep.scheduleIds.length === 0) return [];
  return db
    .select({ scheduleId: jobs.scheduleId, seed: jobs.seed, state: jobs.state })
    .from(jobs)
    .where(and(inArray(jobs.scheduleId, sweep.scheduleIds), eq(jobs.taskId, sweep.taskId), eq(jobs.tier, sweep.tier)));
}
