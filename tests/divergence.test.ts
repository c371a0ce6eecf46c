/**
 * Divergence is a result (issue 13): a replay whose training loss or rate stops being finite ends
 * `diverged` at the epoch and iteration it happened, keeps its last finite points, and its job is
 * done, never retried. On both real engines, on tiny Fashion-MNIST-shaped IDX data.
 */
import { eq } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";

vi.mock("next/headers", () => ({ cookies: async () => ({ get: () => undefined }) }));
vi.mock("node:timers/promises", () => ({ setTimeout: async () => undefined }));

import { divergedCounts } from "@/db/queries/diverged";
import { leaderboardAggregates } from "@/db/queries/leaderboard";
import { schedules } from "@/db/schema";
import type { RunFacts } from "@/lib/analysis";
import { testDatabases } from "./helpers/databases";
import { CPU_ENGINES, definition, useWorkerReplays } from "./helpers/worker-replays";

const LISTED = "StepDecay · fashion-mnist recipe";

describe.each(testDatabases)("divergence on $name", ({ open }) => {
  const fixture = useWorkerReplays(open, "divergence");
  const { logs } = fixture;
  /** A seeded public schedule, so its runs are listed for everyone. */
  const listedSchedule = async () => (await fixture.handle.db.select({ id: schedules.id }).from(schedules).where(eq(schedules.name, LISTED)))[0].id;

  async function replay(...args: Parameters<typeof fixture.replay>) {
    const replayed = await fixture.replay(...args);
    return { ...replayed, facts: replayed.run.summary as RunFacts };
  }

  describe.each(CPU_ENGINES)("$name engine", { timeout: 120_000 }, ({ create }) => {
    it("ends a run whose loss blows up as diverged at that epoch, keeps the finite epochs before it, and never retries it", async () => {
      // 0.1 for two epochs, then 0.1 x 1e38: the logits overflow float32 and the loss is no longer a number.
      const { job, run, series, events, facts } = await replay(definition({ kind: "multiStep", lr: 0.1, milestones: [2], gamma: 1e38 }), create);
      expect([job.state, job.attempts, job.lastError]).toEqual(["succeeded", 1, null]);
      expect(run.status).toBe("diverged");
      // Iteration 0's loss is measured before its update, on the weights of epoch 1: the first non-finite one comes after.
      expect(facts.diverged).toMatchObject({ epoch: 2, reason: expect.stringMatching(/^the training loss is (NaN|Infinity|-Infinity) \(rate 1\.000e\+37\)$/) });
      expect(facts.diverged!.iteration).toBeGreaterThanOrEqual(1);
      expect(series.train_loss.map(([x]) => x)).toEqual([0, 1]);
      expect(series.train_loss.every(([, y]) => Number.isFinite(y))).toBe(true);
      expect(series.lr.map(([, y]) => y)).toEqual([0.1, 0.1]);
      expect(events.filter((e) => e.type === "divergence").map((e) => e.data)).toContainEqual({
        epoch: 2, iteration: facts.diverged!.iteration, reason: facts.diverged!.reason, outcome: "diverged",
      });
      expect(logs.some((line) => line.includes("failed"))).toBe(false);
    });

    it("ends a run whose rate overflows float32 as diverged before that rate reaches the trainer", async () => {
      const { job, run, series, facts } = await replay(definition({ kind: "multiStep", lr: 1e-30, milestones: [1], gamma: 1e69 }), create, await listedSchedule());
      expect([job.state, job.attempts, run.status]).toEqual(["succeeded", 1, "diverged"]);
      expect(facts.diverged).toEqual({ epoch: 1, iteration: 0, reason: "the rate 1.000e+39 overflows float32" });
      expect(series.train_loss).toHaveLength(1);
    });

    it("stops mid-epoch in lockstep (an adaptive schedule stepped per iteration) at the first non-finite loss", async () => {
      const { job, run, series, facts } = await replay(definition({ kind: "plateau", unit: "iteration", lr: 1e37, patience: 1000 }), create);
      expect([job.state, job.attempts, run.status]).toEqual(["succeeded", 1, "diverged"]);
      expect(facts.diverged).toMatchObject({ epoch: 0, reason: expect.stringMatching(/^the training loss is/) });
      expect(series.train_loss ?? []).toEqual([]);
    });
  });

  it("counts diverged runs per schedule for the leaderboard, which ranks none of them", async () => {
    // The rate-overflow replays above ran under a public schedule, one per engine.
    expect(await divergedCounts(fixture.handle.db, { taskId: "fashion-mnist", tier: "smoke" })).toEqual([{ scheduleId: await listedSchedule(), scheduleName: LISTED, runs: CPU_ENGINES.length }]);
    expect(await divergedCounts(fixture.handle.db, { taskId: "fashion-mnist", tier: "smoke", engine: "torch" })).toEqual([{ scheduleId: await listedSchedule(), scheduleName: LISTED, runs: 1 }]);
    expect(await leaderboardAggregates(fixture.handle.db, { taskId: "fashion-mnist", tier: "smoke" })).toEqual([]);
  });
});
