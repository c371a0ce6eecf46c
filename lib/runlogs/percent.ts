/**
 * Accuracies arrive as fractions (0.93) or percent (93.0). The platform stores fractions.
 *
 * The rule, on the values in x order, ignoring NaN/±Infinity (which stay as they are) and zeros
 * (0 reads the same either way):
 * - every value <= 1: fractions, kept;
 * - some value > 1: percent, all divided by 100, unless a value strictly between 0 and 1 comes after
 *   the first value > 1. A run may climb from 0.5 % to 60 %, but 0.5, 60, 0.7 cannot be one scale
 *   read in order, so it is rejected as mixed rather than guessed;
 * - a value < 0 or > 100 is neither and is rejected.
 */
export type PercentVerdict =
  | { ok: true; percent: boolean; values: number[] }
  | { ok: false; reason: "mixed"; index: number; percentIndex: number }
  | { ok: false; reason: "out-of-range"; index: number };

/** `alwaysPercent` is for formats whose accuracy columns are percent by definition (DAWNBench). */
export function toPercentFraction(values: readonly number[], options: { alwaysPercent?: boolean } = {}): PercentVerdict {
  let firstPercent = -1;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) continue;
    if (v < 0 || v > 100) return { ok: false, reason: "out-of-range", index: i };
    if (v > 1 && firstPercent < 0) firstPercent = i;
    else if (v > 0 && v < 1 && firstPercent >= 0 && !options.alwaysPercent) {
      return { ok: false, reason: "mixed", index: i, percentIndex: firstPercent };
    }
  }
  const percent = options.alwaysPercent === true || firstPercent >= 0;
  // toPrecision(15) drops the binary noise of the division: 35.2 % is 0.352, not 0.35200000000000004.
  return { ok: true, percent, values: percent ? values.map((v) => (Number.isFinite(v) ? Number((v / 100).toPrecision(15)) : v)) : values.slice() };
}
