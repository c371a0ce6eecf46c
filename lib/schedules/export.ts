import type { ResolvedDefinition, ScheduleDefinition } from "./definition";
import { describeBudget, isBudgetRelative } from "./resolve";
import { resolveOrThrow } from "./sample";
import { exportKeras } from "./export/keras";
import { exportOptax } from "./export/optax";
import { exportPytorch } from "./export/pytorch";

export type ExportTarget = "pytorch" | "optax" | "keras";
export const EXPORT_TARGETS: readonly ExportTarget[] = ["pytorch", "optax", "keras"];

/**
 * A complete Python snippet that builds the schedule in the target framework. A budget-relative
 * definition needs the training `budget` (in its unit) to resolve against; the snippet names it.
 */
export function exportSchedule(definition: ScheduleDefinition, target: ExportTarget, budget?: number): string {
  const relative = isBudgetRelative(definition);
  if (relative && budget === undefined) {
    throw new Error(`the '${definition.kind}' schedule has lengths relative to the training budget: give the budget to export it for`);
  }
  const def = relative ? resolveOrThrow(definition, budget as number) : (definition as ResolvedDefinition);
  const resolvedFor = relative ? describeBudget(definition, budget as number) : undefined;
  switch (target) {
    case "pytorch":
      return exportPytorch(def, resolvedFor);
    case "optax":
      return exportOptax(def, resolvedFor);
    case "keras":
      return exportKeras(def, resolvedFor);
    default:
      throw new Error(`export target must be one of ${EXPORT_TARGETS.join(", ")}, got ${String(target)}`);
  }
}
