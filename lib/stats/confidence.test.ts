import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { meanConfidenceInterval } from "./confidence";

describe("meanConfidenceInterval", () => {
  it("matches R's t.test(1:5)$conf.int", () => {
    const ci = meanConfidenceInterval([1, 2, 3, 4, 5]);
    expect(ci.mean).toBe(3);
    expect(ci.n).toBe(5);
    expect(ci.lower).toBeCloseTo(1.036757, 6);
    expect(ci.upper).toBeCloseTo(4.963243, 6);
    expect(ci.halfWidth).toBeCloseTo(2.776445105 * Math.sqrt(2.5 / 5), 8);
  });

  it("uses the requested level", () => {
    // t_{0.95, 4} = 2.131846786 for a 90% interval.
    const ci = meanConfidenceInterval([1, 2, 3, 4, 5], 0.9);
    expect(ci.halfWidth).toBeCloseTo(2.131846786 * Math.sqrt(0.5), 8);
  });

  it("gives null bounds for a single value and throws for none", () => {
    expect(meanConfidenceInterval([0.91])).toEqual({ mean: 0.91, lower: null, upper: null, halfWidth: null, n: 1 });
    expect(() => meanConfidenceInterval([])).toThrow(RangeError);
    expect(() => meanConfidenceInterval([1, 2], 1)).toThrow(/confidence level/);
  });

  it("has zero width when all seeds agree", () => {
    expect(meanConfidenceInterval([0.5, 0.5, 0.5])).toMatchObject({ lower: 0.5, upper: 0.5, halfWidth: 0 });
  });

  it("contains the mean and is symmetric around it (property)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 2, maxLength: 40 }),
        fc.double({ min: 0.5, max: 0.999, noNaN: true }),
        (xs, level) => {
          const ci = meanConfidenceInterval(xs, level);
          expect(ci.lower!).toBeLessThanOrEqual(ci.mean);
          expect(ci.upper!).toBeGreaterThanOrEqual(ci.mean);
          expect(ci.upper! - ci.mean).toBeCloseTo(ci.mean - ci.lower!, 12);
        },
      ),
    );
  });

  it("widens with the level (property)", () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 2, maxLength: 20 }), (xs) => {
        expect(meanConfidenceInterval(xs, 0.99).halfWidth!).toBeGreaterThanOrEqual(meanConfidenceInterval(xs, 0.9).halfWidth!);
      }),
    );
  });
});
