/**
 * Weight interpolation (issue 13, 5), torch engine: a replay asked to keep snapshots stores its weights
 * at each stage end; an interpolation between two of them scores 21 alphas, and alpha 1 and 0 are the
 * two snapshots themselves, so their test accuracies are the run's own at those epochs.
 */
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";

vi.mock("next/headers", () => ({ cookies: async () => ({ get: () => undefined }) }));
vi.mock("node:timers/promises", () => ({ setTimeout: async () => undefined }));

import * as interpolateRoute from "@/app/api/v1/runs/[id]/interpolate/route";
import { latestInterpolation } from "@/app/_lib/operations/interpolation";
import { claimAs, submitJobsAs } from "@/app/_lib/operations/jobs";
import { resolveActor } from "@/app/_lib/auth/actor";
import { setDbForTesting, type DbHandle } from "@/db";
import { listArtifacts } from "@/db/queries/artifacts";
import { getJob } from "@/db/queries/jobs";
import { getRun, readSeries } from "@/db/queries/runs";
import { createSchedule } from "@/db/queries/schedules";
import { createApiToken } from "@/db/queries/tokens";
import { createUser } from "@/db/queries/users";
import { registerWorker } from "@/db/queries/workers";
import { seedDb } from "@/db/seed";
import { INTERPOLATION_ALPHAS } from "@/lib/analysis/interpolation";
import { parseDefinition, type ScheduleDefinition } from "@/lib/schedules";
import { createTorchEngine } from "@/workers/engines/torch";
import { runWorker } from "@/workers/worker";
import { testDatabases } from "./helpers/databases";
import { routeFetch } from "./helpers/route-fetch";
import { writeTinyFashionMnist } from "./helpers/tiny-idx";

const BASE = "http://lrbench.test";

describe.each(testDatabases)("weight interpolation on $name", { timeout: 180_000 }, ({ open }) => {
  let handle: DbHandle;
  let dataDir: string;
  let workerToken: string;
  let ownerToken: string;
  let ownerId: string;

  beforeAll(async () => {
    process.env.LRBENCH_RATE_LIMIT_IP_PER_MIN = "1000000";
    dataDir = await mkdtemp(path.join(os.tmpdir(), "lrbench-interpolation-"));
    await writeTinyFashionMnist(path.join(dataDir, "fashion-mnist"), 300, 100);
    handle = await open();
    setDbForTesting(handle);
    await seedDb(handle.db);
    const admin = await createUser(handle.db, { email: "interp-admin@example.org", role: "admin" });
    const owner = await createUser(handle.db, { email: "interp@example.org" });
    ownerId = owner.id;
    ownerToken = (await createApiToken(handle.db, { userId: owner.id, name: "t", scopes: ["jobs:submit", "runs:write"] })).secret;
    workerToken = (await registerWorker(handle.db, { name: "interpolating-worker", ownerId: admin.id })).secret;
  });
  afterEach(() => vi.unstubAllGlobals());
  afterAll(async () => {
    await handle?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it("keeps the weights at each stage end, and alpha 1 and 0 reproduce the two snapshots' test accuracies", async () => {
    vi.stubGlobal("fetch", routeFetch());
    const parsed = parseDefinition({ kind: "multiStep", lr: 0.1, milestones: [2], gamma: 0.1 });
    if (!parsed.ok) throw new Error("bad definition");
    const definition = parsed.definition as ScheduleDefinition;
    const schedule = await createSchedule(handle.db, { name: "Private decay", definition, visibility: "private", ownerId });
    const actor = { kind: "session" as const, userId: ownerId, role: "researcher" as const };
    const [replay] = await submitJobsAs(handle.db, actor, { scheduleId: schedule.id, taskId: "fashion-mnist", tier: "smoke", seeds: [3], snapshots: true });

    // A worker whose engine keeps no weights leaves the replay to one that does.
    const workerActor = await resolveActor(handle.db, `Bearer ${workerToken}`, null);
    expect(await claimAs(handle.db, workerActor, { tasks: ["fashion-mnist"], engine: "tfjs", weights: false })).toBeNull();
    expect((await getJob(handle.db, replay.id))!.state).toBe("queued");

    const torch = () => createTorchEngine({ device: "cpu" });
    expect(await runWorker({ server: BASE, token: workerToken, createEngine: torch, maxJobs: 1, pollSeconds: 0, dataDir, log: () => undefined })).toBe(1);
    const runId = (await getJob(handle.db, replay.id))!.runId!;
    expect((await getRun(handle.db, runId))!.status).toBe("finished");
    const snapshots = (await listArtifacts(handle.db, runId)).filter((a) => a.kind === "snapshot");
    // The decay after epoch 1 (rate 0.1, then 0.01 from epoch 2) and the end of the 6-epoch run (epoch 5).
    expect(snapshots.map((a) => [a.name, a.epoch])).toEqual([["stage-1-epoch-1.pt", 1], ["stage-2-epoch-5.pt", 5]]);

    const ask = (body: unknown) =>
      interpolateRoute.POST(
        new Request(`${BASE}/api/v1/runs/${runId}/interpolate`, { method: "POST", headers: { authorization: `Bearer ${ownerToken}`, "content-type": "application/json" }, body: JSON.stringify(body) }),
        { params: Promise.resolve({ id: runId }) },
      );
    const missing = await ask({ a: "stage-1-epoch-1.pt", b: "stage-9.pt" });
    expect(missing.status).toBe(422);
    expect((await missing.json()).error.message).toContain("b: 'stage-9.pt' is not a weight snapshot of this run");
    const queued = await ask({ a: "stage-1-epoch-1.pt", b: "stage-2-epoch-5.pt" });
    expect(queued.status).toBe(201);
    expect((await ask({ a: "stage-1-epoch-1.pt", b: "stage-2-epoch-5.pt" })).status).toBe(200);

    // The run is private: the worker reads its snapshots only because it holds the interpolation.
    expect(await runWorker({ server: BASE, token: workerToken, createEngine: torch, maxJobs: 1, pollSeconds: 0, dataDir, log: () => undefined })).toBe(1);
    const result = (await latestInterpolation(handle.db, runId))!;
    expect(result.job).toMatchObject({ state: "succeeded", attempts: 1, lastError: null });
    expect(result.job.progress).toMatchObject({ a: "stage-1-epoch-1.pt", b: "stage-2-epoch-5.pt", testSamples: 100, trainSubset: 300, batchNormRecomputed: false });
    const testAcc = result.series["interpolation/test_acc"];
    expect(testAcc.map(([alpha]) => alpha)).toEqual(INTERPOLATION_ALPHAS);
    expect(result.series["interpolation/train_loss"]).toHaveLength(21);
    const own = new Map((await readSeries(handle.db, runId, { names: ["test_acc"] })).test_acc);
    const at = (alpha: number) => testAcc.find(([x]) => x === alpha)![1];
    expect(at(1)).toBeCloseTo(own.get(1)!, 6);
    expect(at(0)).toBeCloseTo(own.get(4)!, 6);
  });
});
