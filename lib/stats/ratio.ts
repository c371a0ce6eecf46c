import { mean, sampleStd } from "./descriptive";
import { studentTQuantile } from "./student-t";

export interface RatioOfMeans {
  ratio: number;
  /**
   * Each pair's linearised contribution, (num_i - ratio * den_i) / mean(den): the ratio's
   * standard error is their sd / sqrt(n), and two ratios over the same units difference theirs.
   */
  influence: number[];
}

/** mean(num) / mean(den) and its influence values; null when mean(den) is 0 or not finite. */
export function ratioOfMeans(num: readonly number[], den: readonly number[]): RatioOfMeans | null {
  if (num.length !== den.length || num.length === 0) throw new RangeError(`ratio of means needs equal, non-empty lengths, got ${num.length} and ${den.length}`);
  const d = mean(den);
  const ratio = mean(num) / d;
  if (d === 0 || !Number.isFinite(ratio)) return null;
  return { ratio, influence: num.map((n, i) => (n - ratio * den[i]) / d) };
}

/**
 * 95% t interval (n - 1 df) of a statistic from its influence values, the delta method for a ratio
 * of means: the usual interval for a ratio estimator, and defined for the 2 or 3 seeds a GPU run
 * gives, where a bootstrap has only a handful of distinct resamples. Null bounds for one value.
 */
export function influenceInterval(estimate: number, influence: readonly number[], level = 0.95): { lower: number | null; upper: number | null; n: number } {
  const n = influence.length;
  if (n < 2) return { lower: null, upper: null, n };
  const half = studentTQuantile(1 - (1 - level) / 2, n - 1) * (sampleStd(influence) / Math.sqrt(n));
  return { lower: estimate - half, upper: estimate + half, n };
}
