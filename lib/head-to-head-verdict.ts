import type { HeadToHead } from "./head-to-head";
import { studentTQuantile } from "./stats";

/** What "resolve" means in the verdict: a 1 percentage-point difference in final accuracy. */
export const RESOLVED_DIFFERENCE = 0.01;
/** Replays queued from the verdict stop here: more seeds cost more than a head-to-head is worth. */
export const MAX_QUEUED_SEEDS = 10;
/** Fewer seeds than this give no interval worth reading. */
export const MIN_SEEDS = 3;

/**
 * Seeds a paired comparison needs to detect `difference` (two-sided alpha 0.05, power 0.8) when the
 * per-seed differences have standard deviation `pairedSd`: the smallest n with
 *   n >= ((t(1 - alpha/2, n-1) + t(power, n-1)) * sd / difference)^2
 * the usual normal-approximation formula n = ((z(0.975) + z(0.8)) * sd / difference)^2 with the t
 * quantiles it stands for, solved by counting up. Never below 2 (a paired t interval needs two pairs).
 */
export function seedsToResolve(pairedSd: number, difference = RESOLVED_DIFFERENCE, alpha = 0.05, power = 0.8): number {
  if (!(pairedSd >= 0) || !(difference > 0)) throw new RangeError("seedsToResolve needs sd >= 0 and difference > 0");
  const ratio = pairedSd / difference;
  for (let n = 2; n < 100_000; n++) {
    const df = n - 1;
    const needed = ((studentTQuantile(1 - alpha / 2, df) + studentTQuantile(power, df)) * ratio) ** 2;
    if (n >= needed) return n;
  }
  return 100_000;
}

export interface Verdict {
  text: string;
  /** Whether the 95% interval of the paired difference excludes 0. */
  distinguishable: boolean | null;
  /** Seeds that would resolve a 1-point difference; null without a paired standard deviation. */
  seedsNeeded: number | null;
  /** Seeds 0.. each schedule should have for this head-to-head to be worth reading (at least 3, at most 10). */
  targetSeeds: number;
}

const pts = (v: number) => `${v >= 0 ? "+" : ""}${(v * 100).toFixed(1)}`;

/** The head-to-head in one sentence, for people who do not read confidence intervals. */
export function verdictOf(nameA: string, nameB: string, result: HeadToHead): Verdict {
  const paired = result.paired;
  if (!paired) {
    return {
      text: `${nameA} and ${nameB} cannot be compared yet: they share ${result.pairedSeeds.length} seed${result.pairedSeeds.length === 1 ? "" : "s"}, and a paired comparison needs at least 2.`,
      distinguishable: null,
      seedsNeeded: null,
      targetSeeds: MIN_SEEDS,
    };
  }
  const { difference, ci95, n } = paired;
  // The interval's half-width is t(0.975, n-1) * sd / sqrt(n), so the paired sd comes back out of it.
  const sd = ((ci95[1] - ci95[0]) / 2 / studentTQuantile(0.975, n - 1)) * Math.sqrt(n);
  const seedsNeeded = seedsToResolve(sd);
  const targetSeeds = Math.min(MAX_QUEUED_SEEDS, Math.max(MIN_SEEDS, seedsNeeded));
  const interval = `95% interval [${pts(ci95[0])}, ${pts(ci95[1])}]`;
  const distinguishable = ci95[0] > 0 || ci95[1] < 0;
  if (!distinguishable) {
    const resolve =
      seedsNeeded <= n
        ? "so any real difference is likely under 1 point"
        : `about ${seedsNeeded} seeds would resolve a 1-point difference`;
    return {
      text: `${nameA} is not distinguishable from ${nameB} at ${n} seeds: difference ${pts(difference)} pts, ${interval}; ${resolve}.`,
      distinguishable,
      seedsNeeded,
      targetSeeds,
    };
  }
  const [better, worse] = difference > 0 ? [nameA, nameB] : [nameB, nameA];
  return {
    text: `${better} is better than ${worse} by ${Math.abs(difference * 100).toFixed(1)} pts of final test accuracy at ${n} seeds (A − B: ${pts(difference)} pts, ${interval}).`,
    distinguishable,
    seedsNeeded,
    targetSeeds,
  };
}

/** Seeds 0..target-1 a schedule has not finished yet: what the verdict's button queues. */
export function missingSeeds(have: readonly (number | null)[], targetSeeds: number): number[] {
  const present = new Set(have);
  return Array.from({ length: targetSeeds }, (_, seed) => seed).filter((seed) => !present.has(seed));
}
