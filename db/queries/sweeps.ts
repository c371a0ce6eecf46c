import { and, desc, eq, inArray } from "drizzle-orm";
import type { Audience } from "../../lib/auth/policy";
import { isUuid } from "../../lib/ids";
import type { Database } from "../client";
import { jobs, runs, sweeps, type Run, type Sweep } from "../schema";
import { runsVisibleTo, sweepsVisibleTo } from "./visibility";

export type NewSweep = typeof sweeps.$inferInsert;

export async function insertSweep(db: Database, input: NewSweep): Promise<Sweep> {
  const [row] = await db.insert(sweeps).values(input).returning();
  return row;
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
