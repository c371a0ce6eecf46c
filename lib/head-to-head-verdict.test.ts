import { describe, expect, it } from "vitest";
import { headToHead } from "./head-to-head";
import { missingSeeds, seedsToResolve, verdictOf } from "./head-to-head-verdict";

const seeds = (finals: number[]) => finals.map((final, seed) => ({ seed, final, epochs: null }));

describe("seedsToResolve", () => {
  it("matches the paired power calculation", () => {
    // sd equal to the difference: the normal formula gives (1.96 + 0.84)^2 = 7.85; with t quantiles n = 10.
    expect(seedsToResolve(0.01)).toBe(10);
    // Twice the sd: the normal formula 31.4, t quantiles add about two.
    expect(seedsToResolve(0.02)).toBe(34);
    expect(seedsToResolve(0.001)).toBe(2);
    expect(seedsToResolve(0)).toBe(2);
  });

  it("refuses nonsense", () => {
    expect(() => seedsToResolve(-1)).toThrow(RangeError);
    expect(() => seedsToResolve(0.01, 0)).toThrow(RangeError);
  });
});

describe("verdictOf", () => {
  it("says when two schedules are not distinguishable, with the interval and the seeds that would tell", () => {
    const result = headToHead(seeds([0.7, 0.55, 0.62]), seeds([0.6, 0.65, 0.6]));
    const verdict = verdictOf("AutoDecay", "StepDecay", result);
    expect(verdict.distinguishable).toBe(false);
    expect(verdict.text).toMatch(/^AutoDecay is not distinguishable from StepDecay at 3 seeds: difference \+0\.7 pts, 95% interval \[-[\d.]+, \+[\d.]+\]; about (\d+) seeds would resolve a 1-point difference\.$/);
    expect(verdict.seedsNeeded).toBeGreaterThan(10);
    expect(verdict.targetSeeds).toBe(10);
  });

  it("names the better schedule and by how much when the interval excludes 0", () => {
    const result = headToHead(seeds([0.6, 0.61, 0.62, 0.6]), seeds([0.7, 0.705, 0.72, 0.7]));
    const verdict = verdictOf("AutoDecay", "StepDecay", result);
    expect(verdict.distinguishable).toBe(true);
    expect(verdict.text).toMatch(/^StepDecay is better than AutoDecay by 9\.9 pts of final test accuracy at 4 seeds \(A − B: -9\.9 pts, 95% interval \[-[\d.]+, -[\d.]+\]\)\.$/);
    expect(verdict.targetSeeds).toBe(3);
  });

  it("asks for shared seeds when there is nothing to pair", () => {
    const verdict = verdictOf("A", "B", headToHead(seeds([0.5]), seeds([0.4, 0.5])));
    expect(verdict.distinguishable).toBeNull();
    expect(verdict.text).toBe("A and B cannot be compared yet: they share 1 seed, and a paired comparison needs at least 2.");
  });
});

describe("missingSeeds", () => {
  it("lists the seeds below the target nobody has run", () => {
    expect(missingSeeds([0, 2, 7], 4)).toEqual([1, 3]);
    expect(missingSeeds([], 3)).toEqual([0, 1, 2]);
  });
});
