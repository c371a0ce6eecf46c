import { describe, expect, it } from "vitest";
import { BASELINE_SCHEDULES, TASK_RECIPES, describeRecipeOnTier, taskRecipe } from "./baselines";
import { budgetInSteps, parseDefinition, resolveOrThrow, sampleSchedule, type ResolvedDefinition, type ScheduleDefinition } from "./schedules";
import { TASKS } from "./tasks/catalog";

// Every tier the catalog has, with the iterations per epoch an engine gives it (the last batch kept).
const TIERS = TASKS.flatMap((task) =>
  task.tiers.map((tier) => ({ taskId: task.id, tier: tier.tier, epochs: tier.epochs, itersPerEpoch: Math.ceil(tier.trainSamples / tier.batchSize) })),
);

function parsed(definition: unknown): ScheduleDefinition {
  const result = parseDefinition(definition);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.definition;
}

const cases = BASELINE_SCHEDULES.flatMap((baseline) =>
  TIERS.filter((t) => !baseline.taskId || baseline.taskId === t.taskId).map((t) => {
    const definition = parsed(baseline.definition);
    const budget = budgetInSteps(definition, t);
    return { label: `${baseline.name} on ${t.taskId} · ${t.tier} (${budget} ${definition.unit}s)`, definition, budget, resolved: resolveOrThrow(definition, budget) };
  }),
);

/** The shape each kind must complete within the budget; `lr` runs one step past it, to see what would come next. */
function checkShape(def: ResolvedDefinition, budget: number, lr: number[]) {
  const last = lr[budget - 1];
  const next = lr[budget];
  switch (def.kind) {
    case "multiStep":
      expect(def.milestones[0]).toBeGreaterThan(0);
      expect(def.milestones.at(-1)).toBeLessThan(budget);
      expect(last).toBeCloseTo(def.lr * def.gamma ** def.milestones.length, 12);
      break;
    case "cosine":
      // Anneals to its end: the step after the last would be etaMin, and the last is within 1% of it.
      expect(def.tMax).toBe(budget);
      expect(next).toBeCloseTo(def.etaMin, 12);
      expect(last - def.etaMin).toBeLessThan(1e-2 * (def.lr - def.etaMin));
      break;
    case "warmRestarts": {
      let end = 0;
      let cycle = def.t0;
      while (end < budget) [end, cycle] = [end + cycle, cycle * def.tMult];
      // Ends on a whole cycle: the last step is the cycle's lowest, the next would restart.
      expect(end).toBe(budget);
      expect(next).toBeCloseTo(def.lr, 12);
      expect(last).toBeCloseTo(Math.min(...lr), 15);
      expect(last - def.etaMin).toBeLessThan(1e-2 * (def.lr - def.etaMin));
      break;
    }
    case "cyclic": {
      const cycle = def.stepSizeUp + (def.stepSizeDown ?? def.stepSizeUp);
      expect(budget % cycle).toBe(0);
      expect(budget / cycle).toBeGreaterThanOrEqual(2);
      expect(next).toBeCloseTo(def.baseLr, 12);
      expect(Math.min(...lr)).toBeCloseTo(def.baseLr, 12);
      expect(Math.max(...lr)).toBeCloseTo(def.maxLr, 12);
      break;
    }
    case "oneCycle": {
      expect(def.totalSteps).toBe(budget);
      expect(last).toBeCloseTo(Math.min(...lr), 15);
      const peak = lr.indexOf(Math.max(...lr));
      expect(peak).toBeGreaterThan(0);
      expect(peak).toBeLessThan(budget - 1);
      // OneCycleLR's warm-up ends at pctStart x totalSteps - 1, between two steps when that is fractional.
      expect(Math.max(...lr)).toBeGreaterThan(0.999 * def.maxLr);
      break;
    }
    case "rangeTest":
      expect(def.steps).toBe(budget);
      expect(last).toBeCloseTo(def.maxLr, 9);
      expect(lr[0]).toBe(def.minLr);
      break;
    case "autoDecay":
      // It can act: a whole window of observations fits in a tenth of the run.
      expect(def.window * def.observeEvery).toBeLessThanOrEqual(budget / 10);
      break;
    default:
      expect(["constant", "plateau"]).toContain(def.kind);
  }
}

describe("every baseline on every task and tier", () => {
  it("covers every task and tier", () => {
    expect(cases.length).toBeGreaterThan(TIERS.length * 8);
  });

  it.each(cases)("$label completes its shape", ({ definition, budget, resolved }) => {
    const observations = Array.from({ length: budget }, (_, t) => 2 / Math.sqrt(1 + t / 10));
    // OneCycleLR refuses a step past its total; the periodic kinds are sampled one step further.
    const steps = ["cosine", "warmRestarts", "cyclic"].includes(resolved.kind) ? budget + 1 : budget;
    const { lr } = sampleSchedule(definition, { steps, budget, observations });
    if (resolved.kind !== "autoDecay" && resolved.kind !== "plateau") expect(lr).toHaveLength(steps);
    expect(lr.every((x) => Number.isFinite(x) && x >= 0)).toBe(true);
    checkShape(resolved, budget, lr);
  });
});

describe("the tasks' StepDecay recipes", () => {
  const milestones = (taskId: string, epochs: number) => {
    const def = resolveOrThrow(parsed(taskRecipe(taskId).definition), epochs);
    return def.kind === "multiStep" ? def.milestones : null;
  };

  it("resolve to the published milestones", () => {
    expect(milestones("cifar10-wrn", 200)).toEqual([60, 120, 160]);
    expect(milestones("imagenet-subset-transfer", 90)).toEqual([30, 60]);
    expect(milestones("imagenet-subset-transfer", 30)).toEqual([10, 20]);
    expect(milestones("imagenet-subset-transfer", 6)).toEqual([2, 4]);
    expect(milestones("ps10-noise", 30)).toEqual([15, 25]);
    expect(describeRecipeOnTier("cifar10-wrn", 10)).toBe("0.1, x0.2 at epochs 3, 6, 8");
  });

  it("one per task, and none is generic", () => {
    expect(TASK_RECIPES.map((r) => r.taskId).sort()).toEqual(TASKS.map((t) => t.id).sort());
    expect(new Set(BASELINE_SCHEDULES.map((b) => b.name)).size).toBe(BASELINE_SCHEDULES.length);
  });
});
