import { describe, expect, it } from "vitest";
import { influenceInterval, ratioOfMeans } from "./ratio";

describe("ratioOfMeans and influenceInterval", () => {
  it("gives the ratio of the means and a delta-method t interval", () => {
    // num = 2 den exactly: every influence is 0, so the interval has no width.
    const exact = ratioOfMeans([2, 4, 6], [1, 2, 3])!;
    expect(exact.ratio).toBe(2);
    expect(influenceInterval(exact.ratio, exact.influence)).toEqual({ lower: 2, upper: 2, n: 3 });
    // num (1, 3), den (1, 1): ratio 2, influences (-1, 1), sd sqrt 2, se 1, t(0.975, 1) = 12.706.
    const spread = ratioOfMeans([1, 3], [1, 1])!;
    expect(spread.influence).toEqual([-1, 1]);
    const ci = influenceInterval(spread.ratio, spread.influence);
    expect(ci.lower).toBeCloseTo(2 - 12.7062, 3);
    expect(ci.upper).toBeCloseTo(2 + 12.7062, 3);
  });

  it("has no ratio for a zero mean denominator and no interval for one value", () => {
    expect(ratioOfMeans([1, 2], [1, -1])).toBeNull();
    expect(influenceInterval(0.3, [0])).toEqual({ lower: null, upper: null, n: 1 });
    expect(() => ratioOfMeans([1], [1, 2])).toThrow(RangeError);
  });
});
