/**
 * Numbered batches: a resent seq must carry the points it was stored with; seeds, seqs and epochs
 * beyond PostgreSQL's integer are a 422 naming the field, not a 500.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

vi.mock("next/headers", () => ({ cookies: async () => ({ get: () => undefined }) }));

import * as jobsRoute from "@/app/api/v1/jobs/route";
import * as runPointsRoute from "@/app/api/v1/runs/[id]/points/route";
import * as runsRoute from "@/app/api/v1/runs/route";
import * as runUploadRoute from "@/app/api/v1/runs/upload/route";
import * as workerArtifactRoute from "@/app/api/v1/worker/jobs/[id]/artifacts/[name]/route";
import * as workerPointsRoute from "@/app/api/v1/worker/jobs/[id]/points/route";
import { claimAs } from "@/app/_lib/operations/jobs";
import { resolveActor } from "@/app/_lib/auth/actor";
import { setDbForTesting, type DbHandle } from "@/db";
import { submitJobs } from "@/db/queries/jobs";
import { createRun, readSeries } from "@/db/queries/runs";
import { createSchedule } from "@/db/queries/schedules";
import { createApiToken } from "@/db/queries/tokens";
import { createUser } from "@/db/queries/users";
import { registerWorker } from "@/db/queries/workers";
import { runBatches } from "@/db/schema";
import { seedDb } from "@/db/seed";
import { parseDefinition } from "@/lib/schedules";
import { testDatabases } from "./helpers/databases";

const TOO_LARGE = 2 ** 31;
const definition = (() => {
  const parsed = parseDefinition({ kind: "constant", lr: 0.1 });
  if (!parsed.ok) throw new Error("bad fixture");
  return parsed.definition;
})();

describe.each(testDatabases)("batches and stored integers on $name", ({ open }) => {
  let handle: DbHandle;
  let ownerId: string;
  let auth: Record<string, string>;
  let workerAuth: Record<string, string>;
  let scheduleId: string;

  const json = (headers: Record<string, string>, body: unknown) =>
    ({ method: "POST", headers: { ...headers, "content-type": "application/json" }, body: JSON.stringify(body) }) as RequestInit;
  const ctx = <P,>(params: P) => ({ params: Promise.resolve(params) });
  const append = (runId: string, body: unknown) => runPointsRoute.POST(new Request("http://x", json(auth, body)), ctx({ id: runId }));
  const newRun = async () => (await createRun(handle.db, { ownerId, taskId: "ps10-noise", tier: "smoke", source: "uploaded", xAxis: "epoch" })).id;
  const claim = async () => {
    await submitJobs(handle.db, { scheduleId: null, definition, taskId: "ps10-noise", tier: "smoke", seeds: [0], submittedBy: ownerId });
    return (await claimAs(handle.db, await resolveActor(handle.db, workerAuth.authorization, null), { tasks: ["ps10-noise"] }))!;
  };
  const errorOf = async (response: Response) => ({ status: response.status, message: (await response.json()).error?.message });

  beforeAll(async () => {
    process.env.LRBENCH_RATE_LIMIT_IP_PER_MIN = "100000";
    handle = await open();
    setDbForTesting(handle);
    await seedDb(handle.db);
    ownerId = (await createUser(handle.db, { email: "batches@example.org" })).id;
    auth = { authorization: `Bearer ${(await createApiToken(handle.db, { userId: ownerId, name: "t", scopes: ["runs:write", "jobs:submit"] })).secret}` };
    const admin = await createUser(handle.db, { email: "ops@example.org", role: "admin" });
    workerAuth = { authorization: `Bearer ${(await registerWorker(handle.db, { name: "w", ownerId: admin.id })).secret}` };
    scheduleId = (await createSchedule(handle.db, { name: "flat", definition, visibility: "public", ownerId })).id;
  });
  afterAll(async () => handle?.close());

  it("acknowledges a resent seq with the same points and refuses one with other points, naming the seq", async () => {
    const runId = await newRun();
    const batch = { seq: 0, points: [{ name: "train_loss", x: 0, value: "NaN" }, { name: "train_loss", x: 1, value: 0.5 }] };
    expect((await append(runId, batch)).status).toBe(201);
    expect(await (await append(runId, batch)).json()).toMatchObject({ duplicate: true, stored: 0 });
    // NaN and Infinity are both null in JSON; the hash still tells them apart.
    const changed = { seq: 0, points: [{ name: "train_loss", x: 0, value: "Infinity" }, { name: "train_loss", x: 1, value: 0.5 }] };
    expect(await errorOf(await append(runId, changed))).toEqual({
      status: 409,
      message: "Batch seq 0 was already stored with different points; send new points under a new seq.",
    });
    expect((await readSeries(handle.db, runId)).train_loss).toEqual([[0, NaN], [1, 0.5]]);
  });

  it("takes a batch stored before hashes were kept as matching", async () => {
    const runId = await newRun();
    await handle.db.insert(runBatches).values({ runId, seq: 3, pointCount: 1, contentHash: null });
    expect(await (await append(runId, { seq: 3, points: [{ name: "train_loss", x: 9, value: 1 }] })).json()).toMatchObject({ duplicate: true, stored: 0 });
  });

  it("refuses a worker's resent seq with other points", async () => {
    const job = await claim();
    const post = (points: unknown[]) => workerPointsRoute.POST(new Request("http://x", json(workerAuth, { attemptId: job.attemptId, seq: 7, points })), ctx({ id: job.id }));
    expect((await post([{ name: "train_loss", x: 0, value: 1 }])).status).toBe(201);
    expect((await post([{ name: "train_loss", x: 0, value: 1 }])).status).toBe(200);
    expect(await errorOf(await post([{ name: "train_loss", x: 0, value: 2 }]))).toMatchObject({ status: 409, message: expect.stringMatching(/^Batch seq 7 /) });
  });

  it("answers 422 naming the field for a seq, seed or epoch of 2^31 or more", async () => {
    const runId = await newRun();
    expect(await errorOf(await append(runId, { seq: TOO_LARGE, points: [] }))).toEqual({ status: 422, message: "seq must be at most 2147483647" });
    expect((await append(runId, { seq: TOO_LARGE - 1, points: [] })).status).toBe(201);

    const run = await runsRoute.POST(new Request("http://x", json(auth, { taskId: "ps10-noise", tier: "smoke", seed: TOO_LARGE })));
    expect(await errorOf(run)).toEqual({ status: 422, message: "seed must be at most 2147483647" });

    const form = new FormData();
    form.set("file", new Blob(["epoch,loss\n0,2.0\n1,1.5\n"]), "log.csv");
    form.set("taskId", "ps10-noise");
    form.set("tier", "smoke");
    form.set("seed", String(TOO_LARGE));
    const upload = await runUploadRoute.POST(new Request("http://x", { method: "POST", headers: auth, body: form }));
    expect(await errorOf(upload)).toEqual({ status: 422, message: "seed must be at most 2147483647" });

    const jobs = await jobsRoute.POST(new Request("http://x", json(auth, { scheduleId, taskId: "ps10-noise", tier: "smoke", seeds: [1, TOO_LARGE] })));
    expect(await errorOf(jobs)).toEqual({ status: 422, message: "seeds: each seed must be at most 2147483647" });

    const job = await claim();
    const points = await workerPointsRoute.POST(new Request("http://x", json(workerAuth, { attemptId: job.attemptId, seq: TOO_LARGE, points: [] })), ctx({ id: job.id }));
    expect(await errorOf(points)).toEqual({ status: 422, message: "seq must be at most 2147483647" });
    const artifact = await workerArtifactRoute.PUT(
      new Request(`http://x/x?attemptId=${job.attemptId}&kind=snapshot&epoch=${TOO_LARGE}`, { method: "PUT", headers: workerAuth, body: new Uint8Array([1]) }),
      ctx({ id: job.id, name: "e.bin" }),
    );
    expect(await errorOf(artifact)).toEqual({ status: 422, message: "epoch must be at most 2147483647" });
  });
});
