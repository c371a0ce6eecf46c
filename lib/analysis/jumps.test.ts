import { describe, expect, it } from "vitest";
import type { Decay } from "./decays";
import { accuracyJumps } from "./jumps";
import type { Point } from "./series";

const decay = (x: number): Decay => ({ x, from: 0.1, to: 0.01, source: "lr" });
const curve = (from: number, to: number, f: (x: number) => number): Point[] =>
  Array.from({ length: to - from + 1 }, (_, i) => [from + i, f(from + i)]);

describe("accuracyJumps", () => {
  it("attributes a step change at the decay fully to it", () => {
    const acc = curve(1, 20, (x) => (x < 10 ? 0.6 : 0.8));
    const [jump] = accuracyJumps(acc, [decay(10)], 5);
    expect(jump.x).toBe(10);
    expect(jump.before).toBe(0.6);
    expect(jump.after).toBe(0.8);
    expect(jump.gain).toBeCloseTo(0.2, 12);
    expect([jump.nBefore, jump.nAfter]).toEqual([5, 5]);
  });

  it("averages a rising curve over [x - k, x) and [x, x + k)", () => {
    const acc: Point[] = [[6, 0.4], [7, 0.5], [8, 0.52], [9, 0.54], [10, 0.7], [11, 0.74], [13, 0.9]];
    const [jump] = accuracyJumps(acc, [decay(10)], 3);
    expect(jump.before).toBeCloseTo(0.52, 12); // x = 7, 8, 9
    expect(jump.after).toBeCloseTo(0.72, 12); // x = 10, 11
    expect(jump.gain).toBeCloseTo(0.2, 12);
  });

  it("stops each window at the neighbouring decay", () => {
    const acc = curve(1, 20, (x) => (x < 10 ? 0.5 : x < 12 ? 0.7 : 0.9));
    const [first, second] = accuracyJumps(acc, [decay(12), decay(10)], 5);
    expect([first.x, first.before, first.after, first.nBefore, first.nAfter]).toEqual([10, 0.5, 0.7, 5, 2]);
    expect([second.x, second.before, second.after, second.nBefore, second.nAfter]).toEqual([12, 0.7, 0.9, 2, 5]);
    expect(first.gain).toBeCloseTo(0.2, 12);
    expect(second.gain).toBeCloseTo(0.2, 12);
  });

  it("leaves out non-finite accuracy and marks a side without points", () => {
    const acc: Point[] = [[1, 0.6], [2, NaN], [3, 0.6], [4, 0.9]];
    const [mid] = accuracyJumps(acc, [decay(4)], 5);
    expect([mid.before, mid.after, mid.nBefore, mid.nAfter]).toEqual([0.6, 0.9, 2, 1]);
    expect(mid.gain).toBeCloseTo(0.3, 12);
    const [first] = accuracyJumps(acc, [decay(1)], 5);
    expect([first.before, first.gain, first.nBefore, first.nAfter]).toEqual([null, null, 0, 3]);
    expect(first.after).toBeCloseTo(0.7, 12); // 0.6, 0.6, 0.9
    expect(accuracyJumps(acc, [decay(9)], 5)).toEqual([{ x: 9, before: 0.9, after: null, gain: null, nBefore: 1, nAfter: 0 }]);
  });

  it("gives one jump per decay x", () => {
    expect(accuracyJumps(curve(1, 10, () => 0.5), [decay(5), decay(5)], 2)).toHaveLength(1);
    expect(accuracyJumps(curve(1, 10, () => 0.5), [], 2)).toEqual([]);
  });
});
