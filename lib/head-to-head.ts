import { mean, pairedDifference, welchTTest } from "./stats";

export interface SeedOutcome {
  seed: number | null;
  final: number;
  epochs: number | null;
}

export interface HeadToHead {
  /** Seeds both schedules ran, in seed order. */
  pairedSeeds: number[];
  meanA: number | null;
  meanB: number | null;
  /** Paired by seed: mean of (A - B) with its 95% t interval; null with fewer than 2 pairs. */
  paired: { difference: number; ci95: [number, number]; pValue: number; n: number } | null;
  /** Welch's t-test over all seeds of each, paired or not; null with fewer than 2 of either. */
  welch: { difference: number; ci95: [number, number]; pValue: number; df: number } | null;
  /** Mean epochs B used minus those A used (positive: A stopped earlier). */
  epochsSaved: number | null;
}

/**
 * StepDecay against AutoDecay, or any two schedules: the accuracy difference over seeds both ran
 * (pairing removes the seed-to-seed spread both share), Welch's test over everything, and epochs saved.
 */
export function headToHead(a: SeedOutcome[], b: SeedOutcome[]): HeadToHead {
  const bySeed = new Map(b.filter((o) => o.seed !== null).map((o) => [o.seed!, o]));
  const pairs = a.filter((o) => o.seed !== null && bySeed.has(o.seed)).map((o) => [o, bySeed.get(o.seed!)!] as const);
  pairs.sort((x, y) => x[0].seed! - y[0].seed!);
  const paired = pairs.length >= 2 ? pairedDifference(pairs.map(([x]) => x.final), pairs.map(([, y]) => y.final)) : null;
  const welch = a.length >= 2 && b.length >= 2 ? welchTTest(a.map((o) => o.final), b.map((o) => o.final)) : null;
  const epochsA = a.map((o) => o.epochs).filter((e): e is number => e !== null);
  const epochsB = b.map((o) => o.epochs).filter((e): e is number => e !== null);
  return {
    pairedSeeds: pairs.map(([x]) => x.seed!),
    meanA: a.length ? mean(a.map((o) => o.final)) : null,
    meanB: b.length ? mean(b.map((o) => o.final)) : null,
    paired: paired && { difference: paired.meanDifference, ci95: paired.ci95, pValue: paired.pValue, n: pairs.length },
    welch: welch && { difference: welch.meanDifference, ci95: welch.ci95, pValue: welch.pValue, df: welch.df },
    epochsSaved: epochsA.length && epochsB.length ? mean(epochsB) - mean(epochsA) : null,
  };
}
