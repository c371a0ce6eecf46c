import { describe, expect, it } from "vitest";
import { headToHead } from "./head-to-head";

describe("headToHead", () => {
  it("pairs by seed, with hand-computed paired statistics, and counts epochs saved", () => {
    // Differences 0.02, 0.01, 0.04: mean 0.02333, sd 0.015275, t = 2.6458 on 2 df; for 2 df the t CDF is
    // closed-form, p = 1 - t/sqrt(2 + t^2) = 0.11807, and the CI is 0.02333 -+ 4.30265 * 0.015275 / sqrt(3).
    const a = [
      { seed: 0, final: 0.3, epochs: 81 },
      { seed: 1, final: 0.32, epochs: 83 },
      { seed: 2, final: 0.35, epochs: 79 },
    ];
    const b = [
      { seed: 2, final: 0.31, epochs: 90 },
      { seed: 0, final: 0.28, epochs: 90 },
      { seed: 1, final: 0.31, epochs: 90 },
      { seed: 7, final: 0.4, epochs: 90 },
    ];
    const result = headToHead(a, b);
    expect(result.pairedSeeds).toEqual([0, 1, 2]);
    expect(result.paired!.difference).toBeCloseTo(0.0233333, 6);
    expect(result.paired!.ci95[0]).toBeCloseTo(-0.01461, 4);
    expect(result.paired!.ci95[1]).toBeCloseTo(0.06128, 4);
    expect(result.paired!.pValue).toBeCloseTo(0.11807, 4);
    expect(result.welch!.difference).toBeCloseTo(0.3233333 - 0.325, 6);
    expect(result.epochsSaved).toBeCloseTo(90 - 81, 10);
  });

  it("gives no statistics where there is too little to compare", () => {
    const result = headToHead([{ seed: 0, final: 0.5, epochs: null }], [{ seed: 0, final: 0.4, epochs: null }]);
    expect(result).toMatchObject({ pairedSeeds: [0], paired: null, welch: null, epochsSaved: null, meanA: 0.5, meanB: 0.4 });
  });
});
