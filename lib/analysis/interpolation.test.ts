import { describe, expect, it } from "vitest";
import { INTERPOLATION_ALPHAS, readInterpolation } from "./interpolation";

describe("interpolation", () => {
  it("has 21 alphas from -0.5 to 1.5 with 0 and 1 exact", () => {
    expect(INTERPOLATION_ALPHAS).toHaveLength(21);
    expect([INTERPOLATION_ALPHAS[0], INTERPOLATION_ALPHAS[20]]).toEqual([-0.5, 1.5]);
    expect(INTERPOLATION_ALPHAS).toContain(0);
    expect(INTERPOLATION_ALPHAS).toContain(1);
    expect(INTERPOLATION_ALPHAS).toContain(0.3);
  });

  it("reads a rise between the ends as different minima, and a valley as one basin", () => {
    const bump = INTERPOLATION_ALPHAS.map((x): [number, number] => [x, 0.3 + Math.sin(Math.PI * Math.min(1, Math.max(0, x)))]);
    expect(readInterpolation(bump)).toMatchObject({ verdict: "different" });
    expect(readInterpolation(bump)!.barrier).toBeCloseTo(1, 5);
    const bowl = INTERPOLATION_ALPHAS.map((x): [number, number] => [x, 0.3 + (x - 0.5) ** 2]);
    expect(readInterpolation(bowl)).toMatchObject({ verdict: "same", barrier: 0 });
    expect(readInterpolation([[0.5, 1]])).toBeNull();
  });
});
