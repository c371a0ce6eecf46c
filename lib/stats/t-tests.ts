import { assertFiniteValues, mean, sampleVariance } from "./descriptive";
import { studentTCdf, studentTQuantile } from "./student-t";

const Q975 = 0.975;

export type TTestResult = {
  t: number;
  df: number;
  /** Two-sided. */
  pValue: number;
  meanDifference: number;
  ci95: [number, number];
};

/**
 * Shared tail of both tests once the difference, its standard error and df are
 * known. A zero standard error (every seed identical within each group) has no
 * t distribution to refer to, so it is decided by the difference alone:
 * difference 0 -> t = NaN, p = 1; otherwise t = ±Infinity, p = 0; the CI
 * collapses to the difference.
 */
function tTestFromStats(diff: number, se: number, df: number): TTestResult {
  if (se === 0) {
    return {
      t: diff === 0 ? NaN : diff > 0 ? Infinity : -Infinity,
      df,
      pValue: diff === 0 ? 1 : 0,
      meanDifference: diff,
      ci95: [diff, diff],
    };
  }
  const t = diff / se;
  const pValue = Math.min(1, 2 * studentTCdf(-Math.abs(t), df));
  const half = studentTQuantile(Q975, df) * se;
  return { t, df, pValue, meanDifference: diff, ci95: [diff - half, diff + half] };
}

/**
 * Welch's unequal-variance t-test of mean(a) - mean(b) (R: t.test(a, b)).
 * Needs at least 2 values per group. When both groups have zero variance the
 * Welch–Satterthwaite df is 0/0 and is reported as NaN (see tTestFromStats for
 * t and p in that case).
 */
export function welchTTest(a: readonly number[], b: readonly number[]): TTestResult {
  const na = a.length;
  const nb = b.length;
  if (na < 2 || nb < 2) throw new RangeError(`Welch t-test needs at least 2 values per group, got ${na} and ${nb}`);
  const sa = sampleVariance(a) / na;
  const sb = sampleVariance(b) / nb;
  const se2 = sa + sb;
  const df = se2 === 0 ? NaN : (se2 * se2) / ((sa * sa) / (na - 1) + (sb * sb) / (nb - 1));
  return tTestFromStats(mean(a) - mean(b), Math.sqrt(se2), df);
}

export type PairedDifferenceResult = TTestResult & { n: number };

/**
 * Paired t-test on a[i] - b[i] (R: t.test(a, b, paired = TRUE)); seeds are
 * paired by index, so both arrays must list seeds in the same order.
 * Needs at least 2 pairs; zero spread of the differences is handled as in
 * tTestFromStats.
 */
export function pairedDifference(a: readonly number[], b: readonly number[]): PairedDifferenceResult {
  if (a.length !== b.length) {
    throw new RangeError(`paired difference needs equal lengths (seeds paired by index), got ${a.length} and ${b.length}`);
  }
  const n = a.length;
  if (n < 2) throw new RangeError(`paired difference needs at least 2 pairs, got ${n}`);
  assertFiniteValues(a, "a");
  assertFiniteValues(b, "b");
  const d = a.map((x, i) => x - b[i]);
  const se = Math.sqrt(sampleVariance(d) / n);
  return { ...tTestFromStats(mean(d), se, n - 1), n };
}
