import type { MeanConfidenceInterval } from "@/lib/stats";
import type { AnalysisRun } from "@/db/queries/analyses";

export const pct = (v: number | null | undefined, digits = 1) => (v === null || v === undefined ? "—" : `${(v * 100).toFixed(digits)}%`);

/** "84.2% ± 1.3" (percentage points), or the bare mean when one seed gives no interval. */
export function meanCi(ci: MeanConfidenceInterval | null, scale = 100, unit = "%"): string {
  if (!ci) return "—";
  const mean = `${(ci.mean * scale).toFixed(1)}${unit}`;
  return ci.halfWidth === null ? mean : `${mean} ± ${(ci.halfWidth * scale).toFixed(1)}`;
}

export function ciTitle(ci: MeanConfidenceInterval | null): string | undefined {
  if (!ci) return undefined;
  return ci.lower === null || ci.upper === null
    ? `1 seed: no interval`
    : `95% CI [${(ci.lower * 100).toFixed(2)}, ${(ci.upper * 100).toFixed(2)}] over ${ci.n} seeds`;
}

/** Runs of one analysis grouped per schedule, in the order the query gave them (by name). */
export interface ScheduleGroup {
  scheduleId: string;
  scheduleName: string;
  kind: string;
  definition: unknown;
  isBaseline: boolean;
  runs: AnalysisRun[];
}

export function bySchedule(runs: AnalysisRun[]): ScheduleGroup[] {
  const groups = new Map<string, ScheduleGroup>();
  for (const run of runs) {
    const group = groups.get(run.scheduleId) ?? {
      scheduleId: run.scheduleId,
      scheduleName: run.scheduleName,
      kind: run.scheduleKind,
      definition: run.scheduleDefinition,
      isBaseline: run.scheduleIsBaseline,
      runs: [],
    };
    group.runs.push(run);
    groups.set(run.scheduleId, group);
  }
  return [...groups.values()];
}
