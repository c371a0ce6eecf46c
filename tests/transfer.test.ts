/**
 * imagenet-subset-transfer end to end: a real torch worker trains on tiny generated image folders,
 * snapshots every stage to ONNX (stored as run artifacts), and judges each snapshot on a target folder
 * by `fix` (frozen features + a linear classifier trained to convergence on the engine's device) and `finetune` transfer.
 */
import { createHash } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

vi.mock("next/headers", () => ({ cookies: async () => ({ get: () => undefined }) }));
vi.mock("node:timers/promises", () => ({ setTimeout: async () => undefined }));

import * as artifactRoute from "@/app/api/v1/runs/[id]/artifacts/[name]/route";
import * as artifactsRoute from "@/app/api/v1/runs/[id]/artifacts/route";
import { setDbForTesting, type DbHandle } from "@/db";
import { getJob, submitJobs } from "@/db/queries/jobs";
import { readSeries } from "@/db/queries/runs";
import { createUser } from "@/db/queries/users";
import { registerWorker } from "@/db/queries/workers";
import { seedDb } from "@/db/seed";
import { parseDefinition } from "@/lib/schedules";
import { transferTable } from "@/lib/tasks/transfer";
import { createTorchEngine } from "@/workers/engines/torch";
import { runWorker } from "@/workers/worker";
import { testDatabases } from "./helpers/databases";
import { routeFetch } from "./helpers/route-fetch";
import { writeTinyImageFolders } from "./helpers/tiny-images";

// The real PostgreSQL when one is configured (CI), PGlite otherwise: one training run is enough.
const database = testDatabases[testDatabases.length - 1];

describe(`transfer task on ${database.name}`, () => {
  let handle: DbHandle;
  let dataDir: string;
  let token: string;

  beforeAll(async () => {
    process.env.LRBENCH_RATE_LIMIT_IP_PER_MIN = "1000000";
    dataDir = await mkdtemp(path.join(os.tmpdir(), "lrbench-transfer-"));
    writeTinyImageFolders(dataDir, { targets: ["shapes"] });
    handle = await database.open();
    setDbForTesting(handle);
    await seedDb(handle.db);
    const admin = await createUser(handle.db, { email: "transfer@example.org", role: "admin" });
    token = (await registerWorker(handle.db, { name: "torch-worker", ownerId: admin.id })).secret;
  });
  afterAll(async () => {
    vi.unstubAllGlobals();
    await handle?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it("snapshots each stage to ONNX and reports fix and finetune accuracy per stage and target", async () => {
    vi.stubGlobal("fetch", routeFetch());
    const parsed = parseDefinition({ kind: "multiStep", lr: 0.05, milestones: [2, 4], gamma: 0.1 });
    if (!parsed.ok) throw new Error("bad schedule");
    const [job] = await submitJobs(handle.db, { scheduleId: null, definition: parsed.definition, taskId: "imagenet-subset-transfer", tier: "smoke", seeds: [0], submittedBy: null });
    const logs: string[] = [];
    const progress: string[] = [];
    await runWorker({
      server: "http://lrbench.test", token, dataDir, maxJobs: 1, pollSeconds: 0,
      createEngine: () => createTorchEngine({ device: "cpu" }),
      log: (m) => logs.push(m),
      progress: (line) => progress.push(line),
    });
    const done = (await getJob(handle.db, job.id))!;
    expect(done.state, logs.join("\n")).toBe("succeeded");

    // Stages end before each decay (epochs 2 and 4 start at the lower rate) and at the end.
    const listed = (await (await artifactsRoute.GET(new Request("http://x"), { params: Promise.resolve({ id: done.runId! }) })).json()).artifacts;
    expect(listed.map((a: { name: string; epoch: number; kind: string }) => [a.name, a.epoch, a.kind])).toEqual([
      ["stage-1-epoch-1.onnx", 1, "onnx"],
      ["stage-2-epoch-3.onnx", 3, "onnx"],
      ["stage-3-epoch-5.onnx", 5, "onnx"],
    ]);
    const download = await artifactRoute.GET(new Request("http://x"), { params: Promise.resolve({ id: done.runId!, name: "stage-2-epoch-3.onnx" }) });
    expect(download.status).toBe(200);
    const bytes = new Uint8Array(await download.arrayBuffer());
    expect(createHash("sha256").update(bytes).digest("hex")).toBe(listed[1].sha256);
    const ort = await import("onnxruntime-node");
    const session = await ort.InferenceSession.create(bytes);
    expect(session.outputNames).toEqual(["logits", "features"]);

    const series = await readSeries(handle.db, done.runId!);
    for (const name of ["transfer/fix/shapes", "transfer/finetune/shapes"]) {
      expect(series[name].map(([x]) => x), name).toEqual([1, 3, 5]);
      for (const [, acc] of series[name]) expect(acc).toBeGreaterThanOrEqual(0);
    }
    // Three target classes told apart by colour: the last snapshot's features do far better than chance.
    expect(series["transfer/fix/shapes"][2][1]).toBeGreaterThan(0.6);
    const table = transferTable([series]);
    expect(table.map((row) => [row.target, row.mode, row.stages.length])).toEqual([
      ["shapes", "fix", 3],
      ["shapes", "finetune", 3],
    ]);
    expect(progress.some((line) => /transfer 2\/3/.test(line))).toBe(true);
  }, 240_000);
});
