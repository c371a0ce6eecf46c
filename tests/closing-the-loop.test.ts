/**
 * Issue 15 (3, 4, 5): a schedule's results as the leaderboard ranks them, editing a schedule only while
 * nothing was measured with it, renaming and deleting runs, the gallery's filters, and the
 * leaderboard's checked rows.
 */
import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

vi.mock("next/headers", () => ({ cookies: async () => ({ get: () => undefined }) }));

import * as runRoute from "@/app/api/v1/runs/[id]/route";
import * as scheduleRoute from "@/app/api/v1/schedules/[id]/route";
import * as pickRoute from "@/app/leaderboard/pick/route";
import { leaderboardFor, scheduleResults } from "@/app/_lib/operations/leaderboard";
import { finishWithFacts } from "@/app/_lib/operations/runs";
import { setDbForTesting, type DbHandle } from "@/db";
import { putArtifact } from "@/db/queries/artifacts";
import { submitJobs } from "@/db/queries/jobs";
import { createRun, insertPoints } from "@/db/queries/runs";
import { createSchedule, listPublicSchedules } from "@/db/queries/schedules";
import { createSession } from "@/db/queries/sessions";
import { createUser } from "@/db/queries/users";
import { artifacts, metricChunks, runEvents, runSeriesPreviews, runs, schedules } from "@/db/schema";
import { seedDb } from "@/db/seed";
import { leaderboardQuerySchema } from "@/lib/api/leaderboard";
import { taskRecipe } from "@/lib/baselines";
import { parseDefinition } from "@/lib/schedules";
import { testDatabases } from "./helpers/databases";

const BASE = "http://lrbench.test";
const ctx = (id: string) => ({ params: Promise.resolve({ id }) });
const def = (input: unknown) => {
  const parsed = parseDefinition(input);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.definition;
};
const lrPoints = (epochs = 30) => Array.from({ length: epochs }, (_, e) => ({ name: "lr", x: e, value: e < 15 ? 0.1 : 0.01 }));
const accPoints = (final: number, epochs = 30) => Array.from({ length: epochs }, (_, e) => ({ name: "test_acc", x: e, value: e === epochs - 1 ? final : final / 2 }));

describe.each(testDatabases)("closing the loop on $name", ({ open }) => {
  let handle: DbHandle;
  let owner: { id: string; cookie: string };
  let other: { id: string; cookie: string };
  let admin: { id: string; cookie: string };

  const as = (who: { cookie: string } | null, init: RequestInit = {}) => {
    const headers = new Headers(init.headers);
    if (who) headers.set("cookie", `next-auth.session-token=${who.cookie}`);
    if (init.body) headers.set("content-type", "application/json");
    return { ...init, headers };
  };
  const patchRun = (id: string, who: { cookie: string } | null, body: unknown) =>
    runRoute.PATCH(new Request(`${BASE}/api/v1/runs/${id}`, as(who, { method: "PATCH", body: JSON.stringify(body) })), ctx(id));
  const deleteRun = (id: string, who: { cookie: string } | null) => runRoute.DELETE(new Request(`${BASE}/api/v1/runs/${id}`, as(who, { method: "DELETE" })), ctx(id));
  const patchSchedule = (id: string, who: { cookie: string } | null, body: unknown) =>
    scheduleRoute.PATCH(new Request(`${BASE}/api/v1/schedules/${id}`, as(who, { method: "PATCH", body: JSON.stringify(body) })), ctx(id));

  async function person(email: string, role?: "admin") {
    const user = await createUser(handle.db, { email, ...(role ? { role } : {}) });
    const cookie = `session-${user.id}`;
    await createSession(handle.db, { sessionToken: cookie, userId: user.id, expires: new Date(Date.now() + 3_600_000) });
    return { id: user.id, cookie };
  }

  /** A finished run with points, previews and events, as an upload or a worker leaves it. */
  async function finishedRun(input: { scheduleId: string | null; seed: number; final: number; source?: "uploaded" | "replayed"; ownerId?: string | null; visibility?: "public" | "private" }) {
    const run = await createRun(handle.db, {
      ownerId: input.ownerId === undefined ? owner.id : input.ownerId,
      taskId: "ps10-noise",
      tier: "smoke",
      scheduleId: input.scheduleId,
      seed: input.seed,
      source: input.source ?? "uploaded",
      xAxis: "epoch",
      visibility: input.visibility ?? "public",
    });
    await insertPoints(handle.db, run.id, [...lrPoints(), ...accPoints(input.final)]);
    return finishWithFacts(handle.db, { ...run, pointCount: 60 }, "finished");
  }

  beforeAll(async () => {
    process.env.LRBENCH_RATE_LIMIT_IP_PER_MIN = "100000";
    handle = await open();
    setDbForTesting(handle);
    await seedDb(handle.db);
    admin = await person("admin@example.org", "admin");
    owner = await person("owner@example.org");
    other = await person("other@example.org");
  });
  afterAll(async () => handle?.close());

  describe("renaming and deleting a run", () => {
    it("lets its owner rename it; another researcher gets 403 on a public run and 404 on a private one; a visitor 401", async () => {
      const run = await finishedRun({ scheduleId: null, seed: 1, final: 0.5 });
      const renamed = await patchRun(run.id, owner, { name: "  baseline, lr 0.1 " });
      expect(renamed.status).toBe(200);
      expect((await renamed.json()).run.name).toBe("baseline, lr 0.1");
      expect((await patchRun(run.id, owner, { name: "" })).status).toBe(200);
      expect((await handle.db.select().from(runs).where(eq(runs.id, run.id)))[0].name).toBeNull();
      expect((await patchRun(run.id, owner, { name: 7 })).status).toBe(422);
      expect((await patchRun(run.id, other, { name: "mine now" })).status).toBe(403);
      expect((await patchRun(run.id, null, { name: "anyone" })).status).toBe(401);
      const hidden = await finishedRun({ scheduleId: null, seed: 2, final: 0.5, visibility: "private" });
      expect((await patchRun(hidden.id, other, { name: "x" })).status).toBe(404);
      expect((await deleteRun(hidden.id, other)).status).toBe(404);
    });

    it("deletes an upload with its points, previews, events and artifacts in one go, for its owner only", async () => {
      const run = await finishedRun({ scheduleId: null, seed: 3, final: 0.5 });
      await putArtifact(handle.db, { runId: run.id, name: "m.onnx", kind: "model", epoch: null, contentType: "application/onnx", bytes: 1, sha256: "00", storage: "db", data: new Uint8Array([1]), s3Key: null });
      await handle.db.insert(runEvents).values({ runId: run.id, x: 15, type: "decay", data: {} });
      const left = async () =>
        Promise.all([metricChunks, runSeriesPreviews, runEvents, artifacts].map(async (table) => (await handle.db.select({ n: count() }).from(table).where(eq(table.runId, run.id)))[0].n));
      expect((await left()).every((n) => n > 0)).toBe(true);
      expect((await deleteRun(run.id, null)).status).toBe(401);
      expect((await deleteRun(run.id, other)).status).toBe(403);
      expect((await deleteRun(run.id, owner)).status).toBe(204);
      expect(await left()).toEqual([0, 0, 0, 0]);
      expect(await handle.db.select().from(runs).where(eq(runs.id, run.id))).toHaveLength(0);
      expect((await deleteRun(run.id, owner)).status).toBe(404);
    });

    it("keeps a replay's run, the schedule's measurement, from its owner (409); an admin may delete it", async () => {
      const schedule = await createSchedule(handle.db, { name: "Replayed", definition: def({ kind: "constant", lr: 0.1 }), visibility: "public", ownerId: owner.id });
      const run = await finishedRun({ scheduleId: schedule.id, seed: 0, final: 0.5, source: "replayed" });
      const refused = await deleteRun(run.id, owner);
      expect(refused.status).toBe(409);
      expect((await refused.json()).error.message).toMatch(/only an admin can delete it/);
      expect((await deleteRun(run.id, admin)).status).toBe(204);
    });
  });

  describe("editing a schedule", () => {
    it("changes it while nothing was measured with it, and refuses with 409 once it has a run or a job", async () => {
      const schedule = await createSchedule(handle.db, { name: "Draft", definition: def({ kind: "step", lr: 0.1, stepSize: 10 }), visibility: "public", ownerId: owner.id });
      expect((await patchSchedule(schedule.id, other, { name: "Taken" })).status).toBe(403);
      expect((await patchSchedule(schedule.id, null, { name: "Taken" })).status).toBe(401);
      const bad = await patchSchedule(schedule.id, owner, { definition: { kind: "step", lr: -1, stepSize: 10 } });
      expect(bad.status).toBe(422);
      expect((await bad.json()).error.message).toMatch(/lr must be a number >= 0/);
      const changed = await patchSchedule(schedule.id, owner, { name: "Step 5", description: "", definition: { kind: "multiStep", lr: 0.05, milestones: ["50%"] } });
      expect(changed.status).toBe(200);
      const [stored] = await handle.db.select().from(schedules).where(eq(schedules.id, schedule.id));
      expect(stored).toMatchObject({ name: "Step 5", kind: "multiStep", description: null, definition: { kind: "multiStep", lr: 0.05 } });

      await submitJobs(handle.db, { scheduleId: schedule.id, definition: stored.definition, taskId: "ps10-noise", tier: "smoke", seeds: [0], submittedBy: owner.id });
      const refused = await patchSchedule(schedule.id, owner, { name: "Renamed after replays" });
      expect(refused.status).toBe(409);
      expect((await refused.json()).error.message).toMatch(/fork it to change it/);

      const measured = await createSchedule(handle.db, { name: "Measured", definition: def({ kind: "constant", lr: 0.1 }), visibility: "public", ownerId: owner.id });
      await finishedRun({ scheduleId: measured.id, seed: 0, final: 0.5 });
      expect((await patchSchedule(measured.id, owner, { definition: { kind: "constant", lr: 0.2 } })).status).toBe(409);
    });
  });

  describe("a schedule's results", () => {
    it("are the leaderboard's own rows, with its ranks, a link to the row and a head-to-head against the task's recipe", async () => {
      const strong = await createSchedule(handle.db, { name: "Strong", definition: def({ kind: "constant", lr: 0.05 }), visibility: "public", ownerId: owner.id });
      const weak = await createSchedule(handle.db, { name: "Weak", definition: def({ kind: "constant", lr: 0.2 }), visibility: "public", ownerId: owner.id });
      for (const seed of [0, 1, 2]) {
        await finishedRun({ scheduleId: strong.id, seed, final: 0.9 + seed * 0.001, source: "replayed", ownerId: null });
        await finishedRun({ scheduleId: weak.id, seed, final: 0.5 + seed * 0.001, source: "replayed", ownerId: null });
      }
      await finishedRun({ scheduleId: weak.id, seed: 9, final: 0.6 });

      const results = await scheduleResults(handle.db, weak.id);
      expect(results.map((r) => [r.taskId, r.tier, r.row.verified, r.row.seeds])).toEqual([
        ["ps10-noise", "smoke", true, 3],
        ["ps10-noise", "smoke", false, 1],
      ]);
      const board = await leaderboardFor(handle.db, leaderboardQuerySchema.parse({ task: "ps10-noise", tier: "smoke" }), "all");
      const onBoard = board.find((r) => r.scheduleId === weak.id && r.verified)!;
      expect(results[0].row.rankLabel).toBe(onBoard.rankLabel);
      expect(results[0].row.rank).toBe(2);
      expect(results[1].row.rankLabel).toBeNull();
      expect(results[0].href).toBe(`/leaderboard?task=ps10-noise&tier=smoke&page=1#row-${weak.id}-replayed-none`);
      expect(results[1].href).toContain("upage=1");
      const recipe = (await listPublicSchedules(handle.db)).find((s) => s.name === taskRecipe("ps10-noise").name)!;
      expect(results[0].headToHead).toBe(`/head-to-head?a=${recipe.id}&b=${weak.id}&task=ps10-noise&tier=smoke`);
      expect(await scheduleResults(handle.db, (await createSchedule(handle.db, { name: "Unrun", definition: def({ kind: "constant", lr: 0.3 }), visibility: "public" })).id)).toEqual([]);

      // The board's checked rows: a compare of the schedules' seed runs, a head-to-head of two.
      const pick = async (query: string) => pickRoute.GET(new Request(`${BASE}/leaderboard/pick?${query}`));
      const compare = await pick(`task=ps10-noise&tier=smoke&to=compare&row=${strong.id}&row=${weak.id}`);
      expect(compare.status).toBe(303);
      const runIds = new URL(compare.headers.get("location")!).searchParams.get("runs")!.split(",");
      expect(runIds).toHaveLength(3 + 4);
      const versus = await pick(`task=ps10-noise&tier=smoke&to=head-to-head&row=${strong.id}&row=${weak.id}`);
      expect(versus.headers.get("location")).toBe(`${BASE}/head-to-head?a=${strong.id}&b=${weak.id}&task=ps10-noise&tier=smoke`);
      expect((await pick(`task=ps10-noise&tier=smoke&to=head-to-head&row=${strong.id}`)).headers.get("location")).toMatch(/notice=pick-two/);
    });
  });

  describe("the gallery's filters", () => {
    it("filter public schedules by kind and by words in the name or description, in the database", async () => {
      await createSchedule(handle.db, { name: "Warm cosine 100%", description: "Cosine that warms up", definition: def({ kind: "cosine", lr: 0.1, tMax: 10 }), visibility: "public" });
      await createSchedule(handle.db, { name: "Hidden cosine", definition: def({ kind: "cosine", lr: 0.1, tMax: 10 }), visibility: "private", ownerId: owner.id });
      const cosines = await listPublicSchedules(handle.db, { kind: "cosine" });
      expect(cosines.length).toBeGreaterThan(0);
      expect(cosines.every((s) => s.kind === "cosine")).toBe(true);
      expect(cosines.some((s) => s.name === "Hidden cosine")).toBe(false);
      expect((await listPublicSchedules(handle.db, { search: "WARMS UP" })).map((s) => s.name)).toEqual(["Warm cosine 100%"]);
      // % is the character, not a wildcard.
      expect((await listPublicSchedules(handle.db, { search: "100%" })).map((s) => s.name)).toEqual(["Warm cosine 100%"]);
      expect(await listPublicSchedules(handle.db, { kind: "cosine", search: "no such words" })).toEqual([]);
    });
  });
});
