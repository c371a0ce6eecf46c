import { describe, expect, it } from "vitest";
import { smoothEma } from "../analysis";
import { smoothSegments } from "./smooth";

// Accuracy flat at 0.5, then a decay at x = 50 lifts it to 0.8 at once.
const curve: [number, number][] = Array.from({ length: 100 }, (_, x) => [x, x < 50 ? 0.5 : 0.8]);

describe("smoothSegments", () => {
  it("keeps the jump after a decay sharp where a plain EMA smears it", () => {
    const smeared = smoothEma(curve, 0.9);
    expect(smeared[51][1]).toBeLessThan(0.6);
    const kept = smoothSegments(curve, 0.9, [50]);
    expect(kept[49][1]).toBeCloseTo(0.5, 10);
    expect(kept[50][1]).toBeCloseTo(0.8, 10);
    expect(kept).toHaveLength(curve.length);
  });

  it("is the plain EMA without decays and the raw curve at weight 0", () => {
    expect(smoothSegments(curve, 0.6)).toEqual(smoothEma(curve, 0.6));
    expect(smoothSegments(curve, 0, [50])).toBe(curve);
  });
});
