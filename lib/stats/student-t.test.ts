import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { studentTCdf, studentTQuantile } from "./student-t";

function expectRelClose(actual: number, expected: number, rel: number): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(rel * Math.abs(expected));
}

describe("studentTQuantile", () => {
  // Textbook table values (also R's qt / scipy.stats.t.ppf).
  const table: [number, number, number][] = [
    [0.975, 1, 12.706204736],
    [0.975, 2, 4.30265273],
    [0.975, 5, 2.570581836],
    [0.975, 10, 2.228138852],
    [0.975, 30, 2.042272456],
    [0.975, 1000, 1.962339081],
    [0.95, 4, 2.131846786],
  ];
  it.each(table)("t_{%s, %s} = %s to 1e-6 relative", (p, df, expected) => {
    expectRelClose(studentTQuantile(p, df), expected, 1e-6);
  });

  // Non-integer df (Welch) and other regions, reference values from scipy.stats.t.ppf.
  const scipy: [number, number, number][] = [
    [0.995, 3.5, 5.085702223091256],
    [0.9, 7.3, 1.4089223177480423],
    [0.999, 2.2, 17.89361183962656],
    [0.6, 15, 0.25788530093726125],
    [0.975, 5.882352941176471, 2.458823709699146],
    [0.975, 1e6, 1.959966356814107],
    [0.975, 0.3, 6582.0356994007525],
    [1e-10, 0.5, -1.02849115631634e19],
  ];
  it.each(scipy)("matches scipy at p=%s, df=%s", (p, df, expected) => {
    expectRelClose(studentTQuantile(p, df), expected, 1e-9);
  });

  it("is 0 at the median, infinite at the ends, and antisymmetric", () => {
    expect(studentTQuantile(0.5, 3)).toBe(0);
    expect(studentTQuantile(1, 3)).toBe(Infinity);
    expect(studentTQuantile(0, 3)).toBe(-Infinity);
    for (const df of [1, 2.5, 9, 100]) {
      for (const p of [0.6, 0.9, 0.975, 0.999]) {
        expect(studentTQuantile(1 - p, df)).toBeCloseTo(-studentTQuantile(p, df), 10);
        expect(studentTCdf(studentTQuantile(p, df), df)).toBeCloseTo(p, 12);
      }
    }
  });

  it("rejects invalid inputs", () => {
    expect(() => studentTQuantile(1.1, 3)).toThrow(RangeError);
    expect(() => studentTQuantile(NaN, 3)).toThrow(RangeError);
    expect(() => studentTQuantile(0.9, 0)).toThrow(/degrees of freedom/);
    expect(() => studentTQuantile(0.9, NaN)).toThrow(RangeError);
  });

  // For t <= 0 the CDF is a tail probability computed without cancellation, so
  // the round trip is well conditioned; t > 0 follows by the symmetry tests.
  it("inverts the CDF (property)", () => {
    fc.assert(
      fc.property(
        fc.double({ min: -40, max: 0, noNaN: true }),
        fc.double({ min: 0.5, max: 500, noNaN: true }),
        (t, df) => {
          const back = studentTQuantile(studentTCdf(t, df), df);
          expect(Math.abs(back - t)).toBeLessThanOrEqual(1e-7 * Math.max(1, Math.abs(t)));
        },
      ),
    );
  });
});

describe("studentTCdf", () => {
  it("matches closed forms and scipy", () => {
    expect(studentTCdf(0, 7)).toBe(0.5);
    // df = 1 is Cauchy: F(t) = 1/2 + atan(t)/pi.
    expect(studentTCdf(1, 1)).toBeCloseTo(0.75, 14);
    expect(studentTCdf(-3.2, 1)).toBeCloseTo(0.5 + Math.atan(-3.2) / Math.PI, 14);
    // df = 2: F(t) = 1/2 + t / (2 sqrt(2 + t^2)).
    expect(studentTCdf(1.7, 2)).toBeCloseTo(0.5 + 1.7 / (2 * Math.sqrt(2 + 1.7 * 1.7)), 14);
    expectRelClose(studentTCdf(0.5, 3), 0.6742760175759245, 1e-12);
    expectRelClose(studentTCdf(-2, 7.5), 0.041448497649083156, 1e-11);
    expectRelClose(studentTCdf(3, 2.5), 0.9637119522254841, 1e-12);
    expectRelClose(studentTCdf(-0.1, 40000), 0.46017241329847824, 1e-9);
  });

  it("keeps relative precision far in the lower tail", () => {
    expectRelClose(studentTCdf(-10, 100), 4.950844492297065e-17, 1e-9);
    expectRelClose(studentTCdf(-50, 3), 8.808576020635984e-6, 1e-10);
    expect(studentTCdf(-Infinity, 3)).toBe(0);
    expect(studentTCdf(Infinity, 3)).toBe(1);
  });

  it("is monotone non-decreasing in t (property)", () => {
    fc.assert(
      fc.property(
        fc.double({ min: -1e3, max: 1e3, noNaN: true }),
        fc.double({ min: -1e3, max: 1e3, noNaN: true }),
        fc.double({ min: 0.1, max: 1e4, noNaN: true }),
        (t1, t2, df) => {
          const [lo, hi] = t1 <= t2 ? [t1, t2] : [t2, t1];
          const a = studentTCdf(lo, df);
          const b = studentTCdf(hi, df);
          expect(a).toBeLessThanOrEqual(b);
          expect(a).toBeGreaterThanOrEqual(0);
          expect(b).toBeLessThanOrEqual(1);
        },
      ),
    );
  });

  it("is symmetric: F(-t) = 1 - F(t) (property)", () => {
    fc.assert(
      fc.property(fc.double({ min: -50, max: 50, noNaN: true }), fc.double({ min: 0.2, max: 1e3, noNaN: true }), (t, df) => {
        expect(studentTCdf(-t, df)).toBeCloseTo(1 - studentTCdf(t, df), 12);
      }),
    );
  });
});
