import type { ScheduleEvent } from "../schedules";
import { isFiniteNumber, type Point } from "./series";

/**
 * A drop of the learning rate. `x` is the first x that runs at the new rate (the same convention
 * as ScheduleEvent.step). `from`/`to` are null only for schedule events that do not say them.
 */
export type Decay = {
  x: number;
  from: number | null;
  to: number | null;
  source: "lr" | "schedule";
  reason?: string;
};

export type DetectDecaysOptions = {
  /** Smallest relative drop counted: to <= (1 - minRatio) * from. Default 0.2. */
  minRatio?: number;
  /**
   * A drop counts only if the rate was nearly flat on at least one side of it: the relative
   * change between the neighbouring pair of points is at most drop / sharpness. Default 4:
   * a cosine logged coarsely starts flat-ish, and its second drop is up to ~3x its first.
   */
  sharpness?: number;
};

/** Relative change from a to b: NaN if either is non-finite, Infinity for a rise from 0. */
function relativeChange(a: number, b: number): number {
  if (!isFiniteNumber(a) || !isFiniteNumber(b)) return NaN;
  if (a === 0) return b === 0 ? 0 : Infinity;
  return (b - a) / Math.abs(a);
}

/**
 * Decay events read off a logged lr series.
 *
 * A point i is a decay when, with d = (lr[i-1] - lr[i]) / lr[i-1] (lr[i-1] > 0, both finite):
 *   1. d >= minRatio (default 0.2: the new rate is at most 0.8x the old), and
 *   2. at least one neighbouring pair (i-2 -> i-1 or i -> i+1) changes by at most d / sharpness
 *      in relative terms (|change| <= d / 4 by default).
 * Rule 1 keeps the per-step movement of smooth schedules (cosine, linear, exponential per step)
 * out. Rule 2 is needed because a smooth schedule logged coarsely still drops steeply near its
 * end (cosine over 10 epochs logged per epoch: 0.095 -> 0.024 -> 0 are 74% and 100% drops), but
 * its neighbouring drops are just as steep, while a step decay sits between flat stretches.
 * Rises (warm-up, warm restarts, cyclic rates) are never decays. The price: a step stacked on a
 * steep smooth decay (x0.5 on top of x0.85 per epoch) is missed. A 2-point series has no
 * neighbours to tell the two kinds apart and so yields no decay.
 */
export function detectDecays(lr: Point[], options: DetectDecaysOptions = {}): Decay[] {
  const minRatio = options.minRatio ?? 0.2;
  const sharpness = options.sharpness ?? 4;
  if (!(minRatio > 0 && minRatio <= 1)) throw new RangeError(`minRatio must be in (0, 1], got ${minRatio}`);
  if (!(sharpness > 0)) throw new RangeError(`sharpness must be > 0, got ${sharpness}`);

  const changes = lr.map((p, i) => (i === 0 ? NaN : relativeChange(lr[i - 1][1], p[1])));
  const decays: Decay[] = [];
  for (let i = 1; i < lr.length; i++) {
    const from = lr[i - 1][1];
    const to = lr[i][1];
    if (!isFiniteNumber(from) || !isFiniteNumber(to) || from <= 0) continue;
    const drop = -changes[i];
    // The tiny slack lets 0.1 -> 0.08 count as the 20% drop it is despite rounding.
    if (!(drop >= minRatio * (1 - 1e-9))) continue;
    const flatLimit = drop / sharpness;
    const flatBefore = i >= 2 && Math.abs(changes[i - 1]) <= flatLimit;
    const flatAfter = i + 1 < lr.length && Math.abs(changes[i + 1]) <= flatLimit;
    if (flatBefore || flatAfter) decays.push({ x: lr[i][0], from, to, source: "lr" });
  }
  return decays;
}

/**
 * Decays an adaptive schedule recorded. x = event.step, which must already be in the run's x
 * units. The events carry only the new rate, so `from` is the previous decay's rate, or
 * `initialLr` for the first (null when not given).
 */
export function decaysFromScheduleEvents(events: ScheduleEvent[], initialLr?: number | null): Decay[] {
  const decays: Decay[] = [];
  let previous: number | null = isFiniteNumber(initialLr) ? initialLr : null;
  for (const event of [...events].sort((a, b) => a.step - b.step)) {
    if (event.type !== "decay") continue;
    const to = isFiniteNumber(event.lr) ? event.lr : null;
    const decay: Decay = { x: event.step, from: previous, to, source: "schedule" };
    if (event.reason !== undefined) decay.reason = event.reason;
    decays.push(decay);
    previous = to;
  }
  return decays;
}

/**
 * Whether the step from `current` to `next` ends a stage while training is under way, when only the
 * rates so far are known: the same two rules as detectDecays, with flatness checked on the side that
 * has been seen (previous -> current). The first epoch has no previous side; a drop right after it counts.
 */
export function isStepDrop(previous: number | null, current: number, next: number, options: DetectDecaysOptions = {}): boolean {
  const minRatio = options.minRatio ?? 0.2;
  const sharpness = options.sharpness ?? 4;
  if (!isFiniteNumber(current) || !isFiniteNumber(next) || current <= 0) return false;
  const drop = (current - next) / current;
  if (!(drop >= minRatio * (1 - 1e-9))) return false;
  if (previous === null) return true;
  const before = relativeChange(previous, current);
  return Number.isFinite(before) && Math.abs(before) <= drop / sharpness;
}
