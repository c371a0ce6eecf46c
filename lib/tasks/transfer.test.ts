import { describe, expect, it } from "vitest";
import { transferability, transferTable } from "./transfer";

describe("transferability", () => {
  it("reproduces the paper's check: Caltech-256 finetune, (82.73 - 77.87) / (69.33 - 54.01) = 0.32", () => {
    const out = transferability([
      { sourceAcc: 54.01, targetAcc: 77.87 },
      { sourceAcc: 69.33, targetAcc: 82.73 },
    ]);
    expect(out[0]).toBeNull();
    expect(out[1]).toBeCloseTo(0.3172, 4);
    expect(Math.round(out[1]! * 100) / 100).toBe(0.32);
  });

  it("is the same for fractions as for percentages", () => {
    const [, r] = transferability([
      { sourceAcc: 0.5401, targetAcc: 0.7787 },
      { sourceAcc: 0.6933, targetAcc: 0.8273 },
    ]);
    expect(r).toBeCloseTo(0.3172, 4);
  });

  it("takes each stage against the one before it, null where the source accuracy did not move", () => {
    expect(
      transferability([
        { sourceAcc: 0.4, targetAcc: 0.5 },
        { sourceAcc: 0.6, targetAcc: 0.6 },
        { sourceAcc: 0.6, targetAcc: 0.7 },
        { sourceAcc: 0.7, targetAcc: 0.65 },
      ]),
    ).toEqual([null, expect.closeTo(0.5, 12), null, expect.closeTo(-0.5, 12)]);
    expect(transferability([])).toEqual([]);
    expect(transferability([{ sourceAcc: 0.5, targetAcc: 0.5 }])).toEqual([null]);
  });
});

describe("transferTable", () => {
  it("reads each stage's source accuracy at the snapshot's epoch and reproduces the paper's 0.32", () => {
    const [row] = transferTable([
      {
        // Source accuracy per epoch; the snapshots were taken at the decay (epoch 30) and the end (epoch 60).
        test_acc: [[10, 0.3], [30, 0.5401], [45, 0.65], [59, 0.6933]],
        "transfer/finetune/caltech256": [[30, 0.7787], [60, 0.8273]],
        other_metric: [[1, 1]],
      },
    ]);
    expect(row).toMatchObject({ mode: "finetune", target: "caltech256" });
    expect(row.stages.map((s) => [s.stage, s.x, s.sourceAcc, s.targetAcc, s.seeds])).toEqual([
      [1, 30, 0.5401, 0.7787, 1],
      // No test_acc at 60: the nearest earlier point, epoch 59.
      [2, 60, 0.6933, 0.8273, 1],
    ]);
    expect(row.stages[0].transferability).toBeNull();
    expect(Math.round(row.stages[1].transferability! * 100) / 100).toBe(0.32);
  });

  it("averages seeds stage by stage before taking the ratio, and orders rows by target then mode", () => {
    const seed = (acc1: number, acc2: number, t1: number, t2: number) => ({
      test_acc: [[5, acc1], [10, acc2]] as [number, number][],
      "transfer/fix/cub": [[5, t1], [10, t2]] as [number, number][],
    });
    const table = transferTable([
      seed(0.4, 0.6, 0.3, 0.4),
      // Source accuracy did not move for this seed: its own ratio would be undefined, the mean's is not.
      seed(0.5, 0.5, 0.35, 0.45),
      { test_acc: [[5, 0.5]], "transfer/finetune/cub": [[5, 0.7]], "transfer/fix/caltech": [[5, 0.2]] },
    ]);
    expect(table.map((r) => `${r.target}/${r.mode}`)).toEqual(["caltech/fix", "cub/fix", "cub/finetune"]);
    const cub = table[1].stages;
    expect(cub[0]).toMatchObject({ sourceAcc: 0.45, seeds: 2 });
    expect(cub[0].targetAcc).toBeCloseTo(0.325, 12);
    expect(cub[1].sourceAcc).toBeCloseTo(0.55, 12);
    // (0.425 - 0.325) / (0.55 - 0.45) = 1.
    expect(cub[1].transferability).toBeCloseTo(1, 12);
    expect(table[2].stages).toHaveLength(1);
  });

  it("skips a snapshot taken before any source accuracy, and a run without transfer series adds no row", () => {
    expect(transferTable([{ test_acc: [[5, 0.5]] }])).toEqual([]);
    const [row] = transferTable([{ test_acc: [[5, 0.5]], "transfer/fix/x": [[1, 0.1], [5, 0.2]] }]);
    expect(row.stages.map((s) => s.x)).toEqual([5]);
  });
});

describe("transferTable intervals", () => {
  it("gives each stage's transferability a 95% interval over seeds, none for one seed", () => {
    const seed = (t2: number) => ({ test_acc: [[5, 0.5], [10, 0.7]] as [number, number][], "transfer/fix/cub": [[5, 0.3], [10, t2]] as [number, number][] });
    // Target gains 0.08 and 0.12 over a source gain of 0.2: ratios 0.4 and 0.6, mean 0.5, influences -0.1 and 0.1.
    const [row] = transferTable([seed(0.38), seed(0.42)]);
    expect(row.stages[0].interval).toBeNull();
    expect(row.stages[1].transferability).toBeCloseTo(0.5, 12);
    const [lower, upper] = row.stages[1].interval!;
    // sd 0.1414, se 0.1, t(0.975, 1) = 12.706.
    expect(lower).toBeCloseTo(0.5 - 1.27062, 4);
    expect(upper).toBeCloseTo(0.5 + 1.27062, 4);
    expect(transferTable([seed(0.38)])[0].stages[1].interval).toBeNull();
  });
});
