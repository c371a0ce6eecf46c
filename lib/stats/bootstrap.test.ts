import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bootstrapMeanCi } from "./bootstrap";
import { meanConfidenceInterval } from "./confidence";
import { mulberry32 } from "./prng";

/** Reproducible "accuracies" around 0.9 with sd ~0.01 (sum of uniforms, roughly normal). */
function sample(n: number, seed: number): number[] {
  const rand = mulberry32(seed);
  return Array.from({ length: n }, () => {
    let s = 0;
    for (let k = 0; k < 12; k++) s += rand();
    return 0.9 + 0.01 * (s - 6);
  });
}

describe("mulberry32", () => {
  it("is reproducible, seed dependent and uniform on [0, 1)", () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const c = mulberry32(43);
    const xs = Array.from({ length: 100000 }, () => a());
    expect(Array.from({ length: 5 }, () => b())).toEqual(xs.slice(0, 5));
    expect(c()).not.toBe(xs[0]);
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    expect(xs.reduce((s, x) => s + x, 0) / xs.length).toBeCloseTo(0.5, 2);
  });
});

describe("bootstrapMeanCi", () => {
  const xs = sample(20, 7);

  it("gives the same interval for the same seed and a different one otherwise", () => {
    const a = bootstrapMeanCi(xs, { seed: 123 });
    const b = bootstrapMeanCi(xs, { seed: 123 });
    const c = bootstrapMeanCi(xs, { seed: 124 });
    expect(b).toEqual(a);
    expect([c.lower, c.upper]).not.toEqual([a.lower, a.upper]);
    expect(a).toMatchObject({ level: 0.95, resamples: 10000, n: 20 });
  });

  it("contains the mean and roughly agrees with the t interval for normal-ish data", () => {
    const boot = bootstrapMeanCi(xs);
    const t = meanConfidenceInterval(xs);
    expect(boot.lower).toBeLessThan(boot.mean);
    expect(boot.upper).toBeGreaterThan(boot.mean);
    // Percentile intervals are a bit narrower than t intervals at small n; within 30%.
    const ratio = (boot.upper - boot.lower) / (2 * t.halfWidth!);
    expect(ratio).toBeGreaterThan(0.7);
    expect(ratio).toBeLessThan(1.1);
  });

  it("shrinks with n (about 1/sqrt(n))", () => {
    const width = (n: number) => {
      const ci = bootstrapMeanCi(sample(n, 99));
      return ci.upper - ci.lower;
    };
    const w10 = width(10);
    const w100 = width(100);
    const w1000 = width(1000);
    expect(w100).toBeLessThan(w10);
    expect(w1000).toBeLessThan(w100);
    expect(w1000 / w100).toBeGreaterThan(0.2);
    expect(w1000 / w100).toBeLessThan(0.5);
  });

  it("is degenerate for a single value or constant data", () => {
    expect(bootstrapMeanCi([0.8])).toMatchObject({ mean: 0.8, lower: 0.8, upper: 0.8, n: 1 });
    expect(bootstrapMeanCi([0.5, 0.5, 0.5], { resamples: 50 })).toMatchObject({ lower: 0.5, upper: 0.5 });
  });

  it("validates options", () => {
    expect(() => bootstrapMeanCi([])).toThrow(RangeError);
    expect(() => bootstrapMeanCi([1, 2], { resamples: 0 })).toThrow(/resamples/);
    expect(() => bootstrapMeanCi([1, 2], { level: 0 })).toThrow(/confidence level/);
  });

  it("stays within the data range and contains the mean for typical data (property)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 5, maxLength: 30 }),
        fc.integer({ min: 0, max: 2 ** 32 - 1 }),
        (data, seed) => {
          const ci = bootstrapMeanCi(data, { resamples: 400, seed });
          expect(ci.lower).toBeGreaterThanOrEqual(Math.min(...data));
          expect(ci.upper).toBeLessThanOrEqual(Math.max(...data));
          expect(ci.lower).toBeLessThanOrEqual(ci.upper);
          expect(ci.lower).toBeLessThanOrEqual(ci.mean);
          expect(ci.upper).toBeGreaterThanOrEqual(ci.mean);
        },
      ),
      { numRuns: 50 },
    );
  });
});
