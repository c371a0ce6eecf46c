import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

vi.mock("next/headers", () => ({ cookies: async () => ({ get: () => undefined }) }));

import * as leaderboardRoute from "@/app/api/v1/leaderboard/route";
import { setDbForTesting, type DbHandle } from "@/db";
import { seedResults } from "@/db/queries/leaderboard";
import { createRun, finishRun } from "@/db/queries/runs";
import { runs } from "@/db/schema";
import { eq } from "drizzle-orm";
import { createSchedule } from "@/db/queries/schedules";
import { seedDb } from "@/db/seed";
import { parseDefinition } from "@/lib/schedules";
import { serverlessTestDatabases } from "./helpers/databases";

const def = (input: unknown) => {
  const parsed = parseDefinition(input);
  if (!parsed.ok) throw new Error("bad fixture");
  return parsed.definition;
};

describe.each(serverlessTestDatabases)("leaderboard on $name", ({ open }) => {
  let handle: DbHandle;
  let stepId: string;
  let autoId: string;

  async function addRun(scheduleId: string, seed: number, final: number, source: "uploaded" | "replayed", epochsToTarget: number | null) {
    const run = await createRun(handle.db, { ownerId: null, taskId: "ps10-noise", tier: "smoke", scheduleId, seed, source, xAxis: "epoch", engine: "tfjs", device: "cpu" });
    await finishRun(handle.db, run.id, {
      status: "finished",
      events: [],
      summary: { accuracy: { final, best: final + 0.01, bestX: 20 }, epochs: 30, timeToTarget: epochsToTarget === null ? null : { x: epochsToTarget, wallSeconds: null } },
    });
  }

  beforeAll(async () => {
    handle = await open();
    setDbForTesting(handle);
    await seedDb(handle.db);
    stepId = (await createSchedule(handle.db, { name: "Step", definition: def({ kind: "multiStep", lr: 0.1, milestones: [15, 25] }), visibility: "public" })).id;
    autoId = (await createSchedule(handle.db, { name: "Auto", definition: def({ kind: "autoDecay", lr: 0.1 }), visibility: "public" })).id;
    // Step: 0.30, 0.32, 0.34 replayed -> mean 0.32, sd 0.02; t(0.975, 2) = 4.302652730 -> half-width 0.0496832...
    for (const [seed, final] of [[0, 0.3], [1, 0.32], [2, 0.34]] as const) await addRun(stepId, seed, final, "replayed", 15);
    // Auto: two replayed seeds (fewer than 3) and one self-reported upload.
    await addRun(autoId, 0, 0.36, "replayed", 12);
    await addRun(autoId, 1, 0.38, "replayed", null);
    await addRun(autoId, 0, 0.9, "uploaded", 5);
    // A run on another tier never mixes in.
    const other = await createRun(handle.db, { ownerId: null, taskId: "ps10-noise", tier: "full", scheduleId: stepId, seed: 9, source: "replayed", xAxis: "epoch" });
    await finishRun(handle.db, other.id, { status: "finished", events: [], summary: { accuracy: { final: 0.99, best: 0.99, bestX: 1 } } });
  });
  afterAll(async () => handle?.close());

  const get = async (query: string) => leaderboardRoute.GET(new Request(`http://lrbench.test/api/v1/leaderboard?${query}`));

  it("aggregates seeds per schedule and source with a t interval, and marks rows with few seeds", async () => {
    const { rows } = await (await get("task=ps10-noise&tier=smoke&source=all")).json();
    expect(rows.map((r: { scheduleName: string; source: string }) => `${r.scheduleName}/${r.source}`)).toEqual(["Step/replayed", "Auto/replayed", "Auto/uploaded"]);
    const step = rows.find((r: { scheduleName: string }) => r.scheduleName === "Step");
    expect(step.seeds).toBe(3);
    expect(step.meanFinal).toBeCloseTo(0.32, 12);
    const half = 4.30265273 * (0.02 / Math.sqrt(3));
    expect(step.ci95[0]).toBeCloseTo(0.32 - half, 6);
    expect(step.ci95[1]).toBeCloseTo(0.32 + half, 6);
    expect(step).toMatchObject({ verified: true, fewSeeds: false, rankLabel: "1", meanEpochsToTarget: 15, reachedTarget: 3, engine: "tfjs" });
    const auto = rows.find((r: { scheduleName: string; source: string }) => r.scheduleName === "Auto" && r.source === "replayed");
    expect(auto).toMatchObject({ seeds: 2, fewSeeds: true, rank: null, reachedTarget: 1, meanEpochsToTarget: 12 });
    expect(auto.meanFinal).toBeCloseTo(0.37, 12);
  });

  it("shows verified replays by default, uploads on request, and sorts by epochs to target", async () => {
    const verified = await (await get("task=ps10-noise&tier=smoke")).json();
    expect(verified.source).toBe("replayed");
    expect(verified.rows.every((r: { verified: boolean }) => r.verified)).toBe(true);
    expect(verified.rows).toHaveLength(2);
    const uploaded = (await (await get("task=ps10-noise&tier=smoke&source=uploaded")).json()).rows;
    expect(uploaded.map((r: { source: string }) => r.source)).toEqual(["uploaded"]);
    // Ranked rows first, then the unranked, each by the sort.
    const byTarget = (await (await get("task=ps10-noise&tier=smoke&sort=timeToTarget&source=all")).json()).rows;
    expect(byTarget.map((r: { meanEpochsToTarget: number }) => r.meanEpochsToTarget)).toEqual([15, 12, 5]);
  });

  it("exports CSV and refuses a bad query", async () => {
    const csv = await get("task=ps10-noise&tier=smoke&format=csv");
    expect(csv.headers.get("content-type")).toMatch(/text\/csv/);
    const lines = (await csv.text()).trim().split("\n");
    expect(lines[0]).toMatch(/^schedule,kind,source,verified,precision,rank,rank_shared,unranked_reason,seeds,mean_final_test_acc,ci95_low,ci95_high/);
    expect(lines).toHaveLength(3);
    expect(lines[2]).toMatch(/^Auto,autoDecay,replayed,yes,,,,2 seeds: ranking needs at least 3,2,0\.37/);
    const bad = await get("task=ps10-noise&tier=smoke&source=mine");
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.message).toMatch(/source must be one of replayed, uploaded, all/);
  });

  it("keeps runs of a previous task version out of the aggregate and the head-to-head seeds", async () => {
    const old = await createRun(handle.db, { ownerId: null, taskId: "ps10-noise", tier: "smoke", scheduleId: stepId, seed: 5, source: "replayed", xAxis: "epoch" });
    expect(old.taskVersion).toBe(2);
    await finishRun(handle.db, old.id, { status: "finished", events: [], summary: { accuracy: { final: 0.99, best: 0.99, bestX: 1 }, epochs: 30 } });
    // As the migration leaves a run made before ps10-noise's version 2.
    await handle.db.update(runs).set({ taskVersion: 1 }).where(eq(runs.id, old.id));
    const { rows } = await (await get("task=ps10-noise&tier=smoke")).json();
    const step = rows.find((r: { scheduleName: string }) => r.scheduleName === "Step");
    expect(step.seeds).toBe(3);
    expect(step.meanFinal).toBeCloseTo(0.32, 12);
    expect((await seedResults(handle.db, stepId, "ps10-noise", "smoke")).map((r) => r.seed)).toEqual([0, 1, 2]);
  });
});
