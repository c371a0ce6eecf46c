/**
 * Performance profiles (Dolan & Moré 2002) as used by AlgoPerf to score
 * training algorithms, here learning-rate schedules, across tasks.
 */

/** Time to target per schedule and task; null, Infinity or a missing task mean "never reached". */
export type TimesToTarget = Record<string, Record<string, number | null>>;

export type ProfileOptions = { tauMax?: number; points?: number };

export type ProfilePoint = { tau: number; rho: number };

export type ScheduleProfile = {
  /** rho(tau) sampled on an even grid of `points` taus from 1 to tauMax; for plotting only. */
  curve: ProfilePoint[];
  /** Exact area under rho over [1, tauMax] divided by (tauMax - 1); in [0, 1]. */
  score: number;
  /** Performance ratio per counted task; Infinity where the target was never reached. */
  ratios: Record<string, number>;
};

export type PerformanceProfiles = {
  schedules: Record<string, ScheduleProfile>;
  /** Tasks at least one schedule reached; these are the denominator of rho. */
  tasks: string[];
  /**
   * Tasks no schedule reached. They are dropped, not counted as failures for
   * everyone: they carry no ranking information and would only scale every
   * curve down by the same factor.
   */
  ignoredTasks: string[];
};

function normaliseTime(schedule: string, task: string, value: number | null | undefined): number {
  if (value === null || value === undefined || value === Infinity) return Infinity;
  // A zero or negative time would make ratios 0/0 or negative; that is a data bug upstream.
  if (!(value > 0) || !Number.isFinite(value)) {
    throw new RangeError(`time to target for ${schedule}/${task} must be > 0, null or Infinity, got ${value}`);
  }
  return value;
}

/**
 * rho_s(tau) = share of counted tasks with ratio r_{s,task} <= tau, where
 * r = time / (best time on that task over all schedules).
 *
 * The score integrates the step function exactly: each task contributes
 * (tauMax - r) / (tauMax - 1) when r <= tauMax and 0 otherwise, averaged over
 * tasks. The grid in `curve` never enters the score, so it does not depend on
 * `points`. With no counted tasks every rho and score is 0.
 */
export function performanceProfiles(times: TimesToTarget, options: ProfileOptions = {}): PerformanceProfiles {
  const { tauMax = 4, points = 100 } = options;
  if (!(tauMax > 1) || !Number.isFinite(tauMax)) throw new RangeError(`tauMax must be a finite number > 1, got ${tauMax}`);
  if (!Number.isInteger(points) || points < 2) throw new RangeError(`points must be an integer >= 2, got ${points}`);

  const schedules = Object.keys(times);
  const allTasks = [...new Set(schedules.flatMap((s) => Object.keys(times[s])))].sort();

  const best = new Map<string, number>();
  for (const task of allTasks) {
    let b = Infinity;
    for (const s of schedules) b = Math.min(b, normaliseTime(s, task, times[s][task]));
    best.set(task, b);
  }
  const tasks = allTasks.filter((t) => best.get(t)! < Infinity);
  const ignoredTasks = allTasks.filter((t) => best.get(t)! === Infinity);

  const grid: number[] = [];
  // Multiply before dividing so integer ratios such as tau = 2 land exactly on the grid.
  for (let i = 0; i < points; i++) grid.push(1 + ((tauMax - 1) * i) / (points - 1));

  const result: Record<string, ScheduleProfile> = {};
  for (const s of schedules) {
    const ratios: Record<string, number> = {};
    let area = 0;
    for (const task of tasks) {
      const r = normaliseTime(s, task, times[s][task]) / best.get(task)!;
      ratios[task] = r;
      if (r <= tauMax) area += tauMax - r;
    }
    const count = tasks.length;
    const rs = Object.values(ratios);
    const curve = grid.map((tau) => ({ tau, rho: count === 0 ? 0 : rs.filter((r) => r <= tau).length / count }));
    result[s] = { curve, score: count === 0 ? 0 : area / (count * (tauMax - 1)), ratios };
  }
  return { schedules: result, tasks, ignoredTasks };
}
