import { logGamma, regularizedIncompleteBeta } from "./special";

function assertDf(df: number): void {
  if (!(df > 0) || !Number.isFinite(df)) {
    throw new RangeError(`degrees of freedom must be a finite number > 0, got ${df}`);
  }
}

/**
 * P(T > |t|) for |t|; computed directly (not as 1 - CDF) so far tails keep
 * their relative precision, which p-values and 0.975+ quantiles rely on.
 */
function upperTail(absT: number, df: number): number {
  if (absT === Infinity) return 0;
  const t2 = absT * absT;
  const denom = df + t2;
  return 0.5 * regularizedIncompleteBeta(df / denom, df / 2, 0.5, t2 / denom);
}

/** CDF of Student's t with `df` (> 0, may be non-integer) degrees of freedom. */
export function studentTCdf(t: number, df: number): number {
  assertDf(df);
  if (Number.isNaN(t)) throw new RangeError("studentTCdf: t is NaN");
  const tail = upperTail(Math.abs(t), df);
  return t >= 0 ? 1 - tail : tail;
}

/** Density; only used as the Newton slope for the quantile. */
function studentTPdf(t: number, df: number): number {
  const logNorm = logGamma((df + 1) / 2) - logGamma(df / 2) - 0.5 * Math.log(df * Math.PI);
  return Math.exp(logNorm - ((df + 1) / 2) * Math.log1p((t * t) / df));
}

/**
 * Solves upperTail(t) = q for q in (0, 1/2) with Newton steps kept inside a
 * bisection bracket, so it cannot diverge for heavy tails (df < 1) where
 * Newton alone overshoots.
 */
function upperQuantile(q: number, df: number): number {
  let lo = 0;
  let hi = 1;
  while (upperTail(hi, df) > q) {
    lo = hi;
    hi *= 2;
    if (!Number.isFinite(hi)) return Infinity;
  }

  let t = (lo + hi) / 2;
  for (let iter = 0; iter < 500; iter++) {
    const f = upperTail(t, df) - q;
    if (f === 0) return t;
    if (f > 0) lo = t;
    else hi = t;
    // upperTail is decreasing, so d f / d t = -pdf.
    let next = t + f / studentTPdf(t, df);
    if (!(next > lo && next < hi)) next = (lo + hi) / 2;
    if (Math.abs(next - t) <= 1e-15 * Math.abs(next) || hi - lo <= 1e-15 * hi) return next;
    t = next;
  }
  return t;
}

/**
 * Inverse CDF. Each side is solved on its own tail probability (p, or 1 - p
 * which is exact for p >= 1/2) so a tiny p is never rounded through 1 - p.
 */
export function studentTQuantile(p: number, df: number): number {
  assertDf(df);
  if (!(p >= 0 && p <= 1)) throw new RangeError(`probability must be in [0, 1], got ${p}`);
  if (p === 0.5) return 0;
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  return p > 0.5 ? upperQuantile(1 - p, df) : -upperQuantile(p, df);
}
