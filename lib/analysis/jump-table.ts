import { confidenceFromSummary, type MeanConfidenceInterval } from "../stats";

/** SQL aggregates of the n-th jump (1-based) of a schedule's runs: see db/queries/analyses.ts. */
export interface JumpAggregate {
  scheduleId: string;
  scheduleName: string;
  decay: number;
  /** Runs with an n-th decay; some may have no gain there (no test accuracy on one side). */
  runs: number;
  meanX: number;
  meanGain: number | null;
  stdGain: number | null;
  gains: number;
}

export interface ScheduleJumps {
  scheduleId: string;
  scheduleName: string;
  /** Largest number of runs of any decay: the seeds the schedule was measured with. */
  runs: number;
  jumps: { decay: number; runs: number; meanX: number; gain: MeanConfidenceInterval | null }[];
}

/**
 * The accuracy jump after each decay per schedule, with a 95% t interval over seeds. Decays are
 * matched by their order (the first decay of every seed, then the second), which for an adaptive
 * schedule pairs decays at different epochs: meanX says where they fell on average. Schedules are
 * ordered by their first jump, largest first; those without any gain come last.
 */
export function jumpTable(rows: JumpAggregate[]): ScheduleJumps[] {
  const bySchedule = new Map<string, ScheduleJumps>();
  for (const row of [...rows].sort((a, b) => a.decay - b.decay)) {
    let entry = bySchedule.get(row.scheduleId);
    if (!entry) {
      entry = { scheduleId: row.scheduleId, scheduleName: row.scheduleName, runs: 0, jumps: [] };
      bySchedule.set(row.scheduleId, entry);
    }
    entry.runs = Math.max(entry.runs, row.runs);
    const gain = row.meanGain === null || row.gains === 0 ? null : confidenceFromSummary(row.meanGain, row.stdGain, row.gains);
    entry.jumps.push({ decay: row.decay, runs: row.runs, meanX: row.meanX, gain });
  }
  const first = (s: ScheduleJumps) => s.jumps.find((j) => j.gain !== null)?.gain?.mean ?? -Infinity;
  return [...bySchedule.values()].sort((a, b) => first(b) - first(a) || a.scheduleName.localeCompare(b.scheduleName));
}
