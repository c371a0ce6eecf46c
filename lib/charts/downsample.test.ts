import { describe, expect, it } from "vitest";
import { downsampleMinMax, type Point } from "./downsample";

describe("downsampleMinMax", () => {
  it("returns short series untouched", () => {
    const points: Point[] = [[0, 1], [1, 2], [2, 3]];
    expect(downsampleMinMax(points, 10)).toBe(points);
  });

  it("keeps every peak and trough of a fast oscillation", () => {
    const points: Point[] = Array.from({ length: 10_000 }, (_, i) => [i, i % 100 === 50 ? 5 : i % 100 === 0 ? -5 : 0]);
    const out = downsampleMinMax(points, 400);
    expect(out.length).toBeLessThanOrEqual(401);
    expect(Math.max(...out.map((p) => p[1]))).toBe(5);
    expect(Math.min(...out.map((p) => p[1]))).toBe(-5);
    expect(out[out.length - 1]).toEqual([9_999, 0]);
    for (let i = 1; i < out.length; i++) expect(out[i][0]).toBeGreaterThan(out[i - 1][0]);
  });
});
