import { and, desc, eq, inArray, sql } from "drizzle-orm";
import type { Audience } from "../../lib/auth/policy";
import type { ScheduleDefinition } from "../../lib/schedules";
import type { Database } from "../client";
import { jobs, runs, type Job, type JobOptions } from "../schema";
import { isUuid } from "../../lib/ids";
import { jobsVisibleTo } from "./visibility";

export const DEFAULT_LEASE_SECONDS = 60;
/** Backoff after a failed or abandoned attempt: BASE * 2^(attempts - 1) seconds, capped. */
const BACKOFF_BASE_SECONDS = 5;
const BACKOFF_MAX_SECONDS = 600;

export interface SubmitJobsInput {
  scheduleId: string | null;
  definition: ScheduleDefinition;
  taskId: string;
  tier: string;
  seeds: number[];
  submittedBy: string | null;
  priority?: number;
  options?: JobOptions | null;
}

export async function submitJobs(db: Database, input: SubmitJobsInput): Promise<Job[]> {
  return db
    .insert(jobs)
    .values(
      input.seeds.map((seed) => ({
        scheduleId: input.scheduleId,
        definition: input.definition,
        taskId: input.taskId,
        tier: input.tier,
        seed,
        submittedBy: input.submittedBy,
        priority: input.priority ?? 0,
        options: input.options ?? null,
      })),
    )
    .returning();
}

/** Queues the evaluation of an uploaded run's ONNX model on its task's test set. */
export async function submitVerification(db: Database, input: { runId: string; taskId: string; tier: string; seed: number; submittedBy: string | null }): Promise<Job> {
  const [job] = await db
    .insert(jobs)
    .values({ kind: "verify", verifyRunId: input.runId, definition: null, scheduleId: null, taskId: input.taskId, tier: input.tier, seed: input.seed, submittedBy: input.submittedBy })
    .returning();
  return job;
}

/** Queues the evaluation of a run's network between two of its weight snapshots (artifact names a and b). */
export async function submitInterpolation(db: Database, input: { runId: string; taskId: string; tier: string; seed: number; a: string; b: string; submittedBy: string | null }): Promise<Job> {
  const [job] = await db
    .insert(jobs)
    .values({ kind: "interpolate", verifyRunId: input.runId, options: { a: input.a, b: input.b }, definition: null, scheduleId: null, taskId: input.taskId, tier: input.tier, seed: input.seed, submittedBy: input.submittedBy })
    .returning();
  return job;
}

/** A job of this kind on this run still waiting or under way, if any: one at a time is enough. */
export async function openJobOfRun(db: Database, runId: string, kind: "verify" | "interpolate"): Promise<Job | null> {
  const [row] = await db
    .select()
    .from(jobs)
    .where(and(eq(jobs.verifyRunId, runId), eq(jobs.kind, kind), inArray(jobs.state, ["queued", "running"])))
    .limit(1);
  return row ?? null;
}

export const openVerification = (db: Database, runId: string) => openJobOfRun(db, runId, "verify");

/** The run's jobs of one kind, newest first (the run page's interpolations). */
export async function jobsOfRun(db: Database, runId: string, kind: "verify" | "interpolate", limit = 10): Promise<Job[]> {
  return db.select().from(jobs).where(and(eq(jobs.verifyRunId, runId), eq(jobs.kind, kind))).orderBy(desc(jobs.createdAt)).limit(limit);
}

const backoff = sql`make_interval(secs => least(${BACKOFF_MAX_SECONDS}, ${BACKOFF_BASE_SECONDS} * power(2, greatest(${jobs.attempts} - 1, 0))))`;

/**
 * Jobs whose worker stopped renewing its lease go back to the queue (after backoff), or fail for good
 * once they have used their attempts.
 */
export async function reclaimExpiredLeases(db: Database): Promise<number> {
  const rows = await db
    .update(jobs)
    .set({
      state: sql`(case when ${jobs.attempts} >= ${jobs.maxAttempts} then 'failed' else 'queued' end)::job_state`,
      runAt: sql`now() + ${backoff}`,
      lastError: sql`'lease expired: the worker stopped sending heartbeats'`,
      leaseHolder: null,
      leaseExpiresAt: null,
      attemptId: null,
      updatedAt: sql`now()`,
    })
    .where(and(eq(jobs.state, "running"), sql`${jobs.leaseExpiresAt} < now()`))
    .returning({ id: jobs.id, state: jobs.state, runId: jobs.runId });
  // A job out of attempts keeps its last run, which must not read as still running.
  const dead = rows.filter((row) => row.state === "failed" && row.runId).map((row) => row.runId!);
  if (dead.length > 0) await db.update(runs).set({ status: "failed", finishedAt: sql`now()` }).where(and(inArray(runs.id, dead), eq(runs.status, "running")));
  return rows.length;
}

export interface ClaimInput {
  workerId: string;
  taskIds: string[];
  tiers: string[];
  leaseSeconds?: number;
  /** Whether the worker's engine keeps weights; without, interpolations and snapshot replays are left to others. */
  weights?: boolean;
}

/**
 * Claims the most urgent runnable job in one statement: SKIP LOCKED lets concurrent workers pass each
 * other's candidate row instead of queueing on it, so every job goes to exactly one worker.
 */
export async function claimJob(db: Database, input: ClaimInput): Promise<Job | null> {
  await reclaimExpiredLeases(db);
  const lease = input.leaseSeconds ?? DEFAULT_LEASE_SECONDS;
  const result = await db.execute(sql`
    with candidate as (
      select id from ${jobs}
      where state = 'queued' and run_at <= now() and cancel_requested = false
        and task_id = any(${sql.param(input.taskIds)}::text[]) and tier = any(${sql.param(input.tiers)}::text[])
        and (${input.weights === true} or (kind <> 'interpolate' and coalesce((options ->> 'snapshots')::boolean, false) = false))
      order by priority desc, run_at, created_at
      limit 1
      for update skip locked
    )
    update ${jobs} j
    set state = 'running', attempts = j.attempts + 1, attempt_id = gen_random_uuid(),
        lease_holder = ${input.workerId}::uuid, lease_expires_at = now() + make_interval(secs => ${lease}),
        progress = null, updated_at = now()
    from candidate
    where j.id = candidate.id
    returning j.id`);
  const id = (result as unknown as { rows: { id: string }[] }).rows[0]?.id;
  return id ? getJob(db, id) : null;
}

export async function getJob(db: Database, id: string): Promise<Job | null> {
  if (!isUuid(id)) return null;
  const [row] = await db.select().from(jobs).where(eq(jobs.id, id)).limit(1);
  return row ?? null;
}

/**
 * What a worker write must carry to touch a job: the attempt (fencing out an attempt whose lease was
 * lost) and the worker that claimed it (another worker's token that learnt the attempt id is no holder).
 */
export interface Lease {
  attemptId: string;
  workerId: string;
}

/** The lease a claimed job is held under. */
export const leaseOf = (job: Job): Lease => ({ attemptId: job.attemptId!, workerId: job.leaseHolder! });

const holds = (id: string, lease: Lease) =>
  and(eq(jobs.id, id), eq(jobs.attemptId, lease.attemptId), eq(jobs.leaseHolder, lease.workerId), eq(jobs.state, "running"));

/** Points the job at the run of its current attempt, dropping the run of an abandoned earlier attempt. */
export async function attachRun(db: Database, id: string, lease: Lease, runId: string): Promise<boolean> {
  const [previous] = await db.select({ runId: jobs.runId }).from(jobs).where(eq(jobs.id, id));
  const rows = await db.update(jobs).set({ runId }).where(holds(id, lease)).returning({ id: jobs.id });
  if (rows.length > 0 && previous?.runId && previous.runId !== runId) await db.delete(runs).where(eq(runs.id, previous.runId));
  return rows.length > 0;
}

/** Renews the lease; null when the attempt no longer holds the job (the caller must stop). */
export async function heartbeat(
  db: Database,
  id: string,
  lease: Lease,
  progress: Record<string, unknown> | null,
  leaseSeconds = DEFAULT_LEASE_SECONDS,
): Promise<{ cancel: boolean; leaseExpiresAt: Date } | null> {
  const [row] = await db
    .update(jobs)
    .set({
      leaseExpiresAt: sql`now() + make_interval(secs => ${leaseSeconds})`,
      ...(progress ? { progress } : {}),
      updatedAt: sql`now()`,
    })
    .where(holds(id, lease))
    .returning({ cancel: jobs.cancelRequested, leaseExpiresAt: jobs.leaseExpiresAt });
  if (!row) return null;
  if (row.cancel) {
    await db.update(jobs).set({ state: "cancelled", leaseHolder: null, leaseExpiresAt: null, attemptId: null, updatedAt: sql`now()` }).where(holds(id, lease));
  }
  return { cancel: row.cancel, leaseExpiresAt: row.leaseExpiresAt! };
}

/**
 * The fence every worker write passes: inside the caller's transaction, the job row is share-locked
 * while this attempt holds it, so a reclaim cannot slip in between the check and the write.
 */
export async function lockHeldJob(tx: Database, id: string, lease: Lease): Promise<Job | null> {
  const [row] = await tx.select().from(jobs).where(holds(id, lease)).limit(1).for("share");
  return row ?? null;
}

/** The job if this lease holds it now, unlocked: a check before work that is fenced again when stored. */
export async function findHeldJob(db: Database, id: string, lease: Lease): Promise<Job | null> {
  const [row] = await db.select().from(jobs).where(holds(id, lease)).limit(1);
  return row ?? null;
}

export async function completeJob(db: Database, id: string, lease: Lease): Promise<boolean> {
  const rows = await db
    .update(jobs)
    .set({ state: "succeeded", leaseHolder: null, leaseExpiresAt: null, lastError: null, updatedAt: sql`now()` })
    .where(holds(id, lease))
    .returning({ id: jobs.id });
  return rows.length > 0;
}

/** A failed attempt: back to the queue after backoff, or failed for good when no attempt is left. */
export async function failJob(db: Database, id: string, lease: Lease, error: string, retryable = true): Promise<Job | null> {
  const [row] = await db
    .update(jobs)
    .set({
      state: retryable
        ? sql`(case when ${jobs.attempts} >= ${jobs.maxAttempts} then 'failed' else 'queued' end)::job_state`
        : sql`'failed'::job_state`,
      runAt: sql`now() + ${backoff}`,
      lastError: error.slice(0, 2000),
      leaseHolder: null,
      leaseExpiresAt: null,
      attemptId: null,
      updatedAt: sql`now()`,
    })
    .where(holds(id, lease))
    .returning();
  return row ?? null;
}

/** Cancel from the UI: a queued job stops at once, a running one at its worker's next heartbeat. */
export async function requestCancel(db: Database, id: string): Promise<Job | null> {
  const [row] = await db
    .update(jobs)
    .set({
      cancelRequested: true,
      state: sql`(case when ${jobs.state} = 'queued' then 'cancelled' else ${jobs.state} end)::job_state`,
      updatedAt: sql`now()`,
    })
    .where(and(eq(jobs.id, id), inArray(jobs.state, ["queued", "running"])))
    .returning();
  return row ?? null;
}

/** Jobs the audience may see; naming a schedule or ids is reading by link, so unlisted schedules' jobs show. */
/**
 * Stops a schedule's unfinished replays, as cancel does one job's. A job outliving its schedule would
 * still replay it, into a run that no longer knows how hidden the schedule was.
 */
export async function cancelJobsOfSchedule(db: Database, scheduleId: string): Promise<void> {
  await db
    .update(jobs)
    .set({
      cancelRequested: true,
      state: sql`(case when ${jobs.state} = 'queued' then 'cancelled' else ${jobs.state} end)::job_state`,
      updatedAt: sql`now()`,
    })
    .where(and(eq(jobs.scheduleId, scheduleId), inArray(jobs.state, ["queued", "running"])));
}

export async function listJobs(db: Database, audience: Audience, filters: { scheduleId?: string; ids?: string[] } = {}, limit = 100): Promise<Job[]> {
  const conditions = [jobsVisibleTo(audience, filters.scheduleId || filters.ids?.length ? "read" : "list")];
  if (filters.scheduleId) conditions.push(eq(jobs.scheduleId, filters.scheduleId));
  if (filters.ids?.length) conditions.push(inArray(jobs.id, filters.ids));
  return db
    .select()
    .from(jobs)
    .where(and(...conditions))
    .orderBy(desc(jobs.createdAt))
    .limit(limit);
}
