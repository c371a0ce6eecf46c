import { assertLevel } from "./confidence";
import { mean } from "./descriptive";
import { mulberry32 } from "./prng";

export type BootstrapOptions = { level?: number; resamples?: number; seed?: number };

export type BootstrapCi = { mean: number; lower: number; upper: number; level: number; resamples: number; n: number };

/** Linear interpolation between order statistics (R's quantile type 7). */
function sortedQuantile(sorted: Float64Array, p: number): number {
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

/**
 * Percentile bootstrap interval for the mean. Deterministic for a given seed
 * so that recomputing a leaderboard gives the same numbers. With n = 1 every
 * resample is the single value, so the interval is degenerate [x, x].
 */
export function bootstrapMeanCi(xs: readonly number[], options: BootstrapOptions = {}): BootstrapCi {
  const { level = 0.95, resamples = 10000, seed = 1 } = options;
  assertLevel(level);
  if (!Number.isInteger(resamples) || resamples < 1) {
    throw new RangeError(`resamples must be a positive integer, got ${resamples}`);
  }
  const m = mean(xs);
  const n = xs.length;
  const rand = mulberry32(seed);
  const means = new Float64Array(resamples);
  for (let r = 0; r < resamples; r++) {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += xs[Math.floor(rand() * n)];
    means[r] = sum / n;
  }
  means.sort();
  const alpha = 1 - level;
  return {
    mean: m,
    lower: sortedQuantile(means, alpha / 2),
    upper: sortedQuantile(means, 1 - alpha / 2),
    level,
    resamples,
    n,
  };
}
