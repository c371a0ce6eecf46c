import { describe, expect, it } from "vitest";
import { buildComparison } from "./compare";

describe("buildComparison on wall time", () => {
  it("puts runs on time since their own start, so runs from different days line up", () => {
    const run = (id: string, start: number) => ({
      id,
      label: id,
      group: "StepDecay",
      xAxis: "epoch" as const,
      series: { test_acc: [[1, 0.5], [2, 0.6]] as [number, number][], wall_time: [[0, start], [1, start + 10], [2, start + 20]] as [number, number][] },
    });
    const comparison = buildComparison([run("a", 1_700_000_000), run("b", 1_800_000_000)], "test_acc", "wall");
    expect(comparison.runs.map((r) => r.points)).toEqual([
      [[10, 0.5], [20, 0.6]],
      [[10, 0.5], [20, 0.6]],
    ]);
  });
});
