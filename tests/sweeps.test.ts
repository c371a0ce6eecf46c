/**
 * Sweeps (issue 13, 4): one schedule replayed at several values of one field. The API creates a
 * schedule per value and a job per seed, or nothing at all; visibility follows the sweep; and a value
 * that blows the run up ends `diverged`, never retried, on both engines, and the sweep says so.
 */
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { count, eq, inArray } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";

vi.mock("next/headers", () => ({ cookies: async () => ({ get: () => undefined }) }));
vi.mock("node:timers/promises", () => ({ setTimeout: async () => undefined }));

import * as sweepsRoute from "@/app/api/v1/sweeps/route";
import * as sweepRoute from "@/app/api/v1/sweeps/[id]/route";
import { setDbForTesting, type DbHandle } from "@/db";
import { createSchedule } from "@/db/queries/schedules";
import { listSweeps } from "@/db/queries/sweeps";
import { createApiToken } from "@/db/queries/tokens";
import { createUser } from "@/db/queries/users";
import { registerWorker } from "@/db/queries/workers";
import { jobs, schedules, sweeps } from "@/db/schema";
import { prepareEmbeddedReplays, queueArticleSweep } from "@/db/embedded";
import { seedDb } from "@/db/seed";
import { EVERYONE } from "@/lib/auth/policy";
import type { SweepValueResult } from "@/lib/sweeps/results";
import { createTfjsEngine } from "@/workers/engines/tfjs";
import { createTorchEngine } from "@/workers/engines/torch";
import type { Engine } from "@/workers/engines/types";
import { runWorker } from "@/workers/worker";
import { testDatabases } from "./helpers/databases";
import { routeFetch } from "./helpers/route-fetch";
import { writeTinyFashionMnist } from "./helpers/tiny-idx";

const BASE = "http://lrbench.test";
const ENGINES: { name: string; create: () => Engine }[] = [
  { name: "tfjs", create: () => createTfjsEngine({ backend: "cpu" }) },
  { name: "torch", create: () => createTorchEngine({ device: "cpu" }) },
];

describe.each(testDatabases)("sweeps on $name", ({ open }) => {
  let handle: DbHandle;
  let researcher: string;
  let other: string;
  let workerToken: string;
  let dataDir: string;
  let privateScheduleId: string;

  const post = (token: string, body: unknown) =>
    sweepsRoute.POST(new Request(`${BASE}/api/v1/sweeps`, { method: "POST", headers: { authorization: `Bearer ${token}`, "content-type": "application/json" }, body: JSON.stringify(body) }));
  const get = (token: string | null, id: string) =>
    sweepRoute.GET(new Request(`${BASE}/api/v1/sweeps/${id}`, { headers: token ? { authorization: `Bearer ${token}` } : {} }), { params: Promise.resolve({ id }) });
  const body = (extra: Record<string, unknown> = {}) => ({
    definition: { kind: "constant", lr: 0.1 },
    field: "lr",
    values: [1, 0.5, 0.2, 0.1, 0.01],
    taskId: "fashion-mnist",
    tier: "smoke",
    seeds: [0, 1],
    ...extra,
  });
  const countRows = async () => ({
    sweeps: (await handle.db.select({ n: count() }).from(sweeps))[0].n,
    schedules: (await handle.db.select({ n: count() }).from(schedules))[0].n,
    jobs: (await handle.db.select({ n: count() }).from(jobs))[0].n,
  });

  beforeAll(async () => {
    process.env.LRBENCH_RATE_LIMIT_IP_PER_MIN = "1000000";
    dataDir = await mkdtemp(path.join(os.tmpdir(), "lrbench-sweeps-"));
    await writeTinyFashionMnist(path.join(dataDir, "fashion-mnist"), 300, 100);
    handle = await open();
    setDbForTesting(handle);
    await seedDb(handle.db);
    const user = await createUser(handle.db, { email: "sweeper@example.org" });
    const stranger = await createUser(handle.db, { email: "stranger@example.org" });
    const admin = await createUser(handle.db, { email: "sweep-admin@example.org", role: "admin" });
    researcher = (await createApiToken(handle.db, { userId: user.id, name: "t", scopes: ["jobs:submit", "schedules:write"] })).secret;
    other = (await createApiToken(handle.db, { userId: stranger.id, name: "t", scopes: ["jobs:submit", "schedules:write"] })).secret;
    workerToken = (await registerWorker(handle.db, { name: "sweeping-worker", ownerId: admin.id })).secret;
    privateScheduleId = (await createSchedule(handle.db, { name: "Mine", definition: { kind: "constant", lr: 0.1, unit: "epoch" } as never, visibility: "private", ownerId: user.id })).id;
  });
  afterEach(() => vi.unstubAllGlobals());
  afterAll(async () => {
    await handle?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it("creates a schedule per value, named after it, and a queued job per value and seed", async () => {
    const response = await post(researcher, body({ name: "Article" }));
    expect(response.status).toBe(201);
    const { sweep, jobs: queued } = await response.json();
    expect(sweep).toMatchObject({ name: "Article", field: "lr", values: [1, 0.5, 0.2, 0.1, 0.01], seeds: [0, 1], visibility: "public" });
    expect(queued).toHaveLength(10);
    const members = await handle.db.select().from(schedules).where(inArray(schedules.id, sweep.scheduleIds));
    const byId = new Map(members.map((m) => [m.id, m]));
    expect(sweep.scheduleIds.map((id: string) => [byId.get(id)!.name, (byId.get(id)!.definition as { lr: number }).lr])).toEqual([
      ["Article · lr=1", 1], ["Article · lr=0.5", 0.5], ["Article · lr=0.2", 0.2], ["Article · lr=0.1", 0.1], ["Article · lr=0.01", 0.01],
    ]);
    expect(new Set(queued.map((j: { scheduleId: string }) => j.scheduleId))).toEqual(new Set(sweep.scheduleIds));
    const read = await (await get(null, sweep.id)).json();
    expect(read.results.map((r: SweepValueResult) => [r.value, r.runs.length])).toEqual([[1, 0], [0.5, 0], [0.2, 0], [0.1, 0], [0.01, 0]]);
    expect(read.jobs.every((j: { state: string }) => j.state === "queued")).toBe(true);
  });

  it("answers 422 naming the value that makes the definition invalid, and stores nothing", async () => {
    const before = await countRows();
    const response = await post(researcher, body({ values: [0.1, -1] }));
    expect(response.status).toBe(422);
    expect((await response.json()).error.message).toMatch(/^values\[1\]: lr = -1 makes the definition invalid: .*lr/);
    const missing = await post(researcher, body({ field: "gamma" }));
    expect(missing.status).toBe(422);
    expect((await missing.json()).error.message).toContain("field 'gamma' is not a number in the base definition");
    expect(await countRows()).toEqual(before);
  });

  it("refuses more than the limit of values x seeds, a base given twice or not at all, and a sweep more open than its base", async () => {
    const tooMany = await post(researcher, body({ values: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], seeds: [0, 1, 2, 3] }));
    expect(tooMany.status).toBe(422);
    expect((await tooMany.json()).error.message).toContain("values x seeds may be at most 36 replays");
    const both = await post(researcher, body({ scheduleId: privateScheduleId }));
    expect((await both.json()).error.message).toContain("give exactly one of scheduleId and definition");
    const { definition: _d, ...noBase } = body();
    expect((await post(researcher, noBase)).status).toBe(422);
    const opened = await post(researcher, { ...noBase, scheduleId: privateScheduleId, visibility: "public" });
    expect(opened.status).toBe(422);
    expect((await opened.json()).error.message).toBe("visibility 'public' is more open than the base schedule's ('private').");
  });

  it("keeps a private sweep and its member schedules from everyone but its owner", async () => {
    const { definition: _d, ...noBase } = body();
    const response = await post(researcher, { ...noBase, scheduleId: privateScheduleId, visibility: "private", values: [0.3, 0.03], seeds: [0] });
    expect(response.status).toBe(201);
    const { sweep } = await response.json();
    expect((await get(researcher, sweep.id)).status).toBe(200);
    expect((await get(other, sweep.id)).status).toBe(404);
    expect((await get(null, sweep.id)).status).toBe(404);
    const members = await handle.db.select({ visibility: schedules.visibility }).from(schedules).where(inArray(schedules.id, sweep.scheduleIds));
    expect(members.map((m) => m.visibility)).toEqual(["private", "private"]);
    expect((await listSweeps(handle.db, EVERYONE)).map((s) => s.id)).not.toContain(sweep.id);
    // Someone else cannot sweep a schedule they cannot read.
    expect((await post(other, { ...noBase, scheduleId: privateScheduleId, visibility: "private" })).status).toBe(422);
  });

  it("queues the article's sweep once for the embedded default, first in line, only where the data is installed", async () => {
    const owner = (await createUser(handle.db, { email: "embedded@example.org", role: "admin" })).id;
    await queueArticleSweep(handle.db, owner, path.join(dataDir, "nowhere"));
    expect(await handle.db.select().from(sweeps).where(eq(sweeps.ownerId, owner))).toEqual([]);
    await queueArticleSweep(handle.db, owner, path.join(dataDir, "fashion-mnist"));
    await queueArticleSweep(handle.db, owner, path.join(dataDir, "fashion-mnist"));
    const [sweep, ...more] = await handle.db.select().from(sweeps).where(eq(sweeps.ownerId, owner));
    expect(more).toEqual([]);
    expect(sweep).toMatchObject({ taskId: "fashion-mnist", tier: "smoke", field: "lr", values: [1, 0.5, 0.2, 0.1, 0.01], seeds: [0, 1, 2], visibility: "public" });
    const queued = await handle.db.select().from(jobs).where(inArray(jobs.scheduleId, sweep.scheduleIds));
    expect(queued).toHaveLength(15);
    expect(queued.every((j) => j.priority === 1 && j.definition?.kind === "constant")).toBe(true);
    expect((await listSweeps(handle.db, EVERYONE, { taskId: "fashion-mnist" })).map((s) => s.id)).toContain(sweep.id);
  });

  it("queues the featured replays on a fresh embedded database beside the article's sweep, not instead of them", async () => {
    const fresh = await testDatabases[0].open();
    try {
      await seedDb(fresh.db);
      const folder = await mkdtemp(path.join(os.tmpdir(), "lrbench-embedded-"));
      await prepareEmbeddedReplays(fresh.db, folder, path.join(dataDir, "fashion-mnist"));
      const queued = await fresh.db.select({ taskId: jobs.taskId }).from(jobs);
      expect(queued.filter((j) => j.taskId === "ps10-noise")).toHaveLength(9);
      expect(queued.filter((j) => j.taskId === "fashion-mnist")).toHaveLength(15);
      // A second start queues nothing more.
      await prepareEmbeddedReplays(fresh.db, folder, path.join(dataDir, "fashion-mnist"));
      expect(await fresh.db.select({ taskId: jobs.taskId }).from(jobs)).toHaveLength(24);
      await rm(folder, { recursive: true, force: true });
    } finally {
      await fresh.close();
    }
  });

  describe.each(ENGINES)("$name engine", { timeout: 180_000 }, ({ create }) => {
    it("ends the value that blows up as diverged, never retried, beside a finite one, and the sweep reports it", async () => {
      vi.stubGlobal("fetch", routeFetch());
      const response = await post(researcher, body({ values: [1e37, 0.1], seeds: [7], name: `Blow-up ${create.name}` }));
      expect(response.status).toBe(201);
      const { sweep } = await response.json();
      // The worker takes only this sweep's two jobs: the earlier tests' queued ones are set aside.
      await handle.db.update(jobs).set({ state: "cancelled" }).where(eq(jobs.state, "queued"));
      await handle.db.update(jobs).set({ state: "queued" }).where(inArray(jobs.scheduleId, sweep.scheduleIds));
      expect(await runWorker({ server: BASE, token: workerToken, createEngine: create, maxJobs: 2, pollSeconds: 0, dataDir, log: () => undefined })).toBe(2);
      const done = await handle.db.select().from(jobs).where(inArray(jobs.scheduleId, sweep.scheduleIds));
      expect(done.map((j) => [j.state, j.attempts, j.lastError])).toEqual([["succeeded", 1, null], ["succeeded", 1, null]]);
      const { results } = await (await get(null, sweep.id)).json();
      const [high, low] = results as SweepValueResult[];
      expect(high).toMatchObject({ value: 1e37, diverged: 1, finished: 0, acc: null });
      expect(high.runs[0]).toMatchObject({ status: "diverged", divergedEpoch: 0 });
      expect(low).toMatchObject({ value: 0.1, diverged: 0, finished: 1 });
      expect(low.acc!.mean).toBeGreaterThan(0.1);
      expect(low.loss!.mean).toBeGreaterThan(0);
    });
  });
});
