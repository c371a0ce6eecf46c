import { mean, meanConfidenceInterval, welchTTest } from "../../stats";

/** One value per training seed; seed null for a run that has none. */
export interface SeedValue {
  seed: number | null;
  value: number;
}

/**
 * A mean over seeds with its 95% interval, or none where the seeds cannot give one (a single seed,
 * or a single seed on one side of a difference). `method` says how the interval was taken.
 */
export interface Estimate {
  mean: number;
  lower: number | null;
  upper: number | null;
  /** Seeds behind it: one number for a mean or a paired difference, two for an unpaired one. */
  seeds: [number] | [number, number];
  method: "t" | "paired" | "welch" | "delta" | "none";
}

export function estimateMean(values: number[]): Estimate {
  const ci = meanConfidenceInterval(values);
  return { mean: ci.mean, lower: ci.lower, upper: ci.upper, seeds: [values.length], method: ci.lower === null ? "none" : "t" };
}

function sameSeeds(a: SeedValue[], b: SeedValue[]): boolean {
  if (a.some((v) => v.seed === null) || b.some((v) => v.seed === null) || a.length !== b.length) return false;
  const seedsOfB = new Set(b.map((v) => v.seed));
  return seedsOfB.size === b.length && a.every((v) => seedsOfB.has(v.seed));
}

/**
 * mean(a) - mean(b) with its 95% interval: paired by seed when both sides ran the same seeds (the
 * data are the same for every seed, so a seed's two runs share their initialisation and order),
 * Welch's otherwise; no interval when a side has a single seed.
 */
export function estimateDifference(a: SeedValue[], b: SeedValue[]): Estimate {
  if (sameSeeds(a, b) && a.length >= 2) {
    const valueOfB = new Map(b.map((v) => [v.seed, v.value]));
    const paired = estimateMean(a.map((v) => v.value - valueOfB.get(v.seed)!));
    return { ...paired, method: "paired" };
  }
  const difference = mean(a.map((v) => v.value)) - mean(b.map((v) => v.value));
  if (a.length < 2 || b.length < 2) return { mean: difference, lower: null, upper: null, seeds: [a.length, b.length], method: "none" };
  const welch = welchTTest(a.map((v) => v.value), b.map((v) => v.value));
  return { mean: difference, lower: welch.ci95[0], upper: welch.ci95[1], seeds: [a.length, b.length], method: "welch" };
}

/** The same estimate of the opposite quantity: "fell by 2 pts [1, 3]" rather than "rose by -2 pts [-3, -1]". */
export function negate(e: Estimate): Estimate {
  return { ...e, mean: -e.mean, lower: e.upper === null ? null : -e.upper, upper: e.lower === null ? null : -e.lower };
}

export const hasInterval = (e: Estimate): e is Estimate & { lower: number; upper: number } => e.lower !== null && e.upper !== null;

/** Accuracies (fractions) as percent or points, epochs and ratios as they are. */
export type Unit = "percent" | "points" | "epochs" | "epochSpan" | "ratio";

function number(value: number, unit: Unit): string {
  const scaled = unit === "percent" || unit === "points" ? value * 100 : value;
  const digits = unit === "ratio" ? 2 : 1;
  const text = scaled.toFixed(digits);
  return text === `-${(0).toFixed(digits)}` ? (0).toFixed(digits) : text;
}

/** "52.0% [47.4, 56.6]", "-8.3 pts [-12.1, -4.5]", "epoch 15.0 [14.2, 15.8]", "3.0 epochs [1.2, 4.8]"; the bare value without an interval. */
export function formatEstimate(e: Estimate, unit: Unit): string {
  const value = number(e.mean, unit);
  const interval = hasInterval(e) ? ` [${number(e.lower, unit)}, ${number(e.upper, unit)}]` : "";
  if (unit === "percent") return `${value}%${interval}`;
  if (unit === "points") return `${value} pts${interval}`;
  if (unit === "epochs") return `epoch ${value}${interval}`;
  if (unit === "epochSpan") return `${value} epochs${interval}`;
  return `${value}${interval}`;
}

/** "over 3 seeds", "paired over 3 seeds", "over 3 and 2 seeds, unpaired", "over 1 seed: no interval". */
export function formatSeeds(e: Estimate): string {
  const plural = (n: number) => `${n} ${n === 1 ? "seed" : "seeds"}`;
  const [first, second] = e.seeds;
  const base = second === undefined ? `over ${plural(first)}` : `over ${first} and ${plural(second)}, unpaired`;
  if (e.method === "paired") return `paired over ${plural(first)}`;
  if (e.method === "none") return `${base}: one seed gives no interval`;
  return base;
}
