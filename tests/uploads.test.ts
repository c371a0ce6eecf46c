/**
 * Uploads: the caller is authenticated and authorised before a byte of the body is read, a declared
 * Content-Length over the limit is refused unread, and a model is checked from its structure, never
 * loaded by the web server.
 */
import { spawnSync } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

vi.mock("next/headers", () => ({ cookies: async () => ({ get: () => undefined }) }));

import * as modelRoute from "@/app/api/v1/runs/[id]/model/route";
import * as runUploadRoute from "@/app/api/v1/runs/upload/route";
import { MAX_LOG_BYTES } from "@/lib/api/upload";
import * as workerArtifactRoute from "@/app/api/v1/worker/jobs/[id]/artifacts/[name]/route";
import { claimAs } from "@/app/_lib/operations/jobs";
import { resolveActor } from "@/app/_lib/auth/actor";
import { setDbForTesting, type DbHandle } from "@/db";
import { listArtifacts } from "@/db/queries/artifacts";
import { submitJobs } from "@/db/queries/jobs";
import { createRun } from "@/db/queries/runs";
import { createApiToken } from "@/db/queries/tokens";
import { createUser } from "@/db/queries/users";
import { registerWorker } from "@/db/queries/workers";
import { seedDb } from "@/db/seed";
import { declaredGigabyteModel } from "@/lib/onnx-writer";
import { parseDefinition } from "@/lib/schedules";
import { findPython } from "@/workers/engines/torch/python-runtime";
import { testDatabases } from "./helpers/databases";

const LIMIT = 4 * 1024 * 1024;
const CHUNK = 1024 * 1024;

/** A body that counts how many chunks the server pulled from it. */
function countingBody(chunks: number) {
  const pulled = { chunks: 0 };
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (pulled.chunks++ < chunks) controller.enqueue(new Uint8Array(CHUNK).fill(7));
        else controller.close();
      },
    },
    { highWaterMark: 0 },
  );
  return { stream, pulled };
}

const put = (url: string, headers: Record<string, string>, body: ReadableStream<Uint8Array> | Uint8Array, method = "PUT") =>
  new Request(url, { method, headers, body, duplex: "half" } as RequestInit);

/** Two models as PyTorch exports them: the e2e test's linear layer, and a small conv net with batch norm. */
function exportedModels(dir: string): string[] {
  const files = ["linear.onnx", "convnet.onnx"].map((name) => path.join(dir, name));
  const script = `import torch; torch.manual_seed(0)
torch.onnx.export(torch.nn.Linear(6, 10), torch.zeros(1, 6), ${JSON.stringify(files[0])}, input_names=["input"], output_names=["logits"], dynamic_axes={"input": {0: "n"}}, opset_version=13)
net = torch.nn.Sequential(torch.nn.Conv2d(3, 16, 3, padding=1), torch.nn.BatchNorm2d(16), torch.nn.ReLU(), torch.nn.AdaptiveAvgPool2d(1), torch.nn.Flatten(), torch.nn.Linear(16, 10)).eval()
torch.onnx.export(net, torch.zeros(1, 3, 32, 32), ${JSON.stringify(files[1])}, input_names=["input"], output_names=["logits"], dynamic_axes={"input": {0: "n"}}, opset_version=13)`;
  const result = spawnSync(findPython(), ["-c", script], { encoding: "utf8" });
  if (result.status !== 0) throw new Error(result.stderr);
  return files;
}

describe.each(testDatabases)("uploads on $name", ({ open }) => {
  let handle: DbHandle;
  let dir: string;
  let owner: Record<string, string>;
  let other: Record<string, string>;
  let ownerId: string;
  let workers: { id: string; auth: Record<string, string> }[];
  const uploadedRun = async () => (await createRun(handle.db, { ownerId, taskId: "ps10-noise", tier: "smoke", source: "uploaded", xAxis: "epoch" })).id;
  const putModel = (runId: string, headers: Record<string, string>, body: ReadableStream<Uint8Array> | Uint8Array) =>
    modelRoute.PUT(put(`http://x/api/v1/runs/${runId}/model`, headers, body), { params: Promise.resolve({ id: runId }) });

  beforeAll(async () => {
    process.env.LRBENCH_RATE_LIMIT_IP_PER_MIN = "100000";
    process.env.LRBENCH_ARTIFACT_LIMIT_BYTES = String(LIMIT);
    handle = await open();
    setDbForTesting(handle);
    await seedDb(handle.db);
    ownerId = (await createUser(handle.db, { email: "owner@example.org" })).id;
    const otherId = (await createUser(handle.db, { email: "other@example.org" })).id;
    const bearer = async (userId: string) => ({ authorization: `Bearer ${(await createApiToken(handle.db, { userId, name: "t", scopes: ["runs:write"] })).secret}` });
    owner = await bearer(ownerId);
    other = await bearer(otherId);
    const admin = await createUser(handle.db, { email: "ops@example.org", role: "admin" });
    workers = [];
    for (const name of ["w1", "w2"]) {
      const registered = await registerWorker(handle.db, { name, ownerId: admin.id });
      workers.push({ id: registered.worker.id, auth: { authorization: `Bearer ${registered.secret}` } });
    }
    dir = await mkdtemp(path.join(os.tmpdir(), "lrbench-uploads-"));
  });
  afterAll(async () => {
    delete process.env.LRBENCH_ARTIFACT_LIMIT_BYTES;
    await handle?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("refuses a model upload from a visitor or another researcher without reading the body", async () => {
    const runId = await uploadedRun();
    for (const [headers, status] of [[{}, 401], [other, 403]] as const) {
      const { stream, pulled } = countingBody(3);
      expect((await putModel(runId, headers, stream)).status).toBe(status);
      expect(pulled.chunks).toBe(0);
    }
  });

  it("refuses a declared Content-Length over the limit unread, and a stream over it once the limit is passed", async () => {
    const runId = await uploadedRun();
    const declared = countingBody(8);
    const response = await putModel(runId, { ...owner, "content-length": String(LIMIT + 1) }, declared.stream);
    expect(response.status).toBe(413);
    expect((await response.json()).error.message).toBe(`The request body is larger than the limit of ${LIMIT} bytes.`);
    expect(declared.pulled.chunks).toBe(0);
    const undeclared = countingBody(8);
    expect((await putModel(runId, owner, undeclared.stream)).status).toBe(413);
    expect(undeclared.pulled.chunks).toBe(LIMIT / CHUNK + 1);
  });

  it("reads a log upload only for a caller who may upload, and only up to its limit without a Content-Length", async () => {
    const upload = (headers: Record<string, string>, body: ReadableStream<Uint8Array>) =>
      runUploadRoute.POST(put("http://x/api/v1/runs/upload", { ...headers, "content-type": "multipart/form-data; boundary=x" }, body, "POST"));
    const visitor = countingBody(3);
    expect((await upload({}, visitor.stream)).status).toBe(401);
    expect(visitor.pulled.chunks).toBe(0);
    const endless = countingBody(1000);
    expect((await upload(owner, endless.stream)).status).toBe(413);
    expect(endless.pulled.chunks).toBe(MAX_LOG_BYTES / CHUNK + 1);
  });

  it("refuses the 126-byte model that onnxruntime would fold into 1,020 MiB, and keeps nothing", async () => {
    const runId = await uploadedRun();
    const response = await putModel(runId, owner, declaredGigabyteModel());
    expect(response.status).toBe(422);
    expect((await response.json()).error.message).toMatch(
      /^The file is not an acceptable ONNX model: node 'ConstantOfShape' \(ConstantOfShape\) declares a tensor of shape \[267386880\] \(1,069,547,520 bytes\)/,
    );
    expect(await listArtifacts(handle.db, runId)).toEqual([]);
  });

  it("keeps models PyTorch exports", async () => {
    for (const file of exportedModels(dir)) {
      const runId = await uploadedRun();
      const response = await putModel(runId, owner, new Uint8Array(await readFile(file)));
      expect(response.status, path.basename(file)).toBe(201);
      expect((await response.json()).artifact).toMatchObject({ name: "model.onnx", kind: "model" });
    }
  }, 120_000);

  it("refuses a worker artifact from a visitor or from a worker that does not hold the job, without reading the body", async () => {
    const parsed = parseDefinition({ kind: "constant", lr: 0.1 });
    if (!parsed.ok) throw new Error("bad fixture");
    await submitJobs(handle.db, { scheduleId: null, definition: parsed.definition, taskId: "ps10-noise", tier: "smoke", seeds: [0], submittedBy: ownerId });
    const claimed = (await claimAs(handle.db, await resolveActor(handle.db, workers[0].auth.authorization, null), { tasks: ["ps10-noise"] }))!;
    const upload = (headers: Record<string, string>, body: ReadableStream<Uint8Array> | Uint8Array) =>
      workerArtifactRoute.PUT(put(`http://x/x?attemptId=${claimed.attemptId}&kind=snapshot`, headers, body), {
        params: Promise.resolve({ id: claimed.id, name: "epoch-1.bin" }),
      });
    for (const [headers, status] of [[{}, 401], [owner, 403], [workers[1].auth, 409]] as const) {
      const { stream, pulled } = countingBody(3);
      expect((await upload(headers, stream)).status).toBe(status);
      expect(pulled.chunks).toBe(0);
    }
    expect((await upload(workers[0].auth, new Uint8Array([1, 2, 3]))).status).toBe(201);
  });
});
