/**
 * With a bucket configured, files go straight between clients and the bucket: a worker's 200 MB
 * artifact and an owner's model are PUT to presigned URLs and downloaded through a redirect, and the
 * web server never receives their bytes. Without a bucket they still go through the server.
 */
import { createHash, randomBytes } from "node:crypto";
import { createWriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { once } from "node:events";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
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
import { onnxModelProblem } from "@/lib/onnx-model";
import { FLOAT, graph, model, node, tensor } from "@/lib/onnx-writer";
import { parseDefinition } from "@/lib/schedules";
import { uploadModel } from "@/cli/upload-model";
import { WorkerApi } from "@/workers/client";
import { uploadJobFile } from "@/workers/upload-file";
import { testDatabases } from "./helpers/databases";
import { startRouteServer, type RouteServer } from "./helpers/route-server";
import { startS3StandIn, type S3StandIn } from "./helpers/s3-stand-in";

const BIG = 200 * 1024 * 1024;

/** Writes `bytes` of pseudo-random data to a file 1 MiB at a time: the file is never in memory whole. */
async function writeLargeFile(file: string, bytes: number): Promise<string> {
  const hash = createHash("sha256");
  const out = createWriteStream(file);
  const chunk = randomBytes(1024 * 1024);
  for (let written = 0, i = 0; written < bytes; written += chunk.length, i++) {
    chunk.writeUInt32LE(i, 0); // no two chunks alike
    hash.update(chunk);
    if (!out.write(Buffer.from(chunk))) await once(out, "drain");
  }
  out.end();
  await once(out, "finish");
  return hash.digest("hex");
}

/** Hashes a download as it streams in. */
async function sha256OfResponse(response: Response): Promise<{ sha256: string; bytes: number }> {
  const hash = createHash("sha256");
  let bytes = 0;
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    hash.update(chunk);
    bytes += chunk.byteLength;
  }
  return { sha256: hash.digest("hex"), bytes };
}

describe.each(testDatabases)("direct uploads on $name", ({ open }) => {
  let handle: DbHandle;
  let bucket: S3StandIn;
  let server: RouteServer;
  let dir: string;
  let ownerId: string;
  let ownerToken: string;
  let workerToken: string;
  const savedEnv = { ...process.env };

  const claimJob = async () => {
    const parsed = parseDefinition({ kind: "constant", lr: 0.1 });
    if (!parsed.ok) throw new Error("bad fixture");
    await submitJobs(handle.db, { scheduleId: null, definition: parsed.definition, taskId: "ps10-noise", tier: "smoke", seeds: [0], submittedBy: ownerId });
    return (await claimAs(handle.db, await resolveActor(handle.db, `Bearer ${workerToken}`, null), { tasks: ["ps10-noise"] }))!;
  };

  beforeAll(async () => {
    bucket = await startS3StandIn();
    Object.assign(process.env, bucket.env, { LRBENCH_RATE_LIMIT_IP_PER_MIN: "100000" });
    handle = await open();
    setDbForTesting(handle);
    await seedDb(handle.db);
    ownerId = (await createUser(handle.db, { email: "owner@example.org" })).id;
    ownerToken = (await createApiToken(handle.db, { userId: ownerId, name: "t", scopes: ["runs:write"] })).secret;
    const admin = await createUser(handle.db, { email: "ops@example.org", role: "admin" });
    workerToken = (await registerWorker(handle.db, { name: "w", ownerId: admin.id })).secret;
    server = await startRouteServer();
    dir = await mkdtemp(path.join(os.tmpdir(), "lrbench-direct-"));
  });
  afterEach(() => {
    for (const name of Object.keys(bucket.env)) process.env[name] = bucket.env[name];
  });
  afterAll(async () => {
    process.env = savedEnv;
    await server?.close();
    await bucket?.close();
    await handle?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("takes a worker's 200 MB artifact into the bucket without the web server receiving its bytes, and hands it back by redirect", async () => {
    const file = path.join(dir, "stage-3.onnx");
    const sha256 = await writeLargeFile(file, BIG);
    const job = await claimJob();
    const api = new WorkerApi(server.url, workerToken, () => {});

    const before = server.received();
    await uploadJobFile(api, job, file, { name: "stage-3.onnx", kind: "onnx", epoch: 3 });
    // Only the two small JSON calls (begin, finish) reached the server.
    expect(server.received() - before).toBeLessThan(2_000);
    const put = bucket.requests.filter((r) => r.method === "PUT");
    expect(put).toEqual([expect.objectContaining({ presigned: true, bytes: BIG, status: 200, key: `runs/${job.runId}/${sha256}/stage-3.onnx` })]);

    const [artifact] = await listArtifacts(handle.db, job.runId!);
    expect(artifact).toMatchObject({ name: "stage-3.onnx", bytes: BIG, sha256, storage: "s3", epoch: 3 });

    const response = await fetch(`${server.url}/api/v1/runs/${job.runId}/artifacts/stage-3.onnx`);
    expect(response.url.startsWith(bucket.endpoint)).toBe(true);
    expect(await sha256OfResponse(response)).toEqual({ sha256, bytes: BIG });
    // The redirect carried no bytes either way, and the bucket saw a presigned GET without the caller's credentials.
    expect(bucket.requests.at(-1)).toMatchObject({ method: "GET", presigned: true, status: 200 });
  }, 240_000);

  it("refuses to record an upload whose object is missing or not the declared file, and keeps nothing", async () => {
    const job = await claimJob();
    const api = new WorkerApi(server.url, workerToken, () => {});
    const bytes = new TextEncoder().encode("snapshot bytes");
    const declared = { attemptId: job.attemptId, name: "s.bin", kind: "snapshot", bytes: bytes.length, sha256: createHash("sha256").update(bytes).digest("hex") };

    const finishedEarly = await api.post(`/worker/jobs/${job.id}/uploads/finish`, declared);
    expect(finishedEarly.status).toBe(422);
    expect(finishedEarly.body.error.message).toMatch(/Nothing was uploaded/);

    const { upload } = (await api.post(`/worker/jobs/${job.id}/uploads`, declared)).body;
    // Other bytes under the signed checksum: the bucket itself refuses them.
    expect((await fetch(upload.url, { method: "PUT", headers: upload.headers, body: new TextEncoder().encode("other bytes!!!") })).status).toBe(400);
    expect((await api.post(`/worker/jobs/${job.id}/uploads/finish`, declared)).status).toBe(422);
    expect(await listArtifacts(handle.db, job.runId!)).toEqual([]);

    const tooLarge = await api.post(`/worker/jobs/${job.id}/uploads`, { ...declared, bytes: 600 * 1024 * 1024 });
    expect(tooLarge.status).toBe(413);
  });

  it("takes an owner's model into the bucket, checks its ONNX structure from there, and refuses a model that is not one", async () => {
    const run = await createRun(handle.db, { ownerId, taskId: "ps10-noise", tier: "smoke", source: "uploaded", xAxis: "epoch" });
    const post = async (p: string, body: unknown) => {
      const response = await fetch(`${server.url}/api/v1${p}`, { method: "POST", headers: { authorization: `Bearer ${ownerToken}`, "content-type": "application/json" }, body: JSON.stringify(body) });
      const json = await response.json();
      if (!response.ok) throw new Error(`${response.status} ${json.error.message}`);
      return json;
    };
    const target = { server: server.url, runId: run.id, authorization: `Bearer ${ownerToken}`, post, retry: { attempts: 1, baseDelayMs: 1, log: () => {} }, log: () => {} };
    const before = server.received();
    await expect(uploadModel(new TextEncoder().encode("not an onnx model"), target)).rejects.toThrow(/422 The file is not an acceptable ONNX model/);
    expect(await listArtifacts(handle.db, run.id)).toEqual([]);

    const weights = model(graph({ nodes: [node("MatMul", ["x", "W"], ["y"])], inputs: ["x"], initializers: [tensor({ name: "W", dims: [6, 10], dataType: FLOAT, raw: new Array(240).fill(0) })] }));
    expect(onnxModelProblem(weights, 1 << 20)).toBeNull();
    await uploadModel(weights, target);
    expect(await listArtifacts(handle.db, run.id)).toEqual([expect.objectContaining({ name: "model.onnx", storage: "s3", bytes: weights.length })]);
    expect(server.received() - before).toBeLessThan(2_000);
  });

  it("sends the bytes through the server where no bucket is configured", async () => {
    delete process.env.LRBENCH_S3_BUCKET;
    const job = await claimJob();
    const file = path.join(dir, "small.onnx");
    await writeLargeFile(file, 1024 * 1024);
    const requestsBefore = bucket.requests.length;
    await uploadJobFile(new WorkerApi(server.url, workerToken, () => {}), job, file, { name: "small.onnx", kind: "onnx", epoch: 1 });
    expect(bucket.requests.length).toBe(requestsBefore);
    expect(await listArtifacts(handle.db, job.runId!)).toEqual([expect.objectContaining({ name: "small.onnx", storage: "db", bytes: 1024 * 1024 })]);
  });
});
