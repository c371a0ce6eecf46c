import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

vi.mock("next/headers", () => ({ cookies: async () => ({ get: () => undefined }) }));

import * as profilesRoute from "@/app/api/v1/profiles/route";
import { finishWithFacts } from "@/app/_lib/operations/runs";
import { setDbForTesting, type DbHandle } from "@/db";
import { analysisRuns, jumpAggregates } from "@/db/queries/analyses";
import { createRun, finishRun, insertPoints, type MetricPointInput } from "@/db/queries/runs";
import { createSchedule } from "@/db/queries/schedules";
import { seedDb } from "@/db/seed";
import { jumpTable, PS10_SUBSETS, runDecays, stageTable } from "@/lib/analysis";
import { openApiDocument } from "@/lib/api/openapi";
import { profilesResponseSchema } from "@/lib/api/profiles";
import { parseDefinition } from "@/lib/schedules";
import { transferTable } from "@/lib/tasks/transfer";
import { testDatabases } from "./helpers/databases";

const def = (input: unknown) => {
  const parsed = parseDefinition(input);
  if (!parsed.ok) throw new Error("bad fixture");
  return parsed.definition;
};

const epochs = (n: number, f: (x: number) => number, name: string): MetricPointInput[] =>
  Array.from({ length: n }, (_, x) => ({ name, x, value: f(x) }));
// 0.1 until epoch 3, 0.01 until 6, then 0.001: decays at 3 and 6, read off the lr series on finish.
const stepLr = (x: number) => (x < 3 ? 0.1 : x < 6 ? 0.01 : 0.001);

describe.each(testDatabases)("task analyses and profiles on $name", ({ open }) => {
  let handle: DbHandle;
  let stepId: string;
  let autoId: string;

  async function addRun(
    taskId: string,
    scheduleId: string,
    seed: number,
    points: MetricPointInput[],
    options: { tier?: string; source?: "uploaded" | "replayed" } = {},
  ) {
    const run = await createRun(handle.db, {
      ownerId: null,
      taskId,
      tier: options.tier ?? "smoke",
      scheduleId,
      seed,
      source: options.source ?? "replayed",
      xAxis: "epoch",
    });
    await insertPoints(handle.db, run.id, points);
    await finishWithFacts(handle.db, { ...run, pointCount: points.length }, "finished");
  }

  /** A run whose only fact that matters is its time to target. */
  async function addTimed(taskId: string, scheduleId: string, seed: number, epochsToTarget: number | null, extra: { source?: "uploaded" | "replayed"; xAxis?: "epoch" | "step" } = {}) {
    const run = await createRun(handle.db, { ownerId: null, taskId, tier: "full", scheduleId, seed, source: extra.source ?? "replayed", xAxis: extra.xAxis ?? "epoch" });
    await finishRun(handle.db, run.id, {
      status: "finished",
      events: [],
      summary: { accuracy: { final: 0.9, best: 0.9, bestX: 9 }, epochs: 50, timeToTarget: epochsToTarget === null ? null : { x: epochsToTarget, wallSeconds: null } },
    });
  }

  beforeAll(async () => {
    handle = await open();
    setDbForTesting(handle);
    await seedDb(handle.db);
    stepId = (await createSchedule(handle.db, { name: "Step", definition: def({ kind: "multiStep", lr: 0.1, milestones: [3, 6] }), visibility: "public" })).id;
    autoId = (await createSchedule(handle.db, { name: "Auto", definition: def({ kind: "autoDecay", lr: 0.1 }), visibility: "public" })).id;

    // ps10-noise: Step seeds 0 and 1 over 9 epochs; seed s learns simple patterns to 0.6 + 0.1 s in stage 1.
    for (const seed of [0, 1]) {
      await addRun("ps10-noise", stepId, seed, [
        ...epochs(9, stepLr, "lr"),
        ...epochs(9, (x) => (x < 3 ? 0.6 + 0.1 * seed : x < 6 ? 0.9 : 0.95), "train_acc_simple"),
        ...epochs(9, (x) => (x < 3 ? 0.2 : x < 6 ? 0.5 + 0.1 * seed : 0.8), "train_acc_complex"),
        ...epochs(9, (x) => (x < 6 ? 0.05 : 0.1 + 0.1 * seed), "train_acc_noise"),
        // Above the ps10 smoke target (0.85), so the pair counts in the profiles.
        ...epochs(9, () => 0.9, "test_acc"),
      ]);
    }
    // An older self-reported seed 0 is superseded by the replay; a run without subsets is not a ps10 analysis.
    await addRun("ps10-noise", stepId, 0, [...epochs(9, stepLr, "lr"), ...epochs(9, () => 0.01, "train_acc_simple")], { source: "uploaded" });
    await addRun("ps10-noise", autoId, 0, [...epochs(9, stepLr, "lr"), ...epochs(9, () => 0.88, "test_acc")]);

    // cifar10-wrn: seed s jumps 0.2 + 0.01 s at the first decay and 0.05 + 0.01 s at the second.
    for (const seed of [0, 1, 2]) {
      await addRun("cifar10-wrn", stepId, seed, [
        ...epochs(12, stepLr, "lr"),
        ...epochs(12, (x) => (x < 3 ? 0.5 : x < 6 ? 0.7 + 0.01 * seed : 0.75 + 0.02 * seed), "test_acc"),
      ]);
    }

    // imagenet-subset-transfer: snapshots at the decay (epoch 3) and the end (epoch 8).
    await addRun("imagenet-subset-transfer", autoId, 0, [
      ...epochs(9, (x) => (x < 3 ? 0.1 : 0.2), "lr"),
      { name: "test_acc", x: 3, value: 0.5401 },
      { name: "test_acc", x: 8, value: 0.6933 },
      { name: "transfer/finetune/caltech256", x: 3, value: 0.7787 },
      { name: "transfer/finetune/caltech256", x: 8, value: 0.8273 },
    ]);

    // Times to target on the full tier (see the profiles test for the expected scores).
    await addTimed("ps10-noise", stepId, 0, 1, { source: "uploaded" });
    await addTimed("ps10-noise", stepId, 0, 10);
    await addTimed("ps10-noise", stepId, 1, 20);
    await addTimed("ps10-noise", autoId, 0, 30);
    await addTimed("ps10-noise", autoId, 1, null);
    await addTimed("ps10-noise", autoId, 5, 1, { xAxis: "step" });
    await addTimed("cifar10-wrn", stepId, 0, null);
    await addTimed("cifar10-wrn", stepId, 1, null);
    await addTimed("cifar10-wrn", autoId, 0, 0);
    await addTimed("cifar10-wrn", autoId, 1, 2);
    await addTimed("imagenet-subset-transfer", autoId, 0, null);
  });
  afterAll(async () => handle?.close());

  it("reads one run per schedule and seed with its subsets and decays, and tabulates stage ends", async () => {
    const names = [...PS10_SUBSETS.train, ...PS10_SUBSETS.test, "lr"];
    const runs = await analysisRuns(handle.db, { taskId: "ps10-noise", tier: "smoke" }, { names, signature: [...PS10_SUBSETS.train] });
    expect(runs.map((r) => [r.scheduleName, r.seed])).toEqual([["Step", 0], ["Step", 1]]);
    // What the schedule is, for the findings that look StepDecay and the controls up by role.
    expect(runs[0]).toMatchObject({ scheduleKind: "multiStep", scheduleDefinition: { kind: "multiStep", milestones: [3, 6] }, scheduleIsBaseline: false });
    expect(runs[0].events.filter((e) => e.type === "decay").map((e) => e.x)).toEqual([3, 6]);
    const rows = stageTable(
      runs.map((r) => ({ series: r.series, decayXs: runDecays(r.events, r.series.lr) })),
      [...PS10_SUBSETS.train],
    );
    expect(rows.map((r) => [r.stage, r.runs, r.meanDecayX])).toEqual([[1, 2, 3], [2, 2, 6], [3, 2, null]]);
    // Stage 1 simple: 0.6 and 0.7 -> 0.65 +- t(0.975, 1) * 0.0707107 / sqrt(2) = 12.7062047 * 0.05.
    expect(rows[0].metrics.train_acc_simple!.mean).toBeCloseTo(0.65, 12);
    expect(rows[0].metrics.train_acc_simple!.halfWidth).toBeCloseTo(0.635310, 5);
    expect(rows[1].metrics.train_acc_complex!.mean).toBeCloseTo(0.55, 12);
    expect(rows[2].metrics.train_acc_noise!.mean).toBeCloseTo(0.15, 12);
    expect(rows[1].metrics.train_acc_noise).toMatchObject({ mean: 0.05, halfWidth: 0 });
    const verified = await analysisRuns(handle.db, { taskId: "ps10-noise", tier: "smoke", verifiedOnly: true }, { names, signature: [...PS10_SUBSETS.train] });
    expect(verified).toHaveLength(2);
  });

  it("aggregates the jump after each decay per schedule in SQL", async () => {
    const [step, ...rest] = jumpTable(await jumpAggregates(handle.db, { taskId: "cifar10-wrn", tier: "smoke" }));
    expect(rest).toEqual([]);
    expect(step).toMatchObject({ scheduleName: "Step", runs: 3 });
    expect(step.jumps.map((j) => [j.decay, j.meanX, j.runs])).toEqual([[1, 3, 3], [2, 6, 3]]);
    // Gains 0.20, 0.21, 0.22 and 0.05, 0.06, 0.07: sd 0.01, half-width 4.302652730 * 0.01 / sqrt(3).
    expect(step.jumps[0].gain!.mean).toBeCloseTo(0.21, 10);
    expect(step.jumps[1].gain!.mean).toBeCloseTo(0.06, 10);
    expect(step.jumps[0].gain!.halfWidth).toBeCloseTo(0.0248416, 6);
    expect(step.jumps[1].gain!.halfWidth).toBeCloseTo(0.0248416, 6);
  });

  it("reads transfer series by prefix and reproduces the spec's transferability", async () => {
    const runs = await analysisRuns(handle.db, { taskId: "imagenet-subset-transfer", tier: "smoke" }, { names: ["test_acc"], prefix: "transfer/", signature: { prefix: "transfer/" } });
    expect(runs).toHaveLength(1);
    expect(Object.keys(runs[0].series).sort()).toEqual(["test_acc", "transfer/finetune/caltech256"]);
    const [row] = transferTable(runs.map((r) => r.series));
    expect(row.stages.map((s) => s.x)).toEqual([3, 8]);
    expect(row.stages[1].transferability!.toFixed(2)).toBe("0.32");
  });

  it("scores performance profiles across task and tier pairs from SQL aggregates", async () => {
    const body = await (await profilesRoute.GET(new Request("http://lrbench.test/api/v1/profiles?tier=full"))).json();
    // The answer is what the OpenAPI document says it is.
    expect(profilesResponseSchema.safeParse(body).success).toBe(true);
    expect(openApiDocument().paths["/api/v1/profiles"].get.responses["200"].content["application/json"].schema.$ref).toBe("#/components/schemas/Profiles");
    expect(body.problems).toEqual(["cifar10-wrn/full", "ps10-noise/full"]);
    expect(body.ignoredProblems).toEqual(["imagenet-subset-transfer/full"]);
    expect(body.schedules.map((s: { scheduleName: string }) => s.scheduleName)).toEqual(["Auto", "Step"]);
    const [auto, step] = body.schedules;
    // Auto: ps10 30 vs Step's mean 15 (the replayed seed 0 counts, not the upload) -> 2; cifar (0 counted
    // as 1, and 2) -> 1.5, the best. Score ((4 - 2) + (4 - 1)) / (2 * 3) = 5/6. Step: 1 and never -> 3/6.
    expect(auto.ratios).toEqual({ "cifar10-wrn/full": 1, "ps10-noise/full": 2 });
    expect(auto.score).toBeCloseTo(5 / 6, 12);
    expect(step.ratios).toEqual({ "cifar10-wrn/full": null, "ps10-noise/full": 1 });
    expect(step.score).toBeCloseTo(0.5, 12);
    expect(auto.curve[0]).toEqual({ tau: 1, rho: 0.5 });
    expect(auto.curve.at(-1)).toEqual({ tau: 4, rho: 1 });

    const all = await (await profilesRoute.GET(new Request("http://lrbench.test/api/v1/profiles"))).json();
    expect(all.problems).toEqual(expect.arrayContaining(["ps10-noise/full", "ps10-noise/smoke", "cifar10-wrn/smoke"]));
    const bad = await profilesRoute.GET(new Request("http://lrbench.test/api/v1/profiles?tier=huge"));
    expect(bad.status).toBe(400);
  });
});
