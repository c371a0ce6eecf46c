import type { ScheduleDefinition } from "./definition";
import { exportKeras } from "./export/keras";
import { exportOptax } from "./export/optax";
import { exportPytorch } from "./export/pytorch";

export type ExportTarget = "pytorch" | "optax" | "keras";
export const EXPORT_TARGETS: readonly ExportTarget[] = ["pytorch", "optax", "keras"];

/** A complete Python snippet that builds the schedule in the target framework. */
export function exportSchedule(def: ScheduleDefinition, target: ExportTarget): string {
  switch (target) {
    case "pytorch":
      return exportPytorch(def);
    case "optax":
      return exportOptax(def);
    case "keras":
      return exportKeras(def);
    default:
      throw new Error(`export target must be one of ${EXPORT_TARGETS.join(", ")}, got ${String(target)}`);
  }
}
