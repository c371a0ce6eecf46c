import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { mean, sampleStd, sampleVariance } from "./descriptive";

describe("descriptive statistics", () => {
  it("computes mean, n-1 variance and std", () => {
    const xs = [2, 4, 4, 4, 5, 5, 7, 9];
    expect(mean(xs)).toBe(5);
    expect(sampleVariance(xs)).toBeCloseTo(32 / 7, 14);
    expect(sampleStd(xs)).toBeCloseTo(Math.sqrt(32 / 7), 14);
  });

  it("keeps precision for large, nearly equal values", () => {
    const xs = [1e9 + 4, 1e9 + 7, 1e9 + 13, 1e9 + 16];
    expect(sampleVariance(xs)).toBeCloseTo(30, 6);
  });

  it("throws RangeError when undefined", () => {
    expect(() => mean([])).toThrow(RangeError);
    expect(() => sampleVariance([1])).toThrow(/at least 2 values, got 1/);
    expect(() => sampleStd([])).toThrow(RangeError);
    expect(() => mean([1, NaN])).toThrow(/not a finite number/);
  });

  it("variance is shift invariant and non-negative", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e3, max: 1e3, noNaN: true }), { minLength: 2, maxLength: 30 }),
        fc.double({ min: -1e3, max: 1e3, noNaN: true }),
        (xs, c) => {
          const v = sampleVariance(xs);
          expect(v).toBeGreaterThanOrEqual(0);
          expect(sampleVariance(xs.map((x) => x + c))).toBeCloseTo(v, 6);
        },
      ),
    );
  });
});
