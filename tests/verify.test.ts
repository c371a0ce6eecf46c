/**
 * Verification: an uploaded run's ONNX model is evaluated by a worker with onnxruntime-node on the
 * task's test set, and the run keeps the verified accuracy beside its claimed one.
 */
import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

vi.mock("next/headers", () => ({ cookies: async () => ({ get: () => undefined }) }));
vi.mock("node:timers/promises", () => ({ setTimeout: async () => undefined }));

import * as modelRoute from "@/app/api/v1/runs/[id]/model/route";
import * as verifyRoute from "@/app/api/v1/runs/[id]/verify/route";
import { setDbForTesting, type DbHandle } from "@/db";
import { getJob } from "@/db/queries/jobs";
import { createRun, getRun } from "@/db/queries/runs";
import { createApiToken } from "@/db/queries/tokens";
import { createUser } from "@/db/queries/users";
import { registerWorker } from "@/db/queries/workers";
import { seedDb } from "@/db/seed";
import { createTorchEngine } from "@/workers/engines/torch";
import { runWorker } from "@/workers/worker";
import { testDatabases } from "./helpers/databases";
import { routeFetch } from "./helpers/route-fetch";

const database = testDatabases[testDatabases.length - 1];
const ctx = (id: string) => ({ params: Promise.resolve({ id }) });

describe(`verification on ${database.name}`, () => {
  let handle: DbHandle;
  let dir: string;
  let owner: string;
  let auth: Record<string, string>;
  let workerToken: string;
  let model: Uint8Array;
  let engineTestAcc: number;

  const uploadedRun = async (taskId = "ps10-noise", source: "uploaded" | "replayed" = "uploaded") =>
    (await createRun(handle.db, { ownerId: owner, taskId, tier: "smoke", seed: 0, source, xAxis: "epoch" })).id;
  const putModel = (id: string, body: Uint8Array) => modelRoute.PUT(new Request("http://x", { method: "PUT", headers: auth, body: new Uint8Array(body) }), ctx(id));
  const verify = (id: string) => verifyRoute.POST(new Request("http://x", { method: "POST", headers: auth }), ctx(id));

  beforeAll(async () => {
    process.env.LRBENCH_RATE_LIMIT_IP_PER_MIN = "1000000";
    process.env.LRBENCH_RATE_LIMIT_TOKEN_PER_MIN = "1000000";
    handle = await database.open();
    setDbForTesting(handle);
    await seedDb(handle.db);
    owner = (await createUser(handle.db, { email: "verify@example.org", role: "researcher" })).id;
    auth = { authorization: `Bearer ${(await createApiToken(handle.db, { userId: owner, name: "ci", scopes: ["runs:write"] })).secret}` };
    const admin = await createUser(handle.db, { email: "ops@example.org", role: "admin" });
    workerToken = (await registerWorker(handle.db, { name: "verifier", ownerId: admin.id })).secret;

    // The "researcher's own run": a few epochs of ps10-noise smoke, seed 0, exported to ONNX.
    dir = await mkdtemp(path.join(os.tmpdir(), "lrbench-verify-"));
    const engine = createTorchEngine({ device: "cpu" });
    await engine.setup({ taskId: "ps10-noise", tier: "smoke", seed: 0 });
    for (let epoch = 0; epoch < 4; epoch++) await engine.trainEpoch(() => 0.1);
    engineTestAcc = (await engine.evaluate()).test_acc!;
    model = await readFile((await engine.transfer!.snapshot(dir, "final")).onnx);
    await engine.close();
  }, 120_000);
  afterAll(async () => {
    vi.unstubAllGlobals();
    await handle?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("measures the uploaded model's test accuracy with onnxruntime-node and keeps it on the run", async () => {
    const runId = await uploadedRun();
    expect((await putModel(runId, model)).status).toBe(201);
    const first = await verify(runId);
    expect(first.status).toBe(201);
    const { job } = await first.json();
    // Asking again while it waits reuses the open request.
    expect((await verify(runId)).status).toBe(200);

    vi.stubGlobal("fetch", routeFetch());
    const logs: string[] = [];
    await runWorker({ server: "http://lrbench.test", token: workerToken, maxJobs: 1, pollSeconds: 0, createEngine: () => createTorchEngine({ device: "cpu" }), log: (m) => logs.push(m) });
    expect((await getJob(handle.db, job.id))?.state, logs.join("\n")).toBe("succeeded");
    const run = (await getRun(handle.db, runId))!;
    // The same weights on the same 1,000 test samples: PyTorch and onnxruntime agree.
    expect(run.verifiedAcc).toBeCloseTo(engineTestAcc, 3);
    expect(run.verification).toMatchObject({ testSamples: 1000, runtime: expect.stringMatching(/^onnxruntime-node /) });
    expect(run.status).toBe("running");
  }, 120_000);

  it("refuses what cannot be verified, saying why", async () => {
    const runId = await uploadedRun();
    const notOnnx = await putModel(runId, new TextEncoder().encode("epoch,loss\n0,1\n"));
    expect(notOnnx.status).toBe(422);
    expect((await notOnnx.json()).error.message).toMatch(/^The file is not an acceptable ONNX model: /);
    const noModel = await verify(runId);
    expect(noModel.status).toBe(422);
    expect((await noModel.json()).error.message).toBe(`Upload the run's model first (PUT /api/v1/runs/${runId}/model).`);
    const imagenet = await verify(await uploadedRun("imagenet-subset-transfer"));
    expect((await imagenet.json()).error.message).toMatch(/imagenet-subset-transfer cannot be verified yet/);
    const replayed = await putModel(await uploadedRun("ps10-noise", "replayed"), model);
    expect((await replayed.json()).error.message).toMatch(/Only uploaded runs take a model/);
  });
});
