import { isFiniteNumber, type Point } from "./series";

export type BandPoint = { x: number; mean: number; std: number; n: number };

/**
 * Mean and spread of several seeds of one schedule, for the compare page.
 * Runs are aligned on exact x values: the output has one row per x that at least one seed has
 * a finite value for, in ascending order, over the seeds that have it (n). std is the sample
 * standard deviation sqrt(sum (y - mean)^2 / (n - 1)), 0 when n = 1. A seed that repeats an x
 * counts once, with its last value there. Non-finite values (a diverged seed) are left out
 * rather than making the whole row NaN.
 */
export function meanAndBand(seriesPerSeed: Point[][]): BandPoint[] {
  const byX = new Map<number, number[]>();
  for (const series of seriesPerSeed) {
    const lastPerX = new Map<number, number>();
    for (const [x, y] of series) if (isFiniteNumber(x)) lastPerX.set(x, y);
    for (const [x, y] of lastPerX) {
      if (!isFiniteNumber(y)) continue;
      const ys = byX.get(x);
      if (ys) ys.push(y);
      else byX.set(x, [y]);
    }
  }
  return [...byX.keys()]
    .sort((a, b) => a - b)
    .map((x) => {
      const ys = byX.get(x)!;
      const n = ys.length;
      let lo = Infinity;
      let hi = -Infinity;
      for (const y of ys) {
        lo = Math.min(lo, y);
        hi = Math.max(hi, y);
      }
      // Rounding can push sum / n just outside [min, max] (three 0.1s average to 0.10000000000000002).
      const mean = Math.min(hi, Math.max(lo, ys.reduce((s, y) => s + y, 0) / n));
      const std = n > 1 ? Math.sqrt(ys.reduce((s, y) => s + (y - mean) ** 2, 0) / (n - 1)) : 0;
      return { x, mean, std, n };
    });
}
