import { mean, sampleStd } from "./descriptive";
import { studentTQuantile } from "./student-t";

export function assertLevel(level: number): void {
  if (!(level > 0 && level < 1)) throw new RangeError(`confidence level must be in (0, 1), got ${level}`);
}

export type MeanConfidenceInterval = {
  mean: number;
  /** null when n = 1: one seed gives no spread estimate, so no interval exists. */
  lower: number | null;
  upper: number | null;
  halfWidth: number | null;
  n: number;
};

/**
 * Two-sided t interval for the mean with n - 1 degrees of freedom.
 * n = 1 is allowed (a schedule run with a single seed still gets a leaderboard
 * row) and yields null bounds rather than a fake zero-width interval.
 */
export function meanConfidenceInterval(xs: readonly number[], level = 0.95): MeanConfidenceInterval {
  assertLevel(level);
  const m = mean(xs);
  const n = xs.length;
  if (n === 1) return { mean: m, lower: null, upper: null, halfWidth: null, n };
  const halfWidth = studentTQuantile(1 - (1 - level) / 2, n - 1) * (sampleStd(xs) / Math.sqrt(n));
  return { mean: m, lower: m - halfWidth, upper: m + halfWidth, halfWidth, n };
}

/**
 * The same interval from a mean, sample standard deviation and count, as SQL aggregates give them:
 * a leaderboard never has to load the runs themselves.
 */
export function confidenceFromSummary(meanValue: number, std: number | null, n: number, level = 0.95): MeanConfidenceInterval {
  assertLevel(level);
  if (n < 2 || std === null || !Number.isFinite(std)) return { mean: meanValue, lower: null, upper: null, halfWidth: null, n };
  const halfWidth = studentTQuantile(1 - (1 - level) / 2, n - 1) * (std / Math.sqrt(n));
  return { mean: meanValue, lower: meanValue - halfWidth, upper: meanValue + halfWidth, halfWidth, n };
}
