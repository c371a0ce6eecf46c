import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { meanAndBand } from "./band";
import type { Point } from "./series";

describe("meanAndBand", () => {
  it("aligns seeds on exact x and uses those that have it", () => {
    const band = meanAndBand([
      [[0, 1], [1, 2], [2, 3]],
      [[0, 3], [1, 4]],
      [[0, 2], [1, NaN], [3, 5]],
    ]);
    expect(band.map((b) => [b.x, b.n])).toEqual([[0, 3], [1, 2], [2, 1], [3, 1]]);
    expect(band[0].mean).toBe(2);
    expect(band[0].std).toBeCloseTo(1, 12); // (1 + 1 + 0) / 2
    expect(band[1].mean).toBe(3);
    expect(band[1].std).toBeCloseTo(Math.SQRT2, 12); // (1 + 1) / 1
    expect(band[2]).toEqual({ x: 2, mean: 3, std: 0, n: 1 });
    expect(band[3]).toEqual({ x: 3, mean: 5, std: 0, n: 1 });
  });

  it("counts a repeated x once per seed, with its last value, and drops all-NaN rows", () => {
    expect(meanAndBand([[[0, 1], [0, 5]], [[0, 7]], [[1, NaN]]])).toEqual([{ x: 0, mean: 6, std: Math.SQRT2, n: 2 }]);
    expect(meanAndBand([])).toEqual([]);
  });

  it("keeps every mean within the min and max of its row", () => {
    const value = fc.double({ min: -1e6, max: 1e6, noNaN: true });
    const seed = fc.array(fc.tuple(fc.integer({ min: 0, max: 20 }), value), { maxLength: 30 });
    fc.assert(
      fc.property(fc.array(seed, { minLength: 1, maxLength: 6 }), (seeds) => {
        const sorted = seeds.map((s) => [...s].sort((a, b) => a[0] - b[0]) as Point[]);
        for (const row of meanAndBand(sorted)) {
          const ys = sorted.flatMap((s) => {
            const at = s.filter((p) => p[0] === row.x);
            return at.length ? [at[at.length - 1][1]] : [];
          });
          expect(row.n).toBe(ys.length);
          expect(row.mean).toBeGreaterThanOrEqual(Math.min(...ys));
          expect(row.mean).toBeLessThanOrEqual(Math.max(...ys));
          expect(row.std).toBeGreaterThanOrEqual(0);
        }
      }),
    );
  });
});
