import { describe, expect, it } from "vitest";
import type { Point } from "./analysis/series";
import { budgetExcess, checkScheduleClaim, firstXBeyondBudget } from "./claim-check";
import { tierBudget } from "./tasks/budget";
import { parseDefinition } from "./schedules";
import { findTask } from "./tasks/catalog";

const def = (input: unknown) => {
  const parsed = parseDefinition(input);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.definition;
};
// ps10-noise smoke: 30 epochs.
const budget = tierBudget(findTask("ps10-noise")!, "smoke")!;
const stepDecay = def({ kind: "multiStep", lr: 0.1, milestones: [15, 25], gamma: 0.1 });
/** lr per epoch, 0-based (x = 0..n-1) or 1-based (x = 1..n), dropping x0.1 at each 0-based epoch in `drops`. */
const logged = (drops: number[], base = 0, n = 30): Point[] =>
  Array.from({ length: n }, (_, e) => [e + base, 0.1 * 0.1 ** drops.filter((d) => e >= d).length]);
const check = (lr: Point[], definition = stepDecay, firstX = lr[0][0]) => checkScheduleClaim({ definition, lr, xAxis: "epoch", firstX, budget });

describe("checkScheduleClaim", () => {
  it("accepts a StepDecay log that decays where it claims, 0-based or 1-based", () => {
    expect(check(logged([15, 25])).status).toBe("matches");
    expect(check(logged([15, 25], 1)).status).toBe("matches");
  });

  it("flags a log claiming StepDecay at 15 and 25 that drops only at 15, naming both", () => {
    const result = check(logged([15]));
    expect(result.status).toBe("mismatch");
    expect(result.reason).toMatch(/^schedule mismatch: at epoch 26 the log's lr is 0\.01, the claimed multiStep resolved for 30 epochs gives 0\.001/);
    expect(result.reason).toMatch(/The claim decays at epoch 15, 25; the log at 15\.$/);
  });

  it("tolerates a decay one epoch off but not two, nor a wrong initial rate", () => {
    expect(check(logged([16, 26])).status).toBe("matches");
    expect(check(logged([14, 24])).status).toBe("matches");
    expect(check(logged([17, 25])).status).toBe("mismatch");
    expect(check(logged([15, 25]).map(([x, y]): Point => [x, y * 1.05])).status).toBe("mismatch");
    expect(check(logged([15, 25]).map(([x, y]): Point => [x, y * 1.005])).status).toBe("matches");
  });

  it("resolves a budget-relative claim for the tier", () => {
    const relative = def({ kind: "multiStep", lr: 0.1, milestones: ["50%", "83.4%"], gamma: 0.1 });
    expect(check(logged([15, 25]), relative).status).toBe("matches");
    expect(check(logged([10, 20]), relative).status).toBe("mismatch");
  });

  it("checks a per-iteration schedule logged per epoch", () => {
    const cosine = def({ kind: "cosine", lr: 0.1, tMax: "100%", unit: "iteration" });
    const perEpoch = Array.from({ length: 30 }, (_, e): Point => [e, 0.05 * (1 + Math.cos((Math.PI * e) / 30))]);
    expect(check(perEpoch, cosine).status).toBe("matches");
    expect(check(perEpoch.map(([x]): Point => [x, 0.1]), cosine).status).toBe("mismatch");
  });

  it("leaves adaptive claims and logs without lr unchecked", () => {
    expect(check(logged([15]), def({ kind: "autoDecay", lr: 0.1 })).status).toBe("unchecked");
    expect(check([[0, 0.1]]).status).toBe("unchecked");
  });
});

describe("budgetExcess", () => {
  const tenEpochs = tierBudget(findTask("cifar10-wrn")!, "smoke")!;

  it("refuses a 20-epoch log on a 10-epoch tier, naming both", () => {
    expect(budgetExcess({ xAxis: "epoch", firstX: 0, lastX: 19 }, tenEpochs)).toBe(
      "the log spans 20 epochs (x 0 to 19), more than the 10 epochs of tier 'smoke' of cifar10-wrn",
    );
  });

  it("accepts 10 epochs numbered 0..9 or 1..10, and refuses 0..10", () => {
    expect(budgetExcess({ xAxis: "epoch", firstX: 0, lastX: 9 }, tenEpochs)).toBeNull();
    expect(budgetExcess({ xAxis: "epoch", firstX: 1, lastX: 10 }, tenEpochs)).toBeNull();
    expect(budgetExcess({ xAxis: "epoch", firstX: 0, lastX: 10 }, tenEpochs)).toMatch(/11 epochs/);
  });

  it("counts a step-axis log against epochs x iterations per epoch", () => {
    // 2,000 samples at batch 128: 16 iterations per epoch, 160 steps.
    expect(budgetExcess({ xAxis: "step", firstX: 0, lastX: 159 }, tenEpochs)).toBeNull();
    expect(budgetExcess({ xAxis: "step", firstX: 0, lastX: 160 }, tenEpochs)).toMatch(/161 steps, more than the 160/);
  });

  it("finds the first point no numbering of the tier can reach", () => {
    expect(firstXBeyondBudget([0, 5, 10], "epoch", tenEpochs)).toBeNull();
    expect(firstXBeyondBudget([0, 11, 19], "epoch", tenEpochs)).toBe(11);
  });
});
