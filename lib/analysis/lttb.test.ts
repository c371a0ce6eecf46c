import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { lttb, MAX_CHART_POINTS } from "./lttb";
import type { Point } from "./series";

describe("lttb", () => {
  it("picks the largest triangle per bucket (hand-computed)", () => {
    // Buckets {1,2} and {3,4,5}: areas 2 vs 4 pick x=2, then 20 vs 0 vs 4 pick x=3.
    const points: Point[] = [[0, 0], [1, 1], [2, 0], [3, 5], [4, 0], [5, 1], [6, 0]];
    expect(lttb(points, 4)).toEqual([[0, 0], [2, 0], [3, 5], [6, 0]]);
  });

  it("returns exactly threshold points with both endpoints", () => {
    const points: Point[] = Array.from({ length: 10_000 }, (_, i) => [i, Math.sin(i / 50)]);
    const out = lttb(points, 100);
    expect(out).toHaveLength(100);
    expect(out[0]).toBe(points[0]);
    expect(out[99]).toBe(points[9_999]);
    expect(lttb(points)).toHaveLength(MAX_CHART_POINTS);
  });

  it("preserves a single spike", () => {
    const points: Point[] = Array.from({ length: 1000 }, (_, i) => [i, i === 537 ? 100 : 0]);
    expect(lttb(points, 50)).toContainEqual([537, 100]);
  });

  it("returns short series as a copy, and only endpoints below 3", () => {
    const points: Point[] = [[0, 1], [1, 2], [2, 3]];
    const out = lttb(points, 10);
    expect(out).toEqual(points);
    expect(out).not.toBe(points);
    expect(lttb(points, 2)).toEqual([[0, 1], [2, 3]]);
  });

  it("prefers finite points over NaN and survives all-NaN buckets", () => {
    const points: Point[] = Array.from({ length: 100 }, (_, i) => [i, i >= 40 && i < 60 ? NaN : i % 7]);
    const out = lttb(points, 10);
    expect(out).toHaveLength(10);
    for (let i = 1; i < out.length; i++) expect(out[i][0]).toBeGreaterThan(out[i - 1][0]);
  });

  it("returns an x-ordered subsequence of the input, endpoints kept", () => {
    const point = fc.double({ min: -1e3, max: 1e3, noNaN: true });
    fc.assert(
      fc.property(fc.array(point, { maxLength: 300 }), fc.integer({ min: 3, max: 100 }), (ys, threshold) => {
        const points: Point[] = ys.map((y, i) => [i * 0.5, y]);
        const out = lttb(points, threshold);
        expect(out).toHaveLength(Math.min(points.length, threshold));
        let j = 0;
        for (const p of out) {
          while (j < points.length && points[j] !== p) j++;
          expect(j).toBeLessThan(points.length); // found, after the previous pick
          j++;
        }
        if (points.length > 0) {
          expect(out[0]).toBe(points[0]);
          expect(out[out.length - 1]).toBe(points[points.length - 1]);
        }
      }),
    );
  });
});
