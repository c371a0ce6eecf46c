import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";

vi.mock("next/headers", () => ({ cookies: async () => ({ get: () => undefined }) }));
// Backoff and poll waits are real seconds otherwise.
vi.mock("node:timers/promises", () => ({ setTimeout: async () => undefined }));

import { setDbForTesting, type DbHandle } from "@/db";
import { getJob, requestCancel, submitJobs } from "@/db/queries/jobs";
import { getRun, readSeries } from "@/db/queries/runs";
import { createUser } from "@/db/queries/users";
import { registerWorker } from "@/db/queries/workers";
import { jobs } from "@/db/schema";
import { seedDb } from "@/db/seed";
import { parseDefinition, sampleSchedule, type ScheduleDefinition } from "@/lib/schedules";
import type { Engine } from "@/workers/engines/types";
import { runWorker } from "@/workers/worker";
import { testDatabases } from "./helpers/databases";
import { routeFetch } from "./helpers/route-fetch";

const EPOCHS = 8;
const ITERS = 4;

/** A stand-in engine: loss falls faster at a larger rate; it records every rate it was given. */
class FakeEngine implements Engine {
  lrs: number[] = [];
  private loss = 2;
  private epoch = 0;
  constructor(private readonly onEpoch?: (epoch: number) => Promise<void> | void) {}
  async info() {
    return { engine: "tfjs" as const, backend: "fake", device: "test", precision: "fp32" as const, versions: { fake: "1" } };
  }
  async setup() {
    return { epochs: EPOCHS, itersPerEpoch: ITERS, trainSamples: 512 };
  }
  async trainEpoch(lrAt: (i: number) => number, onLoss?: (i: number, loss: number) => void) {
    const losses = [];
    for (let i = 0; i < ITERS; i++) {
      const lr = lrAt(i);
      this.lrs.push(lr);
      this.loss = Math.max(0.1, this.loss * (1 - lr));
      losses.push(this.loss);
      onLoss?.(i, this.loss);
    }
    await this.onEpoch?.(this.epoch++);
    return { losses, samples: 512, seconds: 0.01 };
  }
  async evaluate() {
    return { test_acc: Math.min(0.99, 1 - this.loss / 2.2), test_acc_simple: 0.9, test_acc_complex: null };
  }
  async close() {}
}

function definition(input: unknown): ScheduleDefinition {
  const parsed = parseDefinition(input);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.definition;
}

describe.each(testDatabases)("worker on $name", ({ open }) => {
  let handle: DbHandle;
  let token: string;
  const logs: string[] = [];
  const submit = async (def: ScheduleDefinition, seed = 0) =>
    (await submitJobs(handle.db, { scheduleId: null, definition: def, taskId: "ps10-noise", tier: "smoke", seeds: [seed], submittedBy: null }))[0];
  const work = (engine: () => Engine, maxJobs = 1) =>
    runWorker({ server: "http://lrbench.test", token, createEngine: engine, maxJobs, pollSeconds: 0, log: (m) => logs.push(m) });

  beforeAll(async () => {
    process.env.LRBENCH_RATE_LIMIT_IP_PER_MIN = "1000000";
    handle = await open();
    setDbForTesting(handle);
    await seedDb(handle.db);
    const admin = await createUser(handle.db, { email: "workers@example.org", role: "admin" });
    token = (await registerWorker(handle.db, { name: "test-worker", ownerId: admin.id })).secret;
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    logs.length = 0;
  });
  afterAll(async () => handle?.close());

  it("trains with exactly the schedule's rates and reports every epoch", async () => {
    vi.stubGlobal("fetch", routeFetch());
    const def = definition({ kind: "multiStep", lr: 0.2, milestones: [3, 6], gamma: 0.1 });
    const job = await submit(def);
    const engine = new FakeEngine();
    expect(await work(() => engine)).toBe(1);
    // Epoch-unit: one rate per epoch, held for all its iterations.
    const expected = sampleSchedule(def, { steps: EPOCHS }).lr;
    expect(engine.lrs).toEqual(expected.flatMap((lr) => Array(ITERS).fill(lr)));
    const done = (await getJob(handle.db, job.id))!;
    expect(done.state).toBe("succeeded");
    const run = (await getRun(handle.db, done.runId!))!;
    expect(run).toMatchObject({ source: "replayed", status: "finished", engine: "tfjs", backend: "fake", seed: 0 });
    const series = await readSeries(handle.db, run.id);
    expect(series.lr.map(([, v]) => v)).toEqual(expected);
    expect(series.train_loss).toHaveLength(EPOCHS);
    expect(series.test_acc).toHaveLength(EPOCHS);
    expect((run.summary as { decays: { x: number }[] }).decays.map((d) => d.x)).toEqual([3, 6]);
  });

  it("resolves a budget-relative schedule for the tier's epochs before the first step and stores both definitions", async () => {
    vi.stubGlobal("fetch", routeFetch());
    const def = definition({ kind: "multiStep", lr: 0.2, milestones: ["50%", "75%"], gamma: 0.1 });
    const job = await submit(def, 10);
    const engine = new FakeEngine();
    await work(() => engine);
    // EPOCHS = 8: 50% and 75% of 8 epochs are epochs 4 and 6.
    const expected = sampleSchedule(definition({ kind: "multiStep", lr: 0.2, milestones: [4, 6], gamma: 0.1 }), { steps: EPOCHS }).lr;
    expect(engine.lrs).toEqual(expected.flatMap((lr) => Array(ITERS).fill(lr)));
    const done = (await getJob(handle.db, job.id))!;
    expect(done.state).toBe("succeeded");
    const run = (await getRun(handle.db, done.runId!))!;
    expect(run.scheduleDefinition).toMatchObject({ milestones: ["50%", "75%"] });
    expect(run.resolvedDefinition).toMatchObject({ kind: "multiStep", milestones: [4, 6] });
    expect((run.summary as { decays: { x: number }[] }).decays.map((d) => d.x)).toEqual([4, 6]);
  });

  it("resolves an iteration-unit schedule against epochs x the engine's iterations per epoch", async () => {
    vi.stubGlobal("fetch", routeFetch());
    const job = await submit(definition({ kind: "step", unit: "iteration", lr: 0.2, stepSize: "25%", gamma: 0.5 }), 11);
    const engine = new FakeEngine();
    await work(() => engine);
    const run = (await getRun(handle.db, (await getJob(handle.db, job.id))!.runId!))!;
    // 25% of 8 epochs x 4 iterations = 8 iterations, two epochs.
    expect(run.resolvedDefinition).toMatchObject({ stepSize: 8 });
    expect(engine.lrs.slice(6, 10)).toEqual([0.2, 0.2, 0.1, 0.1]);
  });

  it("fails a schedule that cannot resolve for the budget for good, naming the field and the budget", async () => {
    vi.stubGlobal("fetch", routeFetch());
    // 50% and 55% of 8 epochs both round to epoch 4.
    const job = await submit(definition({ kind: "multiStep", lr: 0.2, milestones: ["50%", "55%"], gamma: 0.1 }), 12);
    const engine = new FakeEngine();
    await work(() => engine);
    const after = (await getJob(handle.db, job.id))!;
    expect(after).toMatchObject({ state: "failed", attempts: 1 });
    expect(after.lastError).toMatch(/milestones\[1\] must be greater than milestones\[0\].*8 epochs/);
    expect(engine.lrs).toEqual([]);
    const run = (await getRun(handle.db, after.runId!))!;
    expect(run).toMatchObject({ status: "failed", resolvedDefinition: null });
  });

  it("feeds an adaptive schedule the training loss and stops when AutoDecay terminates", async () => {
    vi.stubGlobal("fetch", routeFetch());
    const def = definition({ kind: "autoDecay", lr: 0.9, window: 2, tolerance: 0.5, drop: 0.95 });
    const job = await submit(def, 1);
    await work(() => new FakeEngine());
    const done = (await getJob(handle.db, job.id))!;
    const run = (await getRun(handle.db, done.runId!))!;
    const summary = run.summary as { terminated: { x: number } | null; decays: unknown[] };
    expect(summary.terminated).not.toBeNull();
    expect((await readSeries(handle.db, run.id)).train_loss.length).toBeLessThan(EPOCHS);
  });

  it("rides out a server that is down and loses or duplicates no metric", async () => {
    // The first two attempts at every metrics batch are lost: once before the server sees it, once after.
    vi.stubGlobal("fetch", routeFetch((path, attempt) => (path.endsWith("/points") ? (attempt === 1 ? "network" : attempt === 2 ? 503 : null) : null)));
    const def = definition({ kind: "constant", lr: 0.1 });
    const job = await submit(def, 2);
    await work(() => new FakeEngine());
    const done = (await getJob(handle.db, job.id))!;
    expect(done.state).toBe("succeeded");
    const series = await readSeries(handle.db, done.runId!);
    for (const name of ["lr", "train_loss", "test_acc", "wall_time"]) {
      expect(series[name].map(([x]) => x)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    }
    expect(logs.some((l) => /retrying/.test(l))).toBe(true);
  });

  it("stops a job cancelled from the UI at its next heartbeat", async () => {
    vi.stubGlobal("fetch", routeFetch());
    const job = await submit(definition({ kind: "constant", lr: 0.1 }), 3);
    await work(() => new FakeEngine(async (epoch) => void (epoch === 2 && (await requestCancel(handle.db, job.id)))));
    expect((await getJob(handle.db, job.id))?.state).toBe("cancelled");
    expect(logs.some((l) => /cancelled/.test(l))).toBe(true);
  });

  it("abandons a job whose lease another attempt took, writing nothing more into its run", async () => {
    vi.stubGlobal("fetch", routeFetch());
    const job = await submit(definition({ kind: "constant", lr: 0.1 }), 4);
    const stolen = async (epoch: number) => {
      if (epoch === 1) await handle.db.update(jobs).set({ attemptId: "00000000-0000-4000-8000-000000000000" }).where(eq(jobs.id, job.id));
    };
    await work(() => new FakeEngine(stolen));
    const after = (await getJob(handle.db, job.id))!;
    expect(after.state).toBe("running");
    const series = await readSeries(handle.db, after.runId!);
    expect(series.train_loss?.length ?? 0).toBeLessThanOrEqual(1);
    expect(logs.some((l) => /lease lost/.test(l))).toBe(true);
  });

  it("sends its job back to the queue when it fails", async () => {
    vi.stubGlobal("fetch", routeFetch());
    const job = await submit(definition({ kind: "constant", lr: 0.1 }), 5);
    await work(() => new FakeEngine(() => {
      throw new Error("CUDA out of memory");
    }));
    const after = (await getJob(handle.db, job.id))!;
    expect(after).toMatchObject({ state: "queued", lastError: "CUDA out of memory", attempts: 1 });
    expect((await getRun(handle.db, after.runId!))?.status).toBe("failed");
  });
});
