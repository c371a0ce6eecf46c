/**
 * Divergence is a result (issue 13): a replay whose training loss or rate stops being finite ends
 * `diverged` at the epoch and iteration it happened, keeps its last finite points, and its job is
 * done, never retried. On both real engines, on tiny Fashion-MNIST-shaped IDX data.
 */
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";

vi.mock("next/headers", () => ({ cookies: async () => ({ get: () => undefined }) }));
vi.mock("node:timers/promises", () => ({ setTimeout: async () => undefined }));

import { setDbForTesting, type DbHandle } from "@/db";
import { getJob, submitJobs } from "@/db/queries/jobs";
import { divergedCounts } from "@/db/queries/diverged";
import { leaderboardAggregates } from "@/db/queries/leaderboard";
import { getRun, listRunEvents, readSeries } from "@/db/queries/runs";
import { createUser } from "@/db/queries/users";
import { registerWorker } from "@/db/queries/workers";
import { schedules } from "@/db/schema";
import { seedDb } from "@/db/seed";
import type { RunFacts } from "@/lib/analysis";
import { parseDefinition, type ScheduleDefinition } from "@/lib/schedules";
import { createTfjsEngine } from "@/workers/engines/tfjs";
import { createTorchEngine } from "@/workers/engines/torch";
import type { Engine } from "@/workers/engines/types";
import { runWorker } from "@/workers/worker";
import { testDatabases } from "./helpers/databases";
import { routeFetch } from "./helpers/route-fetch";
import { writeTinyFashionMnist } from "./helpers/tiny-idx";

function definition(input: unknown): ScheduleDefinition {
  const parsed = parseDefinition(input);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.definition;
}

const LISTED = "StepDecay · fashion-mnist recipe";

const ENGINES: { name: string; create: () => Engine }[] = [
  { name: "tfjs", create: () => createTfjsEngine({ backend: "cpu" }) },
  { name: "torch", create: () => createTorchEngine({ device: "cpu" }) },
];

describe.each(testDatabases)("divergence on $name", ({ open }) => {
  let handle: DbHandle;
  let token: string;
  let dataDir: string;
  let seed = 0;
  const logs: string[] = [];
  /** A seeded public schedule, so its runs are listed for everyone. */
  const listedSchedule = async () => (await handle.db.select({ id: schedules.id }).from(schedules).where(eq(schedules.name, LISTED)))[0].id;

  /** Submits one fashion-mnist smoke job, lets one worker run it, and returns the job and its run. */
  async function replay(def: ScheduleDefinition, engine: () => Engine, scheduleId: string | null = null) {
    vi.stubGlobal("fetch", routeFetch());
    const [job] = await submitJobs(handle.db, { scheduleId, definition: def, taskId: "fashion-mnist", tier: "smoke", seeds: [seed++], submittedBy: null });
    expect(await runWorker({ server: "http://lrbench.test", token, createEngine: engine, maxJobs: 1, pollSeconds: 0, dataDir, log: (m) => logs.push(m) })).toBe(1);
    const done = (await getJob(handle.db, job.id))!;
    const run = (await getRun(handle.db, done.runId!))!;
    return { job: done, run, series: await readSeries(handle.db, run.id), facts: run.summary as RunFacts };
  }

  beforeAll(async () => {
    process.env.LRBENCH_RATE_LIMIT_IP_PER_MIN = "1000000";
    dataDir = await mkdtemp(path.join(os.tmpdir(), "lrbench-divergence-"));
    await writeTinyFashionMnist(path.join(dataDir, "fashion-mnist"), 300, 100);
    handle = await open();
    setDbForTesting(handle);
    await seedDb(handle.db);
    const admin = await createUser(handle.db, { email: "diverge@example.org", role: "admin" });
    token = (await registerWorker(handle.db, { name: "diverging-worker", ownerId: admin.id })).secret;
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    logs.length = 0;
  });
  afterAll(async () => {
    await handle?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  describe.each(ENGINES)("$name engine", { timeout: 120_000 }, ({ create }) => {
    it("ends a run whose loss blows up as diverged at that epoch, keeps the finite epochs before it, and never retries it", async () => {
      // 0.1 for two epochs, then 0.1 x 1e38: the logits overflow float32 and the loss is no longer a number.
      const { job, run, series, facts } = await replay(definition({ kind: "multiStep", lr: 0.1, milestones: [2], gamma: 1e38 }), create);
      expect([job.state, job.attempts, job.lastError]).toEqual(["succeeded", 1, null]);
      expect(run.status).toBe("diverged");
      // Iteration 0's loss is measured before its update, on the weights of epoch 1: the first non-finite one comes after.
      expect(facts.diverged).toMatchObject({ epoch: 2, reason: expect.stringMatching(/^the training loss is (NaN|Infinity|-Infinity) \(rate 1\.000e\+37\)$/) });
      expect(facts.diverged!.iteration).toBeGreaterThanOrEqual(1);
      expect(series.train_loss.map(([x]) => x)).toEqual([0, 1]);
      expect(series.train_loss.every(([, y]) => Number.isFinite(y))).toBe(true);
      expect(series.lr.map(([, y]) => y)).toEqual([0.1, 0.1]);
      expect((await listRunEvents(handle.db, run.id)).filter((e) => e.type === "divergence").map((e) => e.data)).toContainEqual({
        epoch: 2, iteration: facts.diverged!.iteration, reason: facts.diverged!.reason, outcome: "diverged",
      });
      expect(logs.some((line) => line.includes("failed"))).toBe(false);
    });

    it("ends a run whose rate overflows float32 as diverged before that rate reaches the trainer", async () => {
      const { job, run, series, facts } = await replay(definition({ kind: "multiStep", lr: 1e-30, milestones: [1], gamma: 1e69 }), create, await listedSchedule());
      expect([job.state, job.attempts, run.status]).toEqual(["succeeded", 1, "diverged"]);
      expect(facts.diverged).toEqual({ epoch: 1, iteration: 0, reason: "the rate 1.000e+39 overflows float32" });
      expect(series.train_loss).toHaveLength(1);
    });

    it("stops mid-epoch in lockstep (an adaptive schedule stepped per iteration) at the first non-finite loss", async () => {
      const { job, run, series, facts } = await replay(definition({ kind: "plateau", unit: "iteration", lr: 1e37, patience: 1000 }), create);
      expect([job.state, job.attempts, run.status]).toEqual(["succeeded", 1, "diverged"]);
      expect(facts.diverged).toMatchObject({ epoch: 0, reason: expect.stringMatching(/^the training loss is/) });
      expect(series.train_loss ?? []).toEqual([]);
    });
  });

  it("counts diverged runs per schedule for the leaderboard, which ranks none of them", async () => {
    // The rate-overflow replays above ran under a public schedule, one per engine.
    expect(await divergedCounts(handle.db, { taskId: "fashion-mnist", tier: "smoke" })).toEqual([{ scheduleId: await listedSchedule(), scheduleName: LISTED, runs: ENGINES.length }]);
    expect(await divergedCounts(handle.db, { taskId: "fashion-mnist", tier: "smoke", engine: "torch" })).toEqual([{ scheduleId: await listedSchedule(), scheduleName: LISTED, runs: 1 }]);
    expect(await leaderboardAggregates(handle.db, { taskId: "fashion-mnist", tier: "smoke" })).toEqual([]);
  });
});
