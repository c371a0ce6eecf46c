import { budgetInSteps, describeBudget, isBudgetRelative, type ScheduleDefinition } from "../schedules";
import { tierBudget } from "../tasks/budget";
import { TASKS } from "../tasks/catalog";
import { previewSteps } from "./horizon";

/** A training budget to draw or export a schedule for: a task's tier, or a number of steps in the schedule's unit. */
export type PreviewBudget =
  | { kind: "tier"; param: string; taskId: string; tier: string; epochs: number; itersPerEpoch: number }
  | { kind: "steps"; param: string; steps: number };

/** The most steps a chosen number may ask for: what the form's preview draws at most. */
export const MAX_BUDGET_STEPS = 200_000;

/**
 * The budget a budget-relative schedule is drawn for when nobody chose one: the smoke tier of
 * ps10-noise, the one every user can replay on a CPU, so the default shows a real run's budget for
 * epoch- and iteration-unit schedules alike.
 */
export const DEFAULT_BUDGET_PARAM = "ps10-noise/smoke";

/** Every task's tiers, as the budget picker lists them ("ps10-noise/smoke"). */
export function tierBudgets(): Extract<PreviewBudget, { kind: "tier" }>[] {
  return TASKS.flatMap((task) =>
    task.tiers.map((t) => ({ kind: "tier" as const, param: `${task.id}/${t.tier}`, ...tierBudget(task, t.tier)! })),
  );
}

/** `?budget=ps10-noise/smoke` or `?budget=200`; null for anything else. */
export function parseBudgetParam(param: string | null | undefined): PreviewBudget | null {
  if (!param) return null;
  const tier = tierBudgets().find((b) => b.param === param);
  if (tier) return tier;
  if (!/^\d{1,6}$/.test(param)) return null;
  const steps = Number(param);
  return steps >= 1 && steps <= MAX_BUDGET_STEPS ? { kind: "steps", param, steps } : null;
}

/** The budget in the schedule's unit: a tier's epochs, or epochs x iterations per epoch for iteration-unit schedules. */
export function budgetSteps(def: Pick<ScheduleDefinition, "unit">, budget: PreviewBudget): number {
  return budget.kind === "steps" ? budget.steps : budgetInSteps(def, budget);
}

/** "ps10-noise smoke (30 epochs)", "200 epochs". */
export function describePreviewBudget(def: Pick<ScheduleDefinition, "unit">, budget: PreviewBudget): string {
  const steps = describeBudget(def, budgetSteps(def, budget));
  return budget.kind === "tier" ? `${budget.taskId} ${budget.tier} (${steps})` : steps;
}

export interface PreviewPlan {
  /** The chosen budget, or the default for a budget-relative schedule; null when none applies. */
  budget: PreviewBudget | null;
  /** Steps to draw: the whole budget (at most MAX_BUDGET_STEPS), or the schedule's own horizon without one. */
  steps: number;
  /** Steps budget-relative lengths resolve against. */
  resolveFor: number;
}

/**
 * What a page draws and exports for a schedule and an optional `?budget=`: the budget chosen, else the
 * default one for a budget-relative schedule, else the schedule's own horizon.
 */
export function planPreview(def: ScheduleDefinition, param: string | null | undefined): PreviewPlan {
  const budget = parseBudgetParam(param) ?? (isBudgetRelative(def) ? parseBudgetParam(DEFAULT_BUDGET_PARAM) : null);
  if (!budget) {
    const steps = previewSteps(def);
    return { budget: null, steps, resolveFor: steps };
  }
  const resolveFor = budgetSteps(def, budget);
  return { budget, steps: Math.min(resolveFor, MAX_BUDGET_STEPS), resolveFor };
}
