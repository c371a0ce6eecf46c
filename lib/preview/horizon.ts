import { isBudgetRelative, type ResolvedDefinition, type ScheduleDefinition } from "../schedules";
import { recipeOnTier } from "../baselines";
import { TASKS } from "../tasks/catalog";

/** The budget a budget-relative schedule is drawn for when nobody chose one: the paper's 200 epochs. */
export const DEFAULT_PREVIEW_BUDGET = 200;

/**
 * How many steps a chart of this schedule should show when nobody chose: long enough to see its
 * whole shape (every milestone, two or three cycles, the end of a one-cycle) but not much longer.
 * A budget-relative schedule spans its budget, so it is drawn over the default budget.
 */
export function previewSteps(def: ScheduleDefinition): number {
  if (isBudgetRelative(def)) return DEFAULT_PREVIEW_BUDGET;
  const steps = Math.round(rawHorizon(def as ResolvedDefinition));
  return Math.min(Math.max(steps, 10), 200_000);
}

function rawHorizon(def: ResolvedDefinition): number {
  switch (def.kind) {
    case "constant":
      return 100;
    case "step":
      return def.stepSize * 4;
    case "multiStep":
      return tierEpochsOf(def.milestones) ?? Math.ceil((def.milestones[def.milestones.length - 1] ?? 30) * 4 / 3);
    case "exponential":
      return 100;
    case "cosine":
      return def.tMax;
    case "warmRestarts":
      return def.t0 * (1 + def.tMult + def.tMult * def.tMult);
    case "cyclic":
      return 3 * (def.stepSizeUp + (def.stepSizeDown ?? def.stepSizeUp));
    case "oneCycle":
      return def.totalSteps;
    case "linear":
    case "polynomial":
      return def.totalIters * 2;
    case "sequence": {
      const last = def.schedules[def.schedules.length - 1];
      return (def.milestones[def.milestones.length - 1] ?? 0) + rawHorizon(last);
    }
    case "piecewise": {
      const lastT = def.points[def.points.length - 1]?.[0] ?? 100;
      return lastT * 1.25 + 1;
    }
    case "rangeTest":
      return def.steps;
    default:
      // Adaptive kinds stop when the (synthetic) loss says so; 200 epochs is the paper's budget.
      return 200;
  }
}

/**
 * A copy of a task's StepDecay recipe as resolved for one of its tiers runs for that tier's epochs, which
 * no rule of thumb recovers from the milestones: 15 and 25 of 30 epochs, 100 and 167 of 200.
 */
function tierEpochsOf(milestones: readonly number[]): number | undefined {
  const key = milestones.join(",");
  for (const task of TASKS) {
    for (const tier of task.tiers) {
      const recipe = recipeOnTier(task.id, tier.epochs);
      if (recipe.kind === "multiStep" && recipe.milestones.join(",") === key) return tier.epochs;
    }
  }
  return undefined;
}
