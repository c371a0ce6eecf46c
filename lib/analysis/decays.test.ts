import { describe, expect, it } from "vitest";
import { decaysFromScheduleEvents, detectDecays, isStepDrop } from "./decays";
import type { Point } from "./series";

const series = (ys: number[], x0 = 0): Point[] => ys.map((y, i) => [x0 + i, y]);
/** Cosine from hi at t = 0 to lo at t = T, over t = 0..T. */
const annealing = (T: number, lo = 0, hi = 1): Point[] =>
  Array.from({ length: T + 1 }, (_, t) => [t, lo + 0.5 * (hi - lo) * (1 + Math.cos((Math.PI * t) / T))]);
/** SGDR: the same cosine restarting at hi every `period` points. */
const restarts = (n: number, period: number, lo = 0, hi = 1): Point[] =>
  Array.from({ length: n }, (_, t) => [t, lo + 0.5 * (hi - lo) * (1 + Math.cos((Math.PI * (t % period)) / period))]);

describe("detectDecays", () => {
  it("finds each milestone of a step decay at the first x of the new rate", () => {
    const lr = series([0.1, 0.1, 0.1, 0.1, 0.1, 0.01, 0.01, 0.01, 0.001, 0.001]);
    expect(detectDecays(lr)).toEqual([
      { x: 5, from: 0.1, to: 0.01, source: "lr" },
      { x: 8, from: 0.01, to: 0.001, source: "lr" },
    ]);
  });

  it("finds a step decay logged per step inside a long run", () => {
    const lr: Point[] = Array.from({ length: 3000 }, (_, t) => [t, t < 1500 ? 0.1 : t < 2250 ? 0.01 : 0.001]);
    expect(detectDecays(lr).map((d) => d.x)).toEqual([1500, 2250]);
  });

  it("reports nothing for cosine annealing logged per step, down to an exact 0", () => {
    expect(detectDecays(annealing(1000))).toEqual([]);
  });

  it("reports nothing for cosine logged per epoch, whose last drops are 74% and 100%", () => {
    const lr = annealing(10); // 1, 0.976, 0.905, 0.794, 0.655, 0.5, 0.345, 0.206, 0.095, 0.024, 0
    expect(detectDecays(lr)).toEqual([]);
    // The drop-size rule alone would call every epoch from 5 on a decay; the flat-side rule is what stops it.
    expect(detectDecays(lr, { sharpness: 1e-9 }).map((d) => d.x)).toEqual([5, 6, 7, 8, 9, 10]);
  });

  it("ignores the rises of warm restarts and of a warm-up", () => {
    expect(detectDecays(restarts(600, 100, 0.001, 0.1))).toEqual([]);
    // Per epoch, period 5: 1, 0.905, 0.655, 0.345, 0.095; the 28% drop follows a 10% one.
    expect(detectDecays(restarts(20, 5))).toEqual([]);
    for (const T of [3, 4, 5, 6, 8, 20, 50]) expect(detectDecays(annealing(T))).toEqual([]);
    const warmup = series([0.02, 0.04, 0.06, 0.08, 0.1, 0.1, 0.1]);
    expect(detectDecays(warmup)).toEqual([]);
  });

  it("counts a drop of exactly minRatio and not one just short of it", () => {
    expect(detectDecays(series([0.1, 0.1, 0.08, 0.08]))).toEqual([{ x: 2, from: 0.1, to: 0.08, source: "lr" }]);
    expect(detectDecays(series([0.1, 0.1, 0.081, 0.081]))).toEqual([]);
    expect(detectDecays(series([0.1, 0.1, 0.09, 0.09]), { minRatio: 0.1 }).map((d) => d.x)).toEqual([2]);
  });

  it("finds decays at consecutive points, each flat on one side", () => {
    expect(detectDecays(series([1, 1, 1, 0.1, 0.01, 0.01])).map((d) => [d.x, d.from, d.to])).toEqual([
      [3, 1, 0.1],
      [4, 0.1, 0.01],
    ]);
  });

  it("finds a decay on top of a slow exponential decay", () => {
    const ys = Array.from({ length: 10 }, (_, t) => 0.95 ** t * (t >= 6 ? 0.1 : 1));
    expect(detectDecays(series(ys)).map((d) => d.x)).toEqual([6]);
  });

  it("finds a decay to 0 that stays there, and nothing in a 2-point series", () => {
    expect(detectDecays(series([0.1, 0.1, 0, 0])).map((d) => d.x)).toEqual([2]);
    expect(detectDecays(series([1, 0.1]))).toEqual([]);
    expect(detectDecays([])).toEqual([]);
  });

  it("skips pairs with a non-finite rate", () => {
    expect(detectDecays(series([1, 1, NaN, 0.1, 0.1]))).toEqual([]);
  });

  it("rejects a minRatio outside (0, 1]", () => {
    expect(() => detectDecays([], { minRatio: 0 })).toThrow(RangeError);
    expect(() => detectDecays([], { minRatio: 1.5 })).toThrow(RangeError);
  });
});

describe("decaysFromScheduleEvents", () => {
  it("keeps decay events in step order and chains their rates", () => {
    const decays = decaysFromScheduleEvents(
      [
        { step: 20, type: "decay", lr: 0.001 },
        { step: 25, type: "terminate", reason: "done" },
        { step: 10, type: "decay", lr: 0.01, reason: "plateau" },
      ],
      0.1,
    );
    expect(decays).toEqual([
      { x: 10, from: 0.1, to: 0.01, source: "schedule", reason: "plateau" },
      { x: 20, from: 0.01, to: 0.001, source: "schedule" },
    ]);
  });

  it("says null for rates the events do not give", () => {
    expect(decaysFromScheduleEvents([{ step: 3, type: "decay" }, { step: 5, type: "decay", lr: 0.01 }])).toEqual([
      { x: 3, from: null, to: null, source: "schedule" },
      { x: 5, from: null, to: 0.01, source: "schedule" },
    ]);
  });
});

describe("isStepDrop", () => {
  it("sees a step decay as it happens, and not the steepening end of a cosine", () => {
    expect(isStepDrop(0.1, 0.1, 0.01)).toBe(true);
    expect(isStepDrop(null, 0.1, 0.01)).toBe(true);
    expect(isStepDrop(0.1, 0.1, 0.09)).toBe(false);
    // Cosine over 10 epochs, per epoch: 0.0345 -> 0.0206 -> 0.0095 drops 40% then 54%; the side seen is not flat.
    expect(isStepDrop(0.0345, 0.0206, 0.0095)).toBe(false);
    expect(isStepDrop(0.01, 0.1, 0.05)).toBe(false);
    expect(isStepDrop(0.1, 0.1, 0.1)).toBe(false);
    expect(isStepDrop(0.1, 0, 0)).toBe(false);
  });
});
