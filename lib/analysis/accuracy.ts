import { isFiniteNumber, type Point } from "./series";

export type AccuracySummary = { final: number | null; best: number | null; bestX: number | null };

/** Last and best finite test accuracy; bestX is the first x reaching the best. */
export function accuracySummary(testAcc: Point[]): AccuracySummary {
  let final: number | null = null;
  let best: number | null = null;
  let bestX: number | null = null;
  for (const [x, y] of testAcc) {
    if (!isFiniteNumber(y)) continue;
    final = y;
    if (best === null || y > best) {
      best = y;
      bestX = x;
    }
  }
  return { final, best, bestX };
}

/**
 * y of a sorted series at x: the exact point when there is one, else the straight line between
 * the nearest finite points on either side, else null (x outside the series). Non-finite points
 * are passed over, not interpolated through.
 */
export function valueAt(points: Point[], x: number): number | null {
  let left: Point | null = null;
  for (const p of points) {
    if (!isFiniteNumber(p[1])) continue;
    if (p[0] === x) return p[1];
    if (p[0] < x) left = p;
    else {
      if (left === null) return null;
      const t = (x - left[0]) / (p[0] - left[0]);
      return left[1] + t * (p[1] - left[1]);
    }
  }
  return null;
}

export type TimeToTarget = { x: number; wallSeconds: number | null };

/**
 * The first x whose finite test accuracy is >= target (same units as test_acc: the catalog's
 * targets are fractions), with the wall time at that x from the wall_time series (valueAt).
 * Null when the run never reaches the target.
 */
export function timeToTarget(testAcc: Point[], target: number, wallTime?: Point[]): TimeToTarget | null {
  const hit = testAcc.find(([, y]) => isFiniteNumber(y) && y >= target);
  if (!hit) return null;
  return { x: hit[0], wallSeconds: wallTime ? valueAt(wallTime, hit[0]) : null };
}
