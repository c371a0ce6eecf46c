import { readFileSync } from "node:fs";
import { count, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

vi.mock("next/headers", () => ({ cookies: async () => ({ get: () => undefined }) }));

import * as compareRoute from "@/app/api/v1/compare/route";
import * as runsRoute from "@/app/api/v1/runs/route";
import * as runPointsRoute from "@/app/api/v1/runs/[id]/points/route";
import * as runFinishRoute from "@/app/api/v1/runs/[id]/finish/route";
import * as runRoute from "@/app/api/v1/runs/[id]/route";
import * as runSeriesRoute from "@/app/api/v1/runs/[id]/series/route";
import * as runUploadRoute from "@/app/api/v1/runs/upload/route";
import { uploadInBatches } from "@/app/runs/upload/batched-upload";
import { setDbForTesting, type DbHandle } from "@/db";
import { readSeries } from "@/db/queries/runs";
import { createSchedule } from "@/db/queries/schedules";
import { createSession } from "@/db/queries/sessions";
import { createApiToken } from "@/db/queries/tokens";
import { createUser } from "@/db/queries/users";
import { metricChunks, runs } from "@/db/schema";
import { seedDb } from "@/db/seed";
import { parseDefinition } from "@/lib/schedules";
import { serverlessTestDatabases } from "./helpers/databases";
import { routeFetch } from "./helpers/route-fetch";

const BASE = "http://lrbench.test/api/v1";
const ctx = (id: string) => ({ params: Promise.resolve({ id }) });

describe.each(serverlessTestDatabases)("runs API on $name", ({ open }) => {
  let handle: DbHandle;
  let auth: Record<string, string>;
  let userId: string;

  const jsonRequest = (url: string, body: unknown, headers: Record<string, string> = {}) =>
    new Request(url, { method: "POST", headers: { ...auth, "content-type": "application/json", ...headers }, body: JSON.stringify(body) });
  const createRun = async (body: unknown, headers: Record<string, string> = {}) => runsRoute.POST(jsonRequest(`${BASE}/runs`, body, headers));
  const append = (id: string, body: unknown) => runPointsRoute.POST(jsonRequest(`${BASE}/runs/${id}/points`, body), ctx(id));
  const finish = (id: string) => runFinishRoute.POST(jsonRequest(`${BASE}/runs/${id}/finish`, {}), ctx(id));
  const runCount = async () => (await handle.db.select({ n: count() }).from(runs).where(eq(runs.ownerId, userId)))[0].n;
  const pointCount = async (runId: string) =>
    Number((await handle.db.select({ n: sql<number>`coalesce(sum(${metricChunks.count}), 0)` }).from(metricChunks).where(eq(metricChunks.runId, runId)))[0].n);

  beforeAll(async () => {
    process.env.LRBENCH_RATE_LIMIT_IP_PER_MIN = "100000";
    process.env.LRBENCH_RATE_LIMIT_TOKEN_PER_MIN = "100000";
    handle = await open();
    setDbForTesting(handle);
    await seedDb(handle.db);
    userId = (await createUser(handle.db, { email: "ci@example.org" })).id;
    const { secret } = await createApiToken(handle.db, { userId, name: "ci", scopes: ["runs:write"] });
    auth = { authorization: `Bearer ${secret}` };
  });
  afterAll(async () => handle?.close());

  it("creates a run once per Idempotency-Key, also under concurrent retries", async () => {
    const before = await runCount();
    const body = { taskId: "ps10-noise", tier: "smoke", seed: 1, points: [{ name: "train_loss", x: 0, value: 2.3 }] };
    const responses = await Promise.all(Array.from({ length: 5 }, () => createRun(body, { "idempotency-key": "create-1" })));
    const ids = new Set(await Promise.all(responses.map(async (r) => (await r.json()).run.id)));
    expect(responses.map((r) => r.status)).toEqual([201, 201, 201, 201, 201]);
    expect(ids.size).toBe(1);
    expect(await runCount()).toBe(before + 1);
    expect(await pointCount([...ids][0])).toBe(1);

    const reused = await createRun({ ...body, seed: 2 }, { "idempotency-key": "create-1" });
    expect(reused.status).toBe(422);
    expect((await reused.json()).error.message).toMatch(/already used for a different request/);
  });

  it("stores a batch once, however often or concurrently it is retried", async () => {
    // Steps: 200 points per metric fit the tier's budget only counted in steps.
    const { run } = await (await createRun({ taskId: "ps10-noise", tier: "smoke", xAxis: "step" })).json();
    const batch = (seq: number) => ({ seq, points: Array.from({ length: 100 }, (_, i) => ({ name: "train_loss", x: seq * 100 + i, value: 1 / (i + 1) })) });
    const first = await append(run.id, batch(0));
    expect(first.status).toBe(201);
    const retry = await append(run.id, batch(0));
    expect(retry.status).toBe(200);
    expect(await retry.json()).toMatchObject({ duplicate: true, stored: 0 });
    const concurrent = await Promise.all(Array.from({ length: 6 }, () => append(run.id, batch(1))));
    expect(concurrent.filter((r) => r.status === 201)).toHaveLength(1);
    expect(concurrent.filter((r) => r.status === 200)).toHaveLength(5);
    expect(await pointCount(run.id)).toBe(200);
  });

  it("refuses oversized and invalid batches whole, saying why", async () => {
    const { run } = await (await createRun({ taskId: "ps10-noise", tier: "smoke" })).json();
    const big = await append(run.id, { seq: 0, points: Array.from({ length: 10_001 }, (_, i) => ({ name: "lr", x: i, value: 0.1 })) });
    expect(big.status).toBe(413);
    expect((await big.json()).error.message).toMatch(/at most 10,000 points; this one has 10,001/);
    const bad = await append(run.id, { seq: 0, points: [{ name: "lr", x: 0, value: 0.1 }, { name: "lr", x: "one", value: 0.1 }] });
    expect(bad.status).toBe(422);
    expect((await bad.json()).error.message).toMatch(/points\[1\]: x must be a number/);
    expect(await pointCount(run.id)).toBe(0);
    // The refused batch did not claim its sequence number: sending it corrected stores it.
    expect((await append(run.id, { seq: 0, points: [{ name: "lr", x: 0, value: 0.1 }] })).status).toBe(201);
  });

  it("derives decays, the jump after each, and divergence when a run finishes", async () => {
    const points = [];
    for (let epoch = 0; epoch < 30; epoch++) {
      points.push({ name: "lr", x: epoch, value: epoch < 15 ? 0.1 : 0.01 });
      // Below the smoke target (0.85) before the decay, above it after.
      points.push({ name: "test_acc", x: epoch, value: epoch < 15 ? 0.7 : 0.9 });
      points.push({ name: "train_loss", x: epoch, value: epoch === 29 ? "NaN" : 1 - epoch * 0.01 });
    }
    const { run } = await (await createRun({ taskId: "ps10-noise", tier: "smoke", points })).json();
    const finished = await finish(run.id);
    expect(finished.status).toBe(200);
    const { run: done } = await finished.json();
    expect(done.status).toBe("finished");
    expect(done.summary.decays).toMatchObject([{ x: 15, from: 0.1, to: 0.01 }]);
    expect(done.summary.jumps[0].gain).toBeCloseTo(0.2, 10);
    expect(done.summary.accuracy).toMatchObject({ final: 0.9, best: 0.9, bestX: 15 });
    expect(done.summary.timeToTarget).toMatchObject({ x: 15 });
    expect(done.summary.divergence).toMatchObject({ x: 29 });
    const detail = await (await runRoute.GET(new Request(`${BASE}/runs/${run.id}`), ctx(run.id))).json();
    expect(detail.events.map((e: { type: string }) => e.type).sort()).toEqual(["decay", "divergence"]);
    const series = await (await runSeriesRoute.GET(new Request(`${BASE}/runs/${run.id}/series?names=train_loss&maxPoints=10`), ctx(run.id))).json();
    expect(series.series.train_loss.length).toBeLessThanOrEqual(10);
    expect(series.series.train_loss.at(-1)).toEqual([29, null]);
    const again = await (await finish(run.id)).json();
    expect(again.run.summary).toEqual(done.summary);
    expect((await append(run.id, { seq: 5, points: [{ name: "lr", x: 31, value: 0.1 }] })).status).toBe(409);
  });

  it("uploads a log file whole, and a malformed one not at all", async () => {
    const upload = (content: string, filename: string, headers: Record<string, string> = {}) => {
      const form = new FormData();
      form.set("file", new Blob([content]), filename);
      form.set("taskId", "cifar10-wrn");
      form.set("tier", "smoke");
      form.set("seed", "3");
      return runUploadRoute.POST(new Request(`${BASE}/runs/upload`, { method: "POST", headers: { ...auth, ...headers }, body: form }));
    };
    const keras = "epoch,accuracy,loss,val_accuracy,val_loss,learning_rate\n0,0.3,2.0,0.35,1.9,0.1\n1,0.5,1.5,0.52,1.4,0.1\n2,0.7,1.0,0.69,1.1,0.01\n";
    const created = await upload(keras, "training.log", { "idempotency-key": "upload-1" });
    expect(created.status).toBe(201);
    const { run } = await created.json();
    expect(run).toMatchObject({ format: "keras-csv", seed: 3, status: "finished", xAxis: "epoch" });
    expect(run.summary.accuracy.final).toBeCloseTo(0.69, 10);
    const replay = await upload(keras, "training.log", { "idempotency-key": "upload-1" });
    expect((await replay.json()).run.id).toBe(run.id);

    const before = await runCount();
    const ragged = await upload("epoch,loss,accuracy\n0,2.0,0.3\n1,1.5\n", "log.csv");
    expect(ragged.status).toBe(422);
    expect((await ragged.json()).error.message).toMatch(/line 3/);
    expect(await runCount()).toBe(before);
  });

  it("uploads an MLflow run zip, a W&B history and an MLPerf log whose quality metric is not an accuracy", async () => {
    const upload = async (name: string) => {
      const form = new FormData();
      form.set("file", new Blob([readFileSync(new URL(`../lib/runlogs/fixtures/${name}`, import.meta.url))]), name);
      form.set("taskId", "cifar10-wrn");
      form.set("tier", "full");
      const response = await runUploadRoute.POST(new Request(`${BASE}/runs/upload`, { method: "POST", headers: auth, body: form }));
      expect(response.status).toBe(201);
      return (await response.json()).run;
    };
    const mlflow = await upload("mlflow-run.zip");
    expect(mlflow).toMatchObject({ format: "mlflow", xAxis: "step" });
    expect(mlflow.summary.accuracy.final).toBeCloseTo(0.6, 10);
    expect(await upload("wandb-history.csv")).toMatchObject({ format: "wandb", xAxis: "step" });
    // A word error rate is no accuracy: nothing to rank. Samples are stored on the step axis.
    expect((await upload("mlperf-rnnt.log")).summary.accuracy.final ?? null).toBeNull();
    expect(await upload("mlperf-llama2-lora.log")).toMatchObject({ format: "mllog", xAxis: "step" });
  });

  it("takes a large log from the upload form in batches, signed in by the session cookie, as the single request stores it", async () => {
    const owner = await createUser(handle.db, { email: "browser@example.org" });
    const sessionToken = "browser-session";
    await createSession(handle.db, { sessionToken, userId: owner.id, expires: new Date(Date.now() + 3_600_000) });
    const cookie = { cookie: `next-auth.session-token=${sessionToken}` };
    const parsed = parseDefinition({ kind: "multiStep", lr: 0.1, milestones: [2000], unit: "iteration" });
    if (!parsed.ok) throw new Error("bad fixture");
    const schedule = await createSchedule(handle.db, { name: "browser multistep", definition: parsed.definition, visibility: "unlisted", ownerId: owner.id });
    // 4,000 steps of three metrics: 12,000 points, two batches; steps fit the cifar10-wrn full tier's budget.
    const lines = ["step,loss,val_accuracy,lr"];
    for (let step = 0; step < 4000; step++) lines.push(`${step},${(2 / (1 + step)).toFixed(6)},${Math.min(0.9, step / 4000).toFixed(6)},${step < 2000 ? 0.1 : 0.01}`);
    const form = (text: string) => {
      const data = new FormData();
      for (const [key, value] of Object.entries({ format: "", taskId: "cifar10-wrn", tier: "full", scheduleId: schedule.id, name: "from the form", seed: "5", precision: "bf16" })) data.set(key, value);
      data.set("file", new File([text], "train.csv"));
      return data;
    };
    const routed = routeFetch();
    const fetch = (url: string, init: RequestInit) => routed(url, { ...init, headers: { ...(init.headers as Record<string, string>), ...cookie } });
    const batched = (text: string) => uploadInBatches(form(text), { fetch, origin: "http://lrbench.test", idempotencyKey: crypto.randomUUID(), sleep: async () => {} });

    const progress: string[] = [];
    const { runId } = await uploadInBatches(form(`${lines.join("\n")}\n`), { fetch, origin: "http://lrbench.test", idempotencyKey: "browser-1", onProgress: (p) => progress.push(p.text) });
    expect(progress).toContain("Sending batch 2 of 2");
    const single = await runUploadRoute.POST(new Request(`${BASE}/runs/upload`, { method: "POST", headers: cookie, body: form(`${lines.join("\n")}\n`) }));
    expect(single.status).toBe(201);
    const singleId = (await single.json()).run.id;
    // Everything but the row's identity and times.
    const stored = async (id: string) => {
      const [run] = await handle.db.select().from(runs).where(eq(runs.id, id));
      return { ...run, id: undefined, createdAt: undefined, finishedAt: undefined };
    };
    const fromBatches = await stored(runId);
    expect(fromBatches).toMatchObject({ ownerId: owner.id, status: "finished", format: "csv", xAxis: "step", seed: 5, precision: "bf16", scheduleId: schedule.id, visibility: "unlisted", pointCount: 12_000, claimCheck: { status: "matches" } });
    expect(fromBatches).toEqual(await stored(singleId));
    expect(await readSeries(handle.db, runId)).toEqual(await readSeries(handle.db, singleId));

    // A log past the tier's budget: the second batch is refused, and the run already created is deleted.
    const owned = async () => (await handle.db.select({ n: count() }).from(runs).where(eq(runs.ownerId, owner.id)))[0].n;
    const before = await owned();
    const long = ["step,loss"];
    for (let step = 0; step < 80_000; step += 5) long.push(`${step},1`);
    const refused = await batched(`${long.join("\n")}\n`).catch((error: Error) => error.message);
    expect(refused).toMatch(/^Sending batch 2 of 2 failed: points: x \d+ is past the 78200 steps of tier 'full' of cifar10-wrn\. The upload was rolled back/);
    expect(await owned()).toBe(before);

    // A resumed log (steps 40,000 on): logs are read as numbered from their first step, so its x, not its
    // length, is what the budget limits; both paths refuse it and store nothing.
    const resumed = ["step,loss"];
    for (let step = 40_000; step < 80_000; step += 5) resumed.push(`${step},1`);
    const text = `${resumed.join("\n")}\n`;
    const singleRefused = await runUploadRoute.POST(new Request(`${BASE}/runs/upload`, { method: "POST", headers: cookie, body: form(text) }));
    expect(singleRefused.status).toBe(422);
    expect((await singleRefused.json()).error.message).toBe("epochs: the log spans 79995 steps, more than the 78200 of tier 'full' of cifar10-wrn (200 epochs of 391 iterations).");
    expect(await batched(text).catch((error: Error) => error.message)).toMatch(/failed: points: x 78205 is past the 78200 steps of tier 'full' of cifar10-wrn\. The upload was rolled back/);
    expect(await owned()).toBe(before);
  });

  it("compares runs of one schedule as a mean with a spread", async () => {
    const ids: string[] = [];
    for (const [seed, offset] of [[1, 0], [2, 0.1]] as const) {
      const points = Array.from({ length: 5 }, (_, epoch) => ({ name: "test_acc", x: epoch, value: 0.5 + offset + epoch * 0.01 }));
      const { run } = await (await createRun({ taskId: "ps10-noise", tier: "smoke", seed, schedule: { kind: "constant", lr: 0.1 }, points })).json();
      await finish(run.id);
      ids.push(run.id);
    }
    const comparison = await (await compareRoute.GET(new Request(`${BASE}/compare?runs=${ids.join(",")}&metric=test_acc`))).json();
    expect(comparison.runs).toHaveLength(2);
    expect(comparison.groups).toHaveLength(1);
    expect(comparison.groups[0].band[0].mean).toBeCloseTo(0.55, 10);
    expect(comparison.groups[0].band[0].std).toBeCloseTo(Math.SQRT2 * 0.05, 10);
    const wall = await (await compareRoute.GET(new Request(`${BASE}/compare?runs=${ids[0]}&axis=wall`))).json();
    expect(wall.skipped).toEqual([{ id: ids[0], reason: "has no wall_time series" }]);
  });
});
