/**
 * The integer PRNG behind PS10. The data set must be byte-identical in every JS engine, so the generator
 * uses only 32-bit integer operations (exact everywhere) and never Math.random.
 *
 * Algorithm: sfc32 (Chris Doty-Humphrey's Small Fast Counting generator, 128-bit state, from PractRand).
 * Seeding follows PractRand's sfc32 seed(uint64): b = low 32 bits of the seed, c = high bits,
 * counter d = 1, then 12 outputs are discarded to mix the state; the word `a`, which PractRand sets to 0,
 * holds a stream number instead, so one seed yields independent streams for the different parts of a data set.
 */

const TWO_POW_32 = 4294967296;

export class Sfc32 {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  /** `seed`: a safe integer in [0, 2^53); `stream`: an integer in [0, 2^32). */
  constructor(seed: number, stream = 0) {
    if (!Number.isSafeInteger(seed) || seed < 0) throw new RangeError(`seed must be a non-negative safe integer, got ${seed}`);
    if (!Number.isInteger(stream) || stream < 0 || stream >= TWO_POW_32) throw new RangeError(`stream must be an integer in [0, 2^32), got ${stream}`);
    this.a = stream | 0;
    this.b = seed % TWO_POW_32 | 0;
    this.c = Math.floor(seed / TWO_POW_32) | 0;
    this.d = 1;
    for (let i = 0; i < 12; i++) this.nextU32();
  }

  /** A uniform integer in [0, 2^32). */
  nextU32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (((this.c << 21) | (this.c >>> 11)) + t) | 0;
    return t >>> 0;
  }

  /** A uniform number in [0, 1) with 32 random bits; the division by 2^32 is exact. */
  uniform(): number {
    return this.nextU32() / TWO_POW_32;
  }

  /**
   * A uniform integer in [0, k), 1 <= k <= 2^32, without modulo bias: draws at or above the largest
   * multiple of k below 2^32 are rejected and redrawn.
   */
  uniformInt(k: number): number {
    if (!Number.isInteger(k) || k < 1 || k > TWO_POW_32) throw new RangeError(`k must be an integer in [1, 2^32], got ${k}`);
    const limit = TWO_POW_32 - (TWO_POW_32 % k);
    let x = this.nextU32();
    while (x >= limit) x = this.nextU32();
    return x % k;
  }
}
