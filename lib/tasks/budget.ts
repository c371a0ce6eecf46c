import {
  budgetInSteps,
  describeBudget,
  isBudgetRelative,
  resolveDefinition,
  type ResolvedDefinition,
  type ScheduleDefinition,
} from "../schedules";
import type { TaskDefinition, TierName } from "./catalog";

/** What a run on a tier trains for: the budget a budget-relative schedule resolves against. */
export interface TrainingBudget {
  epochs: number;
  itersPerEpoch: number;
}

/** A task's tier as a training budget, naming both for messages. */
export interface TierBudget extends TrainingBudget {
  taskId: string;
  tier: string;
}

/** The tier's epochs and iterations per epoch (a last partial batch counts as an iteration), or null for an unknown tier. */
export function tierBudget(task: Pick<TaskDefinition, "id" | "tiers">, tier: string): TierBudget | null {
  const found = task.tiers.find((t) => t.tier === (tier as TierName));
  return found ? { taskId: task.id, tier: found.tier, epochs: found.epochs, itersPerEpoch: Math.ceil(found.trainSamples / found.batchSize) } : null;
}

export type ResolvedForBudget =
  | { ok: true; definition: ResolvedDefinition; budgetRelative: boolean }
  | { ok: false; message: string };

/**
 * The definition a run with this budget steps through. `where` names the run ("ps10-noise smoke")
 * in a failure, so the message says field, budget and task.
 */
export function resolveForBudget(def: ScheduleDefinition, budget: TrainingBudget, where: string): ResolvedForBudget {
  if (!isBudgetRelative(def)) return { ok: true, definition: def as ResolvedDefinition, budgetRelative: false };
  const steps = budgetInSteps(def, budget);
  const resolved = resolveDefinition(def, steps);
  if (resolved.ok) return { ok: true, definition: resolved.definition, budgetRelative: true };
  return {
    ok: false,
    message: `The schedule cannot be resolved for ${where} (a budget of ${describeBudget(def, steps)}): ${resolved.errors.map((e) => e.message).join("; ")}`,
  };
}
