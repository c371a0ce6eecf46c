/**
 * Replays run end to end by the real worker, in-process: a seeded database, one registered worker and
 * tiny Fashion-MNIST-shaped data, with the worker's requests handed to the real route handlers. For
 * suites that check what a replay ends as on each engine, not how the queue hands it out.
 */
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, expect, vi } from "vitest";
import { setDbForTesting, type DbHandle } from "@/db";
import { getJob, submitJobs } from "@/db/queries/jobs";
import { getRun, listRunEvents, readSeries } from "@/db/queries/runs";
import { createUser } from "@/db/queries/users";
import { registerWorker } from "@/db/queries/workers";
import { seedDb } from "@/db/seed";
import { parseDefinition, type ScheduleDefinition } from "@/lib/schedules";
import { createTfjsEngine } from "@/workers/engines/tfjs";
import { createTorchEngine } from "@/workers/engines/torch";
import type { Engine } from "@/workers/engines/types";
import { runWorker } from "@/workers/worker";
import { routeFetch } from "./route-fetch";
import { writeTinyFashionMnist } from "./tiny-idx";

/** Both real engines, on the CPU so the suites run on any machine. */
export const CPU_ENGINES: { name: string; create: () => Engine }[] = [
  { name: "tfjs", create: () => createTfjsEngine({ backend: "cpu" }) },
  { name: "torch", create: () => createTorchEngine({ device: "cpu" }) },
];

/** A definition the tests know to be valid; a typo in one fails loudly instead of replaying something else. */
export function definition(input: unknown): ScheduleDefinition {
  const parsed = parseDefinition(input);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.definition;
}

export interface WorkerReplays {
  /** The suite's database, once its beforeAll has run. */
  readonly handle: DbHandle;
  /** What the worker logged during the current test. */
  readonly logs: string[];
  /** Submits one fashion-mnist smoke job (a new seed each time), lets one worker run it, and returns the job and its run. */
  replay(def: ScheduleDefinition, engine: () => Engine, scheduleId?: string | null): ReturnType<typeof readReplay>;
}

async function readReplay(db: DbHandle["db"], jobId: string) {
  const job = (await getJob(db, jobId))!;
  const run = (await getRun(db, job.runId!))!;
  return { job, run, series: await readSeries(db, run.id), events: await listRunEvents(db, run.id) };
}

/**
 * Registers the suite's hooks, so call it directly inside a describe. `label` keeps the suite's temporary
 * folder, admin and worker apart from other suites' in logs and listings.
 */
export function useWorkerReplays(open: () => Promise<DbHandle>, label: string): WorkerReplays {
  let handle: DbHandle;
  let token: string;
  let dataDir: string;
  let seed = 0;
  const logs: string[] = [];

  beforeAll(async () => {
    // Every worker request comes from the one test "IP"; the limit is not what these suites test.
    process.env.LRBENCH_RATE_LIMIT_IP_PER_MIN = "1000000";
    dataDir = await mkdtemp(path.join(os.tmpdir(), `lrbench-${label}-`));
    await writeTinyFashionMnist(path.join(dataDir, "fashion-mnist"), 300, 100);
    handle = await open();
    setDbForTesting(handle);
    await seedDb(handle.db);
    const admin = await createUser(handle.db, { email: `${label}@example.org`, role: "admin" });
    token = (await registerWorker(handle.db, { name: `${label}-worker`, ownerId: admin.id })).secret;
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    logs.length = 0;
  });
  afterAll(async () => {
    await handle?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  return {
    get handle() {
      return handle;
    },
    logs,
    async replay(def, engine, scheduleId = null) {
      vi.stubGlobal("fetch", routeFetch());
      const [job] = await submitJobs(handle.db, { scheduleId, definition: def, taskId: "fashion-mnist", tier: "smoke", seeds: [seed++], submittedBy: null });
      expect(await runWorker({ server: "http://lrbench.test", token, createEngine: engine, maxJobs: 1, pollSeconds: 0, dataDir, log: (m) => logs.push(m) })).toBe(1);
      return readReplay(handle.db, job.id);
    },
  };
}
