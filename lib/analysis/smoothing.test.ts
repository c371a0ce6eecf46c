import { describe, expect, it } from "vitest";
import { smoothEma } from "./smoothing";

describe("smoothEma", () => {
  it("matches hand-computed debiased values", () => {
    // acc: 0.5, 1.25, 2.125; debias by 0.5, 0.75, 0.875.
    const out = smoothEma([[0, 1], [1, 2], [2, 3]], 0.5);
    expect(out.map((p) => p[0])).toEqual([0, 1, 2]);
    expect(out[0][1]).toBeCloseTo(1, 12);
    expect(out[1][1]).toBeCloseTo(5 / 3, 12);
    expect(out[2][1]).toBeCloseTo(17 / 7, 12);
  });

  it("returns the values unchanged at weight 0 and keeps a constant constant", () => {
    expect(smoothEma([[0, 4], [1, -2], [2, 7]], 0)).toEqual([[0, 4], [1, -2], [2, 7]]);
    for (const [, y] of smoothEma([[0, 3], [1, 3], [2, 3], [3, 3]], 0.99)) expect(y).toBeCloseTo(3, 12);
  });

  it("passes non-finite values through without poisoning later points", () => {
    const out = smoothEma([[0, 1], [1, NaN], [2, 2], [3, Infinity], [4, 3]], 0.5);
    expect(out[1]).toEqual([1, NaN]);
    expect(out[3]).toEqual([3, Infinity]);
    expect(out[2][1]).toBeCloseTo(5 / 3, 12);
    expect(out[4][1]).toBeCloseTo(17 / 7, 12);
  });

  it("rejects a weight outside [0, 1)", () => {
    expect(() => smoothEma([], 1)).toThrow(RangeError);
    expect(() => smoothEma([], -0.1)).toThrow(RangeError);
  });
});
