import { describe, expect, it } from "vitest";
import type { Point } from "./series";
import { runDecays, stageEndLabel, stageEnds, stageTable } from "./stages";

const series = (...ys: number[]): Point[] => ys.map((y, x) => [x, y]);

describe("runDecays", () => {
  it("takes the stored decay events, sorted and once per x, and ignores other events", () => {
    const events = [
      { x: 6, type: "decay" },
      { x: 3, type: "decay" },
      { x: 3, type: "decay" },
      { x: 4, type: "divergence" },
    ];
    expect(runDecays(events, series(0.1, 0.1, 0.1, 0.1, 0.1))).toEqual([3, 6]);
  });

  it("falls back to the lr series when the run has no decay events", () => {
    expect(runDecays([], series(0.1, 0.1, 0.1, 0.01, 0.01, 0.001, 0.001))).toEqual([3, 5]);
    expect(runDecays([{ x: 2, type: "terminate" }], undefined)).toEqual([]);
  });
});

describe("stageEnds", () => {
  it("reads each series' last finite value before each decay, and at the end", () => {
    const run = {
      train_acc_simple: series(0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.92, 0.95),
      // NaN at x = 2 (a diverged evaluation): stage 1 ends on x = 1's value instead.
      train_acc_noise: series(0.1, 0.2, Number.NaN, 0.3, 0.3, 0.3, 0.5, 0.6),
    };
    expect(stageEnds(run, [6, 3], ["train_acc_simple", "train_acc_noise", "missing"])).toEqual([
      { stage: 1, endsAtDecay: 3, values: { train_acc_simple: 0.7, train_acc_noise: 0.2, missing: null } },
      { stage: 2, endsAtDecay: 6, values: { train_acc_simple: 0.9, train_acc_noise: 0.3, missing: null } },
      { stage: 3, endsAtDecay: null, values: { train_acc_simple: 0.95, train_acc_noise: 0.6, missing: null } },
    ]);
  });

  it("is one stage, ending at the last point, for a run that never decayed", () => {
    expect(stageEnds({ a: series(0.1, 0.4) }, [], ["a"])).toEqual([{ stage: 1, endsAtDecay: null, values: { a: 0.4 } }]);
  });
});

describe("stageEndLabel", () => {
  it("says how many seeds end a stage at a decay and how many at the end of training", () => {
    expect(stageEndLabel({ runs: 3, meanDecayX: 15, endedByDecay: 3 }, 3)).toBe("decay at 15");
    expect(stageEndLabel({ runs: 3, meanDecayX: 19.8, endedByDecay: 1 }, 3)).toBe("decay at 19.8 (1 seed), end (2 seeds)");
    expect(stageEndLabel({ runs: 1, meanDecayX: null, endedByDecay: 0 }, 3)).toBe("end (1 seed)");
    expect(stageEndLabel({ runs: 2, meanDecayX: 9.579617834394904, endedByDecay: 2 }, 3)).toBe("decay at 9.6 (2 seeds)");
    expect(stageEndLabel({ runs: 3, meanDecayX: null, endedByDecay: 0 }, 3)).toBe("end");
  });
});

describe("stageTable", () => {
  it("averages stage by stage over seeds with a 95% t interval", () => {
    const rows = stageTable(
      [
        { series: { acc: series(0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.92, 0.95) }, decayXs: [3, 6] },
        { series: { acc: series(0.6, 0.7, 0.8, 0.8, 0.85, 0.94, 0.96, 0.97) }, decayXs: [3, 6] },
        // An adaptive seed that decayed once, at 4: it has stages 1 and 2 only.
        { series: { acc: series(0.3, 0.3, 0.3, 0.3, 0.6, 0.6) }, decayXs: [4] },
      ],
      ["acc"],
    );
    expect(rows.map((r) => [r.stage, r.runs, r.meanDecayX, r.endedByDecay])).toEqual([
      [1, 3, expect.closeTo(10 / 3, 12), 3],
      // Two seeds end stage 2 at their second decay, the adaptive one at the end of training.
      [2, 3, 6, 2],
      [3, 2, null, 0],
    ]);
    // Stage 1: 0.7, 0.8, 0.3 -> mean 0.6, sd sqrt(((0.1)^2 + (0.2)^2 + (0.3)^2) / 2) = sqrt(0.07).
    const s1 = rows[0].metrics.acc!;
    expect(s1.mean).toBeCloseTo(0.6, 12);
    expect(s1.halfWidth).toBeCloseTo(4.302652730 * (Math.sqrt(0.07) / Math.sqrt(3)), 6);
    // Stage 3: 0.95, 0.97 (the adaptive seed has none) -> mean 0.96, sd 0.01414..., t(0.975, 1) = 12.7062047.
    const s3 = rows[2].metrics.acc!;
    expect(s3.mean).toBeCloseTo(0.96, 12);
    expect(s3.n).toBe(2);
    expect(s3.halfWidth).toBeCloseTo(12.7062047 * 0.01, 5);
  });

  it("says null where no seed has a value, and one seed gets a mean without an interval", () => {
    const [row] = stageTable([{ series: { acc: series(0.4) }, decayXs: [] }], ["acc", "other"]);
    expect(row.metrics.other).toBeNull();
    expect(row.metrics.acc).toMatchObject({ mean: 0.4, lower: null, upper: null, n: 1 });
    expect(stageTable([], ["acc"])).toEqual([]);
  });
});
