import type { Decay } from "./decays";
import { windowMean, type Point } from "./series";

/**
 * Test accuracy around one decay. before/after/gain are null when a side has no finite point
 * (a decay at the first epoch, or the run stopped right after it).
 */
export type Jump = {
  x: number;
  before: number | null;
  after: number | null;
  gain: number | null;
  nBefore: number;
  nAfter: number;
};

/**
 * The sharp accuracy gain after each decay, for a decay at x with window k (in x units):
 *   before = mean of finite test_acc with x' in [max(x - k, previous decay x), x)
 *   after  = mean of finite test_acc with x' in [x, min(x + k, next decay x))
 *   gain   = after - before
 * x is the first x run at the new rate, so test_acc at x already reflects it: a step from a to b
 * at the decay gives before = a, after = b, gain = b - a exactly. The windows stop at the
 * neighbouring decays so that a later decay's jump is not credited to this one.
 */
export function accuracyJumps(testAcc: Point[], decays: Decay[], k = 5): Jump[] {
  if (!(k > 0)) throw new RangeError(`k must be > 0, got ${k}`);
  const xs = [...new Set(decays.map((d) => d.x))].sort((a, b) => a - b);
  return xs.map((x, i) => {
    const lo = i > 0 ? Math.max(x - k, xs[i - 1]) : x - k;
    const hi = i + 1 < xs.length ? Math.min(x + k, xs[i + 1]) : x + k;
    const before = windowMean(testAcc, lo, x);
    const after = windowMean(testAcc, x, hi);
    const gain = before.mean !== null && after.mean !== null ? after.mean - before.mean : null;
    return { x, before: before.mean, after: after.mean, gain, nBefore: before.n, nAfter: after.n };
  });
}
