/**
 * The range test as its own job shape (issue 13): exactly `steps` iterations, one (lr, loss) point per
 * iteration on the step axis, stopped early by the 4x rule or a divergence; never a crash or a retry.
 * On both real engines, on tiny Fashion-MNIST-shaped IDX data (3 iterations per epoch).
 */
import { describe, expect, it, vi } from "vitest";

vi.mock("next/headers", () => ({ cookies: async () => ({ get: () => undefined }) }));
vi.mock("node:timers/promises", () => ({ setTimeout: async () => undefined }));

import { sampleSchedule } from "@/lib/schedules";
import { testDatabases } from "./helpers/databases";
import { CPU_ENGINES, definition, useWorkerReplays } from "./helpers/worker-replays";

describe.each(testDatabases)("range tests on $name", ({ open }) => {
  const { replay } = useWorkerReplays(open, "range-test");

  describe.each(CPU_ENGINES)("$name engine", { timeout: 120_000 }, ({ create }) => {
    it("runs exactly `steps` iterations across epoch boundaries, one (lr, loss) point per iteration on the step axis", async () => {
      const def = definition({ kind: "rangeTest", unit: "iteration", minLr: 1e-4, maxLr: 0.1, steps: 10 });
      const { job, run, series, events } = await replay(def, create);
      expect([job.state, job.attempts, run.status, run.xAxis]).toEqual(["succeeded", 1, "finished", "step"]);
      expect(series.train_loss.map(([x]) => x)).toEqual([...Array(10).keys()]);
      expect(series.lr.map(([, lr]) => lr)).toEqual(sampleSchedule(def, { steps: 10 }).lr.map((lr) => expect.closeTo(lr, 12)));
      expect(series.train_loss_smoothed).toHaveLength(10);
      expect(events.filter((e) => e.type === "divergence")).toEqual([]);
    });

    it("stops early, never crashing or retrying, once the loss blows up", async () => {
      const { job, run, series, events } = await replay(definition({ kind: "rangeTest", unit: "iteration", minLr: 1e-3, maxLr: 1e36, steps: 200 }), create);
      expect([job.state, job.attempts]).toEqual(["succeeded", 1]);
      expect(series.train_loss.length).toBeLessThan(200);
      expect(series.train_loss.every(([, loss]) => Number.isFinite(loss))).toBe(true);
      // Whichever comes first: the 4x rule (the run finishes, its schedule's terminate event says why) or a non-finite loss.
      if (run.status === "finished") expect((run.summary as { terminated: { reason: string } }).terminated.reason).toMatch(/passed 4x its best/);
      else expect([run.status, events.some((e) => e.type === "divergence")]).toEqual(["diverged", true]);
    });
  });
});
