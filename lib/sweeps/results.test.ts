import { describe, expect, it } from "vitest";
import { sweepResults, type SweepRun } from "./results";

const run = (scheduleId: string, seed: number, status: SweepRun["status"], finalAcc: number | null, finalLoss: number | null = 0.5): SweepRun => ({
  id: `${scheduleId}-${seed}`, scheduleId, seed, status, finalAcc, finalLoss, divergedEpoch: status === "diverged" ? 1 : null,
});

describe("sweepResults", () => {
  it("averages each value's finished seeds with a 95% interval and counts the diverged apart", () => {
    const rows = sweepResults([1, 0.1], ["a", "b"], [run("a", 0, "diverged", null, null), run("a", 1, "finished", 0.7), run("b", 0, "finished", 0.8), run("b", 1, "finished", 0.82), run("b", 2, "finished", 0.84)]);
    expect(rows.map((r) => [r.value, r.finished, r.diverged])).toEqual([[1, 1, 1], [0.1, 3, 0]]);
    expect(rows[0].acc).toMatchObject({ mean: 0.7, lower: null, n: 1 });
    expect(rows[1].acc!.mean).toBeCloseTo(0.82);
    // t(0.975, 2) = 4.303 times 0.02 / sqrt(3)
    expect(rows[1].acc!.halfWidth).toBeCloseTo((4.303 * 0.02) / Math.sqrt(3), 3);
  });

  it("gives a value with no finished run no interval", () => {
    expect(sweepResults([1], ["a"], [run("a", 0, "diverged", null, null)])[0]).toMatchObject({ acc: null, loss: null, diverged: 1 });
  });
});
