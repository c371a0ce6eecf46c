import { describe, expect, it } from "vitest";
import { accuracySummary, timeToTarget, valueAt } from "./accuracy";
import type { Point } from "./series";

describe("accuracySummary", () => {
  it("reads final and best over finite values only", () => {
    const acc: Point[] = [[1, 0.5], [2, NaN], [3, 0.7], [4, 0.7], [5, 0.65], [6, NaN]];
    expect(accuracySummary(acc)).toEqual({ final: 0.65, best: 0.7, bestX: 3 });
  });

  it("gives nulls when nothing is finite", () => {
    expect(accuracySummary([])).toEqual({ final: null, best: null, bestX: null });
    expect(accuracySummary([[1, NaN], [2, Infinity]])).toEqual({ final: null, best: null, bestX: null });
  });
});

describe("timeToTarget", () => {
  const acc: Point[] = [[1, 0.3], [2, NaN], [3, 0.8], [4, 0.85]];

  it("finds the first x at or above the target and interpolates wall time there", () => {
    expect(timeToTarget(acc, 0.8, [[0, 0], [2, 100], [4, 220]])).toEqual({ x: 3, wallSeconds: 160 });
  });

  it("uses an exact wall-time point, and passes over non-finite ones", () => {
    expect(timeToTarget(acc, 0.8, [[2, 90], [3, 150], [4, 220]])).toEqual({ x: 3, wallSeconds: 150 });
    expect(timeToTarget(acc, 0.8, [[2, 100], [3, NaN], [4, 220]])).toEqual({ x: 3, wallSeconds: 160 });
  });

  it("gives null wall time outside the wall-time series or without one", () => {
    expect(timeToTarget(acc, 0.8, [[0, 0], [2, 100]])).toEqual({ x: 3, wallSeconds: null });
    expect(timeToTarget(acc, 0.8, [[4, 220]])).toEqual({ x: 3, wallSeconds: null });
    expect(timeToTarget(acc, 0.8)).toEqual({ x: 3, wallSeconds: null });
  });

  it("is null when the target is never reached", () => {
    expect(timeToTarget(acc, 0.9, [[0, 0], [4, 200]])).toBeNull();
    expect(timeToTarget([[1, NaN]], 0)).toBeNull();
  });
});

describe("valueAt", () => {
  it("interpolates linearly between neighbours", () => {
    expect(valueAt([[0, 10], [10, 20]], 2.5)).toBe(12.5);
    expect(valueAt([[0, 10], [10, 20]], 10)).toBe(20);
    expect(valueAt([[0, 10], [10, 20]], 11)).toBeNull();
  });
});
