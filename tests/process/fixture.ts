/**
 * What both process-level tests stand on: a fresh PostgreSQL database, seeded, with an admin, worker
 * tokens and a queued ps10-noise smoke job, and a way to read the job and its run's series back.
 */
import { eq, sql } from "drizzle-orm";
import { expect } from "vitest";
import type { DbHandle } from "@/db";
import { getJob, submitJobs } from "@/db/queries/jobs";
import { readSeries } from "@/db/queries/runs";
import { createUser } from "@/db/queries/users";
import { registerWorker } from "@/db/queries/workers";
import { metricChunks, runBatches } from "@/db/schema";
import { seedDb } from "@/db/seed";
import { findTask } from "@/lib/tasks/catalog";
import { parseDefinition } from "@/lib/schedules";
import { findPython } from "@/workers/engines/torch/python-runtime";
import { openFreshPostgres } from "../helpers/databases";
import { waitFor, type Child } from "../helpers/processes";

type Job = NonNullable<Awaited<ReturnType<typeof getJob>>>;

export const hasPostgres = Boolean(process.env.TEST_DATABASE_URL);

/** ps10-noise smoke: 30 epochs of 5,000 samples through the Fourier-feature MLP, about half a minute on one idle CPU core with the torch engine (minutes on a loaded one). */
export const EPOCHS = findTask("ps10-noise")!.tiers.find((t) => t.tier === "smoke")!.epochs;

export interface Fixture {
  handle: DbHandle & { url: string };
  python: string;
  workerToken(name: string): Promise<string>;
  submit(seed: number): Promise<string>;
  job(id: string): ReturnType<typeof getJob>;
  /** Epochs of `train_loss` the server has stored for a run. */
  storedEpochs(runId: string): Promise<number>;
  series(runId: string): ReturnType<typeof readSeries>;
  /** Rows of a run's metric chunks and batches, whether or not the run row is still there. */
  leftovers(runId: string): Promise<number>;
  /**
   * Waits until the job's current run has at least `epochs` epochs stored (and `also` holds of the job);
   * on a timeout the error carries `worker`'s output.
   */
  untilStored(jobId: string, epochs: number, worker: Child, what: string, options?: { also?: (job: Job) => boolean; timeoutMs?: number }): Promise<Job>;
  /** Waits until the job has succeeded; a job that failed or was cancelled ends the wait at once. */
  untilSucceeded(jobId: string, worker: Child, what: string, timeoutMs?: number): Promise<Job>;
}

/** A waiting error with the output of the process it was waiting on. */
const withOutput = (worker: Child) => (error: Error) => {
  throw new Error(`${error.message}\nworker output:\n${worker.output()}`);
};

export async function openFixture(): Promise<Fixture> {
  const python = findPython();
  const handle = await openFreshPostgres(process.env.TEST_DATABASE_URL!);
  await seedDb(handle.db);
  const admin = await createUser(handle.db, { email: "process-tests@example.org", role: "admin" });
  const parsed = parseDefinition({ kind: "multiStep", lr: 0.1, milestones: [15, 25], gamma: 0.1 });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  const definition = parsed.definition;
  const storedEpochs = async (runId: string) => (await readSeries(handle.db, runId, { names: ["train_loss"] })).train_loss?.length ?? 0;
  return {
    handle,
    python,
    workerToken: async (name) => (await registerWorker(handle.db, { name, ownerId: admin.id })).secret,
    submit: async (seed) =>
      (await submitJobs(handle.db, { scheduleId: null, definition, taskId: "ps10-noise", tier: "smoke", seeds: [seed], submittedBy: admin.id }))[0].id,
    job: (id) => getJob(handle.db, id),
    storedEpochs,
    series: (runId) => readSeries(handle.db, runId),
    leftovers: async (runId) => {
      const [chunks] = await handle.db.select({ n: sql<number>`count(*)::int` }).from(metricChunks).where(eq(metricChunks.runId, runId));
      const [batches] = await handle.db.select({ n: sql<number>`count(*)::int` }).from(runBatches).where(eq(runBatches.runId, runId));
      return chunks.n + batches.n;
    },
    untilStored: (jobId, epochs, worker, what, options = {}) =>
      waitFor(
        what,
        async () => {
          const job = await getJob(handle.db, jobId);
          if (!job?.runId || (options.also && !options.also(job))) return undefined;
          return (await storedEpochs(job.runId)) >= epochs ? job : undefined;
        },
        options.timeoutMs ?? 240_000,
        50,
      ).catch(withOutput(worker)),
    untilSucceeded: (jobId, worker, what, timeoutMs = 240_000) =>
      waitFor(
        what,
        async () => {
          const job = await getJob(handle.db, jobId);
          if (job?.state === "failed" || job?.state === "cancelled") throw new Error(`the job ended ${job.state}: ${job.lastError}`);
          return job?.state === "succeeded" ? job : undefined;
        },
        timeoutMs,
        200,
      ).catch(withOutput(worker)),
  };
}

/** Every series of a finished replay: exactly one point per epoch, epochs 0..EPOCHS-1 in order. */
export function expectOnePointPerEpoch(series: Record<string, [number, number][]>) {
  const epochs = Array.from({ length: EPOCHS }, (_, i) => i);
  expect(Object.keys(series)).toEqual(expect.arrayContaining(["lr", "train_loss", "test_acc", "wall_time"]));
  for (const [name, points] of Object.entries(series)) expect(points.map(([x]) => x), `series ${name}`).toEqual(epochs);
}
