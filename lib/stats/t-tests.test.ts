import { describe, expect, it } from "vitest";
import { pairedDifference, welchTTest } from "./t-tests";

describe("welchTTest", () => {
  it("matches R: t.test(c(1,2,3,4,5), c(2,4,6,8,10))", () => {
    const r = welchTTest([1, 2, 3, 4, 5], [2, 4, 6, 8, 10]);
    expect(r.t).toBeCloseTo(-1.897366596, 8);
    expect(r.df).toBeCloseTo(5.882352941, 8); // exactly 100/17
    expect(r.pValue).toBeCloseTo(0.1075311949, 9);
    expect(r.meanDifference).toBe(-3);
    // -3 ± t_{0.975, 100/17} * sqrt(2.5); scipy: (-6.887741643736975, 0.887741643736975).
    expect(r.ci95[0]).toBeCloseTo(-6.887741644, 8);
    expect(r.ci95[1]).toBeCloseTo(0.887741644, 8);
  });

  it("matches R on the sleep data (Welch, unpaired)", () => {
    const g1 = [0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0];
    const g2 = [1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4];
    const r = welchTTest(g1, g2);
    expect(r.t).toBeCloseTo(-1.860813467, 8);
    expect(r.df).toBeCloseTo(17.77647352, 7);
    expect(r.pValue).toBeCloseTo(0.07939414019, 9);
    expect(r.ci95[0]).toBeCloseTo(-3.365483231, 8);
    expect(r.ci95[1]).toBeCloseTo(0.2054832307, 8);
  });

  it("is antisymmetric in its arguments", () => {
    const a = [0.91, 0.92, 0.9];
    const b = [0.89, 0.9, 0.895, 0.88];
    const ab = welchTTest(a, b);
    const ba = welchTTest(b, a);
    expect(ba.t).toBeCloseTo(-ab.t, 12);
    expect(ba.pValue).toBeCloseTo(ab.pValue, 12);
    expect(ba.ci95[0]).toBeCloseTo(-ab.ci95[1], 12);
  });

  it("handles zero variance in both groups", () => {
    const diff = welchTTest([0.9, 0.9, 0.9], [0.8, 0.8]);
    expect(diff.t).toBe(Infinity);
    expect(diff.pValue).toBe(0);
    expect(diff.df).toBeNaN();
    expect(diff.meanDifference).toBeCloseTo(0.1, 12);
    expect(diff.ci95[0]).toBe(diff.ci95[1]);
    expect(welchTTest([0.8, 0.8], [0.9, 0.9]).t).toBe(-Infinity);

    const same = welchTTest([0.5, 0.5], [0.5, 0.5, 0.5]);
    expect(same.t).toBeNaN();
    expect(same.pValue).toBe(1);
    expect(same.ci95).toEqual([0, 0]);
  });

  it("uses n - 1 df of the varying group when only one group is constant", () => {
    const r = welchTTest([1, 2, 3, 4], [2, 2, 2]);
    expect(r.df).toBeCloseTo(3, 12);
    expect(Number.isFinite(r.t)).toBe(true);
  });

  it("needs two values per group", () => {
    expect(() => welchTTest([1], [1, 2])).toThrow(/at least 2 values per group/);
  });
});

describe("pairedDifference", () => {
  // R: with(sleep, t.test(extra[group == 1], extra[group == 2], paired = TRUE))
  // t = -4.0621, df = 9, p-value = 0.002833, 95% CI -2.4598858 -0.7001142, mean difference -1.58.
  const g1 = [0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0];
  const g2 = [1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4];

  it("matches R on the sleep data", () => {
    const r = pairedDifference(g1, g2);
    expect(r.n).toBe(10);
    expect(r.df).toBe(9);
    expect(r.meanDifference).toBeCloseTo(-1.58, 12);
    expect(r.t).toBeCloseTo(-4.062127683, 8);
    expect(r.pValue).toBeCloseTo(0.002832890197, 11);
    expect(r.ci95[0]).toBeCloseTo(-2.4598858, 7);
    expect(r.ci95[1]).toBeCloseTo(-0.7001142, 7);
  });

  it("is more powerful than Welch when seeds share noise", () => {
    expect(pairedDifference(g1, g2).pValue).toBeLessThan(welchTTest(g1, g2).pValue);
  });

  it("handles constant differences", () => {
    const r = pairedDifference([0.9, 0.8, 0.7], [0.85, 0.75, 0.65]);
    expect(r.meanDifference).toBeCloseTo(0.05, 12);
    // Floating subtraction may leave a tiny spread; either way the evidence is overwhelming.
    expect(r.pValue).toBeLessThan(1e-6);
    const exact = pairedDifference([3, 4, 5], [1, 2, 3]);
    expect(exact).toMatchObject({ t: Infinity, pValue: 0, meanDifference: 2, ci95: [2, 2], df: 2, n: 3 });
  });

  it("validates its input", () => {
    expect(() => pairedDifference([1, 2], [1, 2, 3])).toThrow(/equal lengths/);
    expect(() => pairedDifference([1], [2])).toThrow(/at least 2 pairs/);
    expect(() => pairedDifference([1, NaN], [2, 3])).toThrow(RangeError);
  });
});
