/**
 * The range test as its own job shape (issue 13): exactly `steps` iterations, one (lr, loss) point per
 * iteration on the step axis, stopped early by the 4x rule or a divergence; never a crash or a retry.
 * On both real engines, on tiny Fashion-MNIST-shaped IDX data (3 iterations per epoch).
 */
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";

vi.mock("next/headers", () => ({ cookies: async () => ({ get: () => undefined }) }));
vi.mock("node:timers/promises", () => ({ setTimeout: async () => undefined }));

import { setDbForTesting, type DbHandle } from "@/db";
import { getJob, submitJobs } from "@/db/queries/jobs";
import { getRun, listRunEvents, readSeries } from "@/db/queries/runs";
import { createUser } from "@/db/queries/users";
import { registerWorker } from "@/db/queries/workers";
import { seedDb } from "@/db/seed";
import { parseDefinition, sampleSchedule, type ScheduleDefinition } from "@/lib/schedules";
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

const ENGINES: { name: string; create: () => Engine }[] = [
  { name: "tfjs", create: () => createTfjsEngine({ backend: "cpu" }) },
  { name: "torch", create: () => createTorchEngine({ device: "cpu" }) },
];

describe.each(testDatabases)("range tests on $name", ({ open }) => {
  let handle: DbHandle;
  let token: string;
  let dataDir: string;
  let seed = 0;

  async function replay(def: ScheduleDefinition, engine: () => Engine) {
    vi.stubGlobal("fetch", routeFetch());
    const [job] = await submitJobs(handle.db, { scheduleId: null, definition: def, taskId: "fashion-mnist", tier: "smoke", seeds: [seed++], submittedBy: null });
    expect(await runWorker({ server: "http://lrbench.test", token, createEngine: engine, maxJobs: 1, pollSeconds: 0, dataDir, log: () => undefined })).toBe(1);
    const done = (await getJob(handle.db, job.id))!;
    const run = (await getRun(handle.db, done.runId!))!;
    return { job: done, run, series: await readSeries(handle.db, run.id), events: await listRunEvents(handle.db, run.id) };
  }

  beforeAll(async () => {
    process.env.LRBENCH_RATE_LIMIT_IP_PER_MIN = "1000000";
    dataDir = await mkdtemp(path.join(os.tmpdir(), "lrbench-range-test-"));
    await writeTinyFashionMnist(path.join(dataDir, "fashion-mnist"), 300, 100);
    handle = await open();
    setDbForTesting(handle);
    await seedDb(handle.db);
    const admin = await createUser(handle.db, { email: "range@example.org", role: "admin" });
    token = (await registerWorker(handle.db, { name: "range-worker", ownerId: admin.id })).secret;
  });
  afterEach(() => vi.unstubAllGlobals());
  afterAll(async () => {
    await handle?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  describe.each(ENGINES)("$name engine", { timeout: 120_000 }, ({ create }) => {
    it("runs exactly `steps` iterations across epoch boundaries, one (lr, loss) point per iteration on the step axis", async () => {
      const def = definition({ kind: "rangeTest", unit: "iteration", minLr: 1e-4, maxLr: 0.1, steps: 10 });
      const { job, run, series, events } = await replay(def, create);
      expect([job.state, job.attempts, run.status, run.xAxis]).toEqual(["succeeded", 1, "finished", "step"]);
      expect(series.train_loss.map(([x]) => x)).toEqual([...Array(10).keys()]);
      expect(series.lr.map(([, lr]) => lr)).toEqual(sampleSchedule(def, { steps: 10 }).lr.map((lr) => expect.closeTo(lr, 12)));
      expect(series.train_loss_smoothed).toHaveLength(10);
      expect(events.filter((e) => e.type === "divergence")).toEqual([]);
    });

    it("stops early, never crashing or retrying, once the loss blows up", async () => {
      const { job, run, series, events } = await replay(definition({ kind: "rangeTest", unit: "iteration", minLr: 1e-3, maxLr: 1e36, steps: 200 }), create);
      expect([job.state, job.attempts]).toEqual(["succeeded", 1]);
      expect(series.train_loss.length).toBeLessThan(200);
      expect(series.train_loss.every(([, loss]) => Number.isFinite(loss))).toBe(true);
      // Whichever comes first: the 4x rule (the run finishes, its schedule's terminate event says why) or a non-finite loss.
      if (run.status === "finished") expect((run.summary as { terminated: { reason: string } }).terminated.reason).toMatch(/passed 4x its best/);
      else expect([run.status, events.some((e) => e.type === "divergence")]).toEqual(["diverged", true]);
    });
  });
});
