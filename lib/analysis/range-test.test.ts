import { describe, expect, it } from "vitest";
import { analyseRangeTest, looksLikeRangeTest, rangeTestPoints, RangeTestMonitor, schedulesFromRangeTest, type RangeTestPoint } from "./range-test";

/** 100 steps from 1e-6 to 10: flat at 2.3 (with batch-to-batch noise), a fall centred on 10^-2.5, then a blow-up past 0.3. */
function rangeTest(steps = 100): RangeTestPoint[] {
  return Array.from({ length: steps }, (_, i) => {
    const lr = 1e-6 * 10 ** ((7 * i) / (steps - 1));
    const decade = Math.log10(lr);
    const fall = 2 / (1 + Math.exp(-3 * (decade + 2.5)));
    const blowUp = lr > 0.3 ? Math.exp(5 * (decade + 0.5)) : 0;
    return { lr, loss: 2.3 - fall + blowUp + (i % 2 === 0 ? 0.02 : -0.02) };
  });
}

describe("range test analysis", () => {
  it("stops once the smoothed loss passes 4x its best, as fastai does", () => {
    const monitor = new RangeTestMonitor();
    expect(monitor.push(1).stop).toBe(false);
    expect(monitor.push(1).stop).toBe(false);
    let stopped = false;
    for (let i = 0; i < 50 && !stopped; i++) stopped = monitor.push(100).stop;
    expect(stopped).toBe(true);
    const analysis = analyseRangeTest(rangeTest());
    expect(analysis.points.length).toBeLessThan(100);
    expect(analysis.points.at(-1)!.smoothed).toBeGreaterThan(4 * Math.min(...analysis.points.map((p) => p.smoothed)));
  });

  it("suggests fastai's minimum / 10, steepest and valley rates, and Smith's cyclical bounds, in a sensible order", () => {
    const a = analyseRangeTest(rangeTest());
    expect(a.problem).toBeNull();
    const { base, max } = a.cyclical!;
    // The fall spans about 10^-3.5 .. 10^-1.5; smoothing lags it a little to the right.
    expect(base).toBeGreaterThan(1e-5);
    expect(base).toBeLessThan(10 ** -2.5);
    expect(max).toBeGreaterThan(10 ** -1.5);
    expect(max).toBeLessThan(1);
    expect(a.steep!.lr).toBeGreaterThan(base);
    expect(a.steep!.lr).toBeLessThan(max);
    expect(a.valley!.lr).toBeGreaterThanOrEqual(base);
    expect(a.valley!.lr).toBeLessThan(max);
    expect(a.minimum!.lr).toBeCloseTo(max / 10, 12);
    expect(a.cyclical!.reason).toMatch(/starts to fall at .* and stops falling at/);
  });

  it("says why when there is nothing to suggest", () => {
    expect(analyseRangeTest([{ lr: 1e-3, loss: 2 }]).problem).toMatch(/1 usable points/);
    const flat = Array.from({ length: 30 }, (_, i) => ({ lr: 10 ** (i / 10 - 5), loss: 2.3 }));
    expect(analyseRangeTest(flat)).toMatchObject({ cyclical: null, problem: expect.stringMatching(/never falls/) });
    const shuffled = rangeTest(30).reverse();
    expect(analyseRangeTest(shuffled).problem).toMatch(/rates do not grow/);
    // A NaN at the end of a diverged test is left out, not a crash.
    expect(analyseRangeTest([...rangeTest(60), { lr: 20, loss: Number.NaN }]).cyclical).not.toBeNull();
  });
});

describe("schedules from a range test", () => {
  it("builds a valid budget-relative CLR between Smith's bounds, a 1cycle and a StepDecay from the valley", async () => {
    const { parseDefinition, resolveDefinition } = await import("../schedules");
    const analysis = analyseRangeTest(rangeTest());
    const built = schedulesFromRangeTest(analysis);
    expect(built.map((b) => b.label)).toEqual(["CLR", "1cycle", "StepDecay"]);
    for (const { definition } of built) {
      const parsed = parseDefinition(definition);
      expect(parsed.ok, JSON.stringify(parsed)).toBe(true);
      if (parsed.ok) expect(resolveDefinition(parsed.definition, 1000).ok).toBe(true);
    }
    expect(built[0].definition).toMatchObject({ baseLr: Number(analysis.cyclical!.base.toPrecision(3)), maxLr: Number(analysis.cyclical!.max.toPrecision(3)) });
    expect(schedulesFromRangeTest(analyseRangeTest([]))).toEqual([]);
  });
});

describe("recognising a range test in a log", () => {
  it("pairs lr and loss by step, and calls a rate growing over two decades a range test", () => {
    const points = rangeTestPoints([[0, 1e-4], [1, 1e-3], [2, 1e-2], [3, 0.1], [4, 1], [5, 10]], [[0, 2.3], [2, 2], [3, 1.5], [4, 1.2], [5, 3], [6, 9]]);
    expect(points).toEqual([{ lr: 1e-4, loss: 2.3 }, { lr: 1e-2, loss: 2 }, { lr: 0.1, loss: 1.5 }, { lr: 1, loss: 1.2 }, { lr: 10, loss: 3 }]);
    expect(looksLikeRangeTest(points)).toBe(true);
    expect(looksLikeRangeTest(points.map((p) => ({ ...p, lr: 0.1 })))).toBe(false);
    expect(looksLikeRangeTest([...points].reverse())).toBe(false);
  });
});
