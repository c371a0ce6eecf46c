import { metricTokens } from "./names";

/**
 * Columns or keys that hold a clock, and the factor that turns their unit into seconds. Per-epoch
 * durations (epoch_time, duration) are not clocks and are left as ordinary metrics.
 */
const CLOCKS: Record<string, number> = {
  wall_time: 1,
  walltime: 1,
  time: 1,
  time_s: 1,
  seconds: 1,
  elapsed: 1,
  elapsed_time: 1,
  elapsed_s: 1,
  time_elapsed: 1,
  timestamp: 1,
  time_ms: 0.001,
  elapsed_ms: 0.001,
  timestamp_ms: 0.001,
  minutes: 60,
  time_min: 60,
  elapsed_min: 60,
  hours: 3600,
  time_h: 3600,
  elapsed_hours: 3600,
};

/** Seconds per unit when `name` is a clock column, else undefined. */
export function clockScale(name: string): number | undefined {
  const key = metricTokens(name).join("_");
  return Object.hasOwn(CLOCKS, key) ? CLOCKS[key] : undefined;
}

// A value this large in seconds is a Unix timestamp (after 2001), not time spent training.
const UNIX_EPOCH_SECONDS = 1e9;

/**
 * Turns clock readings (in file order, already in seconds) into seconds since the run began: Unix
 * timestamps become relative to the first record; elapsed-time clocks already count from the start and
 * are kept as they are.
 */
export function relativeSeconds(seconds: readonly number[]): number[] {
  const first = seconds.find((s) => Number.isFinite(s));
  if (first === undefined || first < UNIX_EPOCH_SECONDS) return seconds.slice();
  return seconds.map((s) => s - first);
}

export interface ClockReading {
  x: number;
  seconds: number;
  line?: number;
}

/**
 * A clock that never runs backwards along x: the last reading at each x, in x order, leaving out one
 * that is earlier than a reading at a smaller x (an end-of-run event logged at an earlier epoch, or a
 * second process's clock).
 */
export function monotonicClock(readings: readonly ClockReading[]): ClockReading[] {
  const byX = new Map<number, ClockReading>();
  for (const r of readings) byX.set(r.x, r);
  const kept: ClockReading[] = [];
  for (const r of [...byX.values()].sort((a, b) => a.x - b.x)) {
    if (kept.length > 0 && r.seconds < kept[kept.length - 1].seconds) continue;
    kept.push(r);
  }
  return kept;
}
