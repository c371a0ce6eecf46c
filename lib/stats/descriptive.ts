/**
 * Throws instead of returning NaN: a silently NaN leaderboard cell is harder to
 * trace than an error at the point where a missing accuracy slipped in.
 */
export function assertFiniteValues(xs: readonly number[], what = "values"): void {
  for (let i = 0; i < xs.length; i++) {
    if (!Number.isFinite(xs[i])) throw new RangeError(`${what}[${i}] is not a finite number: ${xs[i]}`);
  }
}

export function mean(xs: readonly number[]): number {
  if (xs.length === 0) throw new RangeError("mean needs at least 1 value, got 0");
  assertFiniteValues(xs);
  let sum = 0;
  for (const x of xs) sum += x;
  return sum / xs.length;
}

/** Unbiased (n - 1) variance; undefined for fewer than 2 values, so it throws. */
export function sampleVariance(xs: readonly number[]): number {
  if (xs.length < 2) throw new RangeError(`sample variance needs at least 2 values, got ${xs.length}`);
  const m = mean(xs);
  // Two-pass with the compensation term keeps accuracy when values are large and
  // close together (e.g. accuracies like 0.93101, 0.93102, ...).
  let ss = 0;
  let comp = 0;
  for (const x of xs) {
    const d = x - m;
    ss += d * d;
    comp += d;
  }
  return Math.max(0, (ss - (comp * comp) / xs.length) / (xs.length - 1));
}

export function sampleStd(xs: readonly number[]): number {
  return Math.sqrt(sampleVariance(xs));
}
