import { describe, expect, it } from "vitest";
import { jumpTable, type JumpAggregate } from "./jump-table";

const row = (over: Partial<JumpAggregate>): JumpAggregate => ({
  scheduleId: "s",
  scheduleName: "S",
  decay: 1,
  runs: 3,
  meanX: 100,
  meanGain: 0.1,
  stdGain: 0.02,
  gains: 3,
  ...over,
});

describe("jumpTable", () => {
  it("groups decays per schedule in order, with a t interval from the SQL mean, sd and count", () => {
    const table = jumpTable([
      row({ decay: 2, meanX: 150, meanGain: 0.03, stdGain: 0.01 }),
      row({ decay: 1 }),
      row({ scheduleId: "a", scheduleName: "Auto", decay: 1, runs: 2, meanX: 42.5, meanGain: 0.2, stdGain: 0.1, gains: 2 }),
    ]);
    expect(table.map((s) => s.scheduleName)).toEqual(["Auto", "S"]);
    const step = table[1];
    expect(step.runs).toBe(3);
    expect(step.jumps.map((j) => [j.decay, j.meanX])).toEqual([[1, 100], [2, 150]]);
    // t(0.975, 2) = 4.302652730: 0.1 +- 4.302652730 * 0.02 / sqrt(3) = 0.1 +- 0.0496832.
    expect(step.jumps[0].gain!.lower).toBeCloseTo(0.1 - 0.0496832, 6);
    expect(step.jumps[0].gain!.upper).toBeCloseTo(0.1 + 0.0496832, 6);
    // t(0.975, 1) = 12.7062047: 0.2 +- 12.7062047 * 0.1 / sqrt(2) = 0.2 +- 0.8984644.
    expect(table[0].jumps[0].gain!.halfWidth).toBeCloseTo(0.8984644, 6);
  });

  it("keeps a decay without any gain as null, and a single seed without an interval", () => {
    const [s] = jumpTable([row({ decay: 1, meanGain: null, stdGain: null, gains: 0 }), row({ decay: 2, runs: 1, meanGain: 0.05, stdGain: null, gains: 1 })]);
    expect(s.jumps[0].gain).toBeNull();
    expect(s.jumps[1].gain).toMatchObject({ mean: 0.05, lower: null, upper: null, n: 1 });
  });
});
