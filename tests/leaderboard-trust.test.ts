/**
 * Issue 11's trustworthy leaderboard through the API: uploads checked against their claims (budget,
 * schedule), schedule files linked to schedules, epochs counted, precision kept apart, unknown
 * task or tier a 404, and neither a one-seed upload nor a contradicting one above 3-seed replays.
 */
import { and, count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

vi.mock("next/headers", () => ({ cookies: async () => ({ get: () => undefined }) }));

import * as leaderboardRoute from "@/app/api/v1/leaderboard/route";
import * as runsRoute from "@/app/api/v1/runs/route";
import * as runPointsRoute from "@/app/api/v1/runs/[id]/points/route";
import * as runFinishRoute from "@/app/api/v1/runs/[id]/finish/route";
import * as runUploadRoute from "@/app/api/v1/runs/upload/route";
import { resolveActor } from "@/app/_lib/auth/actor";
import { claimAs } from "@/app/_lib/operations/jobs";
import { finishWithFacts } from "@/app/_lib/operations/runs";
import { setDbForTesting, type DbHandle } from "@/db";
import { submitJobs } from "@/db/queries/jobs";
import { createRun, getRun, insertPoints } from "@/db/queries/runs";
import { createSchedule } from "@/db/queries/schedules";
import { createApiToken } from "@/db/queries/tokens";
import { createUser } from "@/db/queries/users";
import { registerWorker } from "@/db/queries/workers";
import { runs, schedules } from "@/db/schema";
import { seedDb } from "@/db/seed";
import { parseDefinition } from "@/lib/schedules";
import { testDatabases } from "./helpers/databases";

const BASE = "http://lrbench.test/api/v1";
const ctx = (id: string) => ({ params: Promise.resolve({ id }) });
const def = (input: unknown) => {
  const parsed = parseDefinition(input);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.definition;
};
const STEP = { kind: "multiStep", lr: 0.1, milestones: [15, 25], gamma: 0.1 };
/** StepDecay's lr over ps10-noise smoke's 30 epochs, 0-based, dropping at the given epochs. */
const lrPoints = (drops: number[], epochs = 30, base = 0) =>
  Array.from({ length: epochs }, (_, e) => ({ name: "lr", x: e + base, value: 0.1 * 0.1 ** drops.filter((d) => e >= d).length }));
const accPoints = (final: number, epochs = 30, base = 0) =>
  Array.from({ length: epochs }, (_, e) => ({ name: "test_acc", x: e + base, value: e === epochs - 1 ? final : final / 2 }));

describe.each(testDatabases)("trustworthy leaderboard on $name", ({ open }) => {
  let handle: DbHandle;
  let auth: Record<string, string>;
  let userId: string;
  let stepId: string;

  const post = (url: string, body: unknown) =>
    new Request(url, { method: "POST", headers: { ...auth, "content-type": "application/json" }, body: JSON.stringify(body) });
  const createViaApi = (body: unknown) => runsRoute.POST(post(`${BASE}/runs`, body));
  const append = (id: string, body: unknown) => runPointsRoute.POST(post(`${BASE}/runs/${id}/points`, body), ctx(id));
  const finish = (id: string) => runFinishRoute.POST(post(`${BASE}/runs/${id}/finish`, {}), ctx(id));
  const uploadLog = (fields: Record<string, string>, series: Record<string, [number, number][]>) => {
    const form = new FormData();
    for (const [k, v] of Object.entries(fields)) form.set(k, v);
    form.set("file", new Blob([JSON.stringify({ format: "lrbench", version: 1, xAxis: "epoch", series })]), "run.json");
    return runUploadRoute.POST(new Request(`${BASE}/runs/upload`, { method: "POST", headers: auth, body: form }));
  };
  const board = async (query: string) => leaderboardRoute.GET(new Request(`${BASE}/leaderboard?${query}`));
  const runsOf = async (ownerId: string) => (await handle.db.select({ n: count() }).from(runs).where(eq(runs.ownerId, ownerId)))[0].n;

  /** A replay as the worker leaves it: 0-based epochs 0..29, finished through the same operation. */
  async function replay(scheduleId: string, seed: number, final: number, precision: string | null = null) {
    const run = await createRun(handle.db, { ownerId: null, taskId: "ps10-noise", tier: "smoke", scheduleId, seed, source: "replayed", xAxis: "epoch", precision });
    await insertPoints(handle.db, run.id, [...lrPoints([15, 25]), ...accPoints(final)]);
    return finishWithFacts(handle.db, { ...run, pointCount: 60 }, "finished");
  }

  beforeAll(async () => {
    process.env.LRBENCH_RATE_LIMIT_IP_PER_MIN = "100000";
    process.env.LRBENCH_RATE_LIMIT_TOKEN_PER_MIN = "100000";
    handle = await open();
    setDbForTesting(handle);
    await seedDb(handle.db);
    userId = (await createUser(handle.db, { email: "uploader@example.org" })).id;
    auth = { authorization: `Bearer ${(await createApiToken(handle.db, { userId, name: "ci", scopes: ["runs:write"] })).secret}` };
    stepId = (await createSchedule(handle.db, { name: "Step 15/25", definition: def(STEP), visibility: "public" })).id;
    for (const [seed, final] of [[0, 0.5], [1, 0.52], [2, 0.54]] as const) await replay(stepId, seed, final);
  });
  afterAll(async () => handle?.close());

  it("counts 30 epochs for the worker's 0..29 and for an uploaded 1..30, in the run and on the board", async () => {
    const { rows } = await (await board("task=ps10-noise&tier=smoke")).json();
    expect(rows[0]).toMatchObject({ scheduleId: stepId, meanEpochs: 30, seeds: 3, rankLabel: "1", verified: true });
    const response = await uploadLog({ taskId: "ps10-noise", tier: "smoke" }, {
      lr: lrPoints([15, 25], 30, 1).map((p) => [p.x, p.value]),
      test_acc: accPoints(0.4, 30, 1).map((p) => [p.x, p.value]),
    });
    expect(response.status).toBe(201);
    const { run } = await response.json();
    expect([run.summary.firstX, run.summary.lastX, run.summary.epochs, run.epochsUsed]).toEqual([1, 30, 30, 30]);
  });

  it("refuses a 20-epoch log on a 10-epoch tier with a 422 naming both, and stores nothing", async () => {
    const before = await runsOf(userId);
    const series = { lr: Array.from({ length: 20 }, (_, e): [number, number] => [e, 0.1]), test_acc: Array.from({ length: 20 }, (_, e): [number, number] => [e, 0.5]) };
    const response = await uploadLog({ taskId: "cifar10-wrn", tier: "smoke" }, series);
    expect(response.status).toBe(422);
    expect((await response.json()).error.message).toBe("epochs: the log spans 20 epochs (x 0 to 19), more than the 10 epochs of tier 'smoke' of cifar10-wrn.");
    expect(await runsOf(userId)).toBe(before);
  });

  it("refuses points past the budget as they arrive, and an 11th epoch at finish", async () => {
    const { run } = await (await createViaApi({ taskId: "cifar10-wrn", tier: "smoke" })).json();
    const late = await append(run.id, { seq: 0, points: [{ name: "lr", x: 19, value: 0.1 }] });
    expect(late.status).toBe(422);
    expect((await late.json()).error.message).toBe("points: x 19 is past the 10 epochs of tier 'smoke' of cifar10-wrn.");
    expect((await append(run.id, { seq: 0, points: Array.from({ length: 11 }, (_, e) => ({ name: "test_acc", x: e, value: 0.5 })) })).status).toBe(201);
    const finished = await finish(run.id);
    expect(finished.status).toBe(422);
    expect((await finished.json()).error.message).toMatch(/^epochs: the log spans 11 epochs/);
    expect((await getRun(handle.db, run.id))!.status).toBe("running");
  });

  it("stores an lr that contradicts the claimed schedule flagged, with the reason, and ranks it nowhere", async () => {
    const ids: string[] = [];
    for (const seed of [0, 1, 2]) {
      const { run } = await (await createViaApi({ taskId: "ps10-noise", tier: "smoke", scheduleId: stepId, seed, points: [...lrPoints([15]), ...accPoints(0.99)] })).json();
      const response = await finish(run.id);
      expect(response.status).toBe(200);
      ids.push(run.id);
    }
    const stored = (await getRun(handle.db, ids[0]))!;
    expect(stored.claimCheck!.status).toBe("mismatch");
    expect(stored.claimCheck!.reason).toMatch(/^schedule mismatch: at epoch 26 the log's lr is 0\.01, the claimed multiStep resolved for 30 epochs gives 0\.001/);
    expect(stored.claimCheck!.reason).toMatch(/The claim decays at epoch 15, 25; the log at 15\.$/);
    for (const source of ["replayed", "uploaded", "all"]) {
      const { rows } = await (await board(`task=ps10-noise&tier=smoke&source=${source}`)).json();
      expect(rows.every((r: { meanFinal: number }) => r.meanFinal < 0.9)).toBe(true);
    }
  });

  it("keeps a one-seed upload that beats the replays out of the default view and below them, unranked", async () => {
    const response = await uploadLog({ taskId: "ps10-noise", tier: "smoke", scheduleId: stepId, seed: "7" }, {
      lr: lrPoints([15, 25]).map((p) => [p.x, p.value]),
      test_acc: accPoints(0.97).map((p) => [p.x, p.value]),
    });
    expect(response.status).toBe(201);
    expect((await response.json()).run.claimCheck.status).toBe("matches");
    const verified = await (await board("task=ps10-noise&tier=smoke")).json();
    expect(verified.source).toBe("replayed");
    expect(verified.rows.map((r: { source: string }) => r.source)).toEqual(["replayed"]);
    const all = (await (await board("task=ps10-noise&tier=smoke&source=all")).json()).rows;
    expect(all.map((r: { source: string; rankLabel: string | null; unrankedReason: string | null }) => [r.source, r.rankLabel, r.unrankedReason])).toEqual([
      ["replayed", "1", null],
      ["uploaded", null, "1 seed: ranking needs at least 3"],
    ]);
    const csv = (await (await board("task=ps10-noise&tier=smoke&source=uploaded&format=csv")).text()).trim().split("\n");
    expect(csv[0]).toMatch(/^schedule,kind,source,verified,precision,rank,rank_shared,unranked_reason,seeds,/);
    expect(csv[1]).toMatch(/^Step 15\/25,multiStep,uploaded,no,,,,1 seed: ranking needs at least 3,1,0\.97,/);
  });

  it("links a schedule file to the schedule with the same definition, else to a new one the uploader owns", async () => {
    const halving = { kind: "multiStep", lr: 0.2, milestones: [10, 20], gamma: 0.5 };
    const existing = await createSchedule(handle.db, { name: "Halving", definition: def(halving), visibility: "public" });
    const reordered = { gamma: 0.5, milestones: [10, 20], lr: 0.2, kind: "multiStep" };
    const linked = (await (await createViaApi({ taskId: "ps10-noise", tier: "smoke", schedule: reordered })).json()).run;
    expect(linked.scheduleId).toBe(existing.id);
    expect(linked.scheduleDefinition).toMatchObject(halving);

    // Someone else's private schedule with the definition is neither linked nor revealed.
    const other = await createUser(handle.db, { email: "other@example.org" });
    const cosine = { kind: "cosine", lr: 0.05, tMax: 30 };
    const hidden = await createSchedule(handle.db, { name: "secret", definition: def(cosine), visibility: "private", ownerId: other.id });
    const first = (await (await createViaApi({ taskId: "ps10-noise", tier: "smoke", schedule: cosine })).json()).run;
    expect(first.scheduleId).not.toBe(hidden.id);
    const [created] = await handle.db.select().from(schedules).where(eq(schedules.id, first.scheduleId));
    expect(created).toMatchObject({ ownerId: userId, visibility: "public", kind: "cosine" });
    const again = (await (await createViaApi({ taskId: "ps10-noise", tier: "smoke", schedule: cosine })).json()).run;
    expect(again.scheduleId).toBe(first.scheduleId);
    const owned = await handle.db.select({ n: count() }).from(schedules).where(and(eq(schedules.ownerId, userId), eq(schedules.kind, "cosine")));
    expect(owned[0].n).toBe(1);
  });

  it("records precision from the worker's claim and the upload, and never mixes two in a row", async () => {
    const admin = await createUser(handle.db, { email: "ops@example.org", role: "admin" });
    const worker = await registerWorker(handle.db, { name: "w", ownerId: admin.id });
    await submitJobs(handle.db, { scheduleId: stepId, definition: def(STEP), taskId: "ps10-noise", tier: "smoke", seeds: [0], submittedBy: userId });
    const claimed = (await claimAs(handle.db, await resolveActor(handle.db, `Bearer ${worker.secret}`, null), { tasks: ["ps10-noise"], precision: "bf16" }))!;
    expect((await getRun(handle.db, claimed.runId))!.precision).toBe("bf16");

    const bad = await createViaApi({ taskId: "ps10-noise", tier: "smoke", precision: "fp8" });
    expect(bad.status).toBe(422);
    expect((await bad.json()).error.message).toMatch(/precision must be one of fp32, bf16/);

    for (const seed of [0, 1, 2]) await replay(stepId, seed, 0.6, "bf16");
    const { rows } = await (await board("task=ps10-noise&tier=smoke")).json();
    expect(rows.map((r: { precision: string | null; seeds: number }) => [r.precision, r.seeds])).toEqual([
      ["bf16", 3],
      [null, 3],
    ]);
  });

  it("answers an unknown task or tier with a 404 naming the valid ones", async () => {
    const task = await board("task=nope&tier=smoke");
    expect(task.status).toBe(404);
    expect((await task.json()).error.message).toBe("task 'nope' is not a task; the tasks are cifar10-wrn, fashion-mnist, imagenet-subset-transfer, ps10-noise.");
    const tier = await board("task=ps10-noise&tier=huge");
    expect(tier.status).toBe(404);
    expect((await tier.json()).error.message).toBe("tier 'huge' is not a tier of ps10-noise; its tiers are smoke, short, full.");
  });
});
