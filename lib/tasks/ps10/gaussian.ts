/**
 * Standard normal draws that are the same in every JS engine. ECMAScript leaves Math.log, Math.cos and
 * friends implementation-approximated, so Box-Muller on them can differ in the last bit between engines;
 * this uses Marsaglia's polar method with a logarithm built from + - * / alone (IEEE 754 correctly
 * rounded, and JS never fuses them) and Math.sqrt, which every engine takes from the IEEE 754
 * correctly rounded hardware square root.
 */
import type { Sfc32 } from "./rng";

// atanh series coefficients 1/(2k+1), k = 0..11: with |f| <= 3 - 2*sqrt(2) the truncation error is below 1e-18.
const ATANH_TERMS = 12;

/** ln(x) for a positive finite x, to about 1 ulp, bit-identical in every engine. */
export function detLn(x: number): number {
  if (!(x > 0) || !Number.isFinite(x)) throw new RangeError(`detLn needs a positive finite number, got ${x}`);
  // Scaling by 2 is exact for normal numbers, so m * 2^e === x with m in [sqrt(1/2), sqrt(2)).
  let m = x;
  let e = 0;
  while (m < Math.SQRT1_2) {
    m *= 2;
    e -= 1;
  }
  while (m >= Math.SQRT2) {
    m /= 2;
    e += 1;
  }
  // ln(m) = 2 atanh(f) with f = (m - 1) / (m + 1) = 2 (f + f^3/3 + f^5/5 + ...).
  const f = (m - 1) / (m + 1);
  const f2 = f * f;
  let series = 1 / (2 * (ATANH_TERMS - 1) + 1);
  for (let k = ATANH_TERMS - 2; k >= 0; k--) series = 1 / (2 * k + 1) + f2 * series;
  return e * Math.LN2 + 2 * f * series;
}

/**
 * Normal draws from one Sfc32 stream. The polar method yields pairs; the second of a pair is kept for
 * the next call, so the sequence of values depends only on the stream and the order of calls.
 */
export class Gaussian {
  private spare: number | null = null;

  constructor(private readonly rng: Sfc32) {}

  /** A standard normal draw. */
  next(): number {
    if (this.spare !== null) {
      const value = this.spare;
      this.spare = null;
      return value;
    }
    let u: number;
    let v: number;
    let s: number;
    do {
      // nextU32 / 2^31 - 1 is exact: a uniform on [-1, 1) with 32 random bits.
      u = this.rng.nextU32() / 2147483648 - 1;
      v = this.rng.nextU32() / 2147483648 - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const factor = Math.sqrt((-2 * detLn(s)) / s);
    this.spare = v * factor;
    return u * factor;
  }
}
