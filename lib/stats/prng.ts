/**
 * mulberry32: tiny, fast 32-bit PRNG. Statistically adequate for resampling,
 * and seedable, which Math.random is not: bootstrap intervals shown on the
 * leaderboard must not change between page loads.
 * Returns uniforms in [0, 1).
 */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 15), z | 1);
    z ^= z + Math.imul(z ^ (z >>> 7), z | 61);
    return ((z ^ (z >>> 14)) >>> 0) / 4294967296;
  };
}
