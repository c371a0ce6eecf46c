import type { DefinitionOf, StaticDefinition } from "./definition";
import { cyclicAt } from "./cyclic";
import { oneCycleAt } from "./one-cycle";

// Closed forms of the static kinds. PyTorch computes most of these recursively (lr *= factor
// each step); the closed forms agree with those recursions to ~1e-15 relative, far inside the
// 1e-6 contract, and let a chart ask for any t without replaying the steps before it.

function warmRestartsAt(d: DefinitionOf<"warmRestarts">, t: number): number {
  // Replays CosineAnnealingWarmRestarts.step() without an epoch argument: T_cur counts integer
  // steps and wraps by subtraction, so no float log() rounding can misplace a restart.
  let tCur = t;
  let tI = d.t0;
  if (d.tMult === 1) tCur = t % d.t0;
  else {
    while (tCur >= tI) {
      tCur -= tI;
      tI *= d.tMult;
    }
  }
  return d.etaMin + ((d.lr - d.etaMin) * (1 + Math.cos((Math.PI * tCur) / tI))) / 2;
}

/**
 * How many of the first `length` keys (ascending) are <= t, by binary search: a chart samples
 * every step, so a scan per step would cost steps x entries.
 */
export function countAtOrBelow(length: number, keyAt: (i: number) => number, t: number): number {
  let lo = 0;
  let hi = length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (keyAt(mid) <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function piecewiseAt(d: DefinitionOf<"piecewise">, t: number): number {
  const pts = d.points;
  if (t <= pts[0][0]) return pts[0][1];
  const last = pts[pts.length - 1];
  if (t >= last[0]) return last[1];
  // pts[0][0] < t < last[0]: the last point <= t has a successor.
  const i = countAtOrBelow(pts.length, (j) => pts[j][0], t) - 1;
  const [t0, v0] = pts[i];
  if (d.interpolation === "step") return v0;
  const [t1, v1] = pts[i + 1];
  return v0 + ((v1 - v0) * (t - t0)) / (t1 - t0);
}

function rangeTestAt(d: DefinitionOf<"rangeTest">, t: number): number {
  // The spec's formula is applied as written for every t, so past steps-1 it keeps growing.
  const frac = t / (d.steps - 1);
  if (d.curve === "linear") return d.minLr + (d.maxLr - d.minLr) * frac;
  return d.minLr * Math.pow(d.maxLr / d.minLr, frac);
}

const milestonesAtOrBelow = (milestones: readonly number[], t: number) => countAtOrBelow(milestones.length, (i) => milestones[i], t);

/** lr(t) of a static definition; t is the 0-based step (a non-negative integer). */
export function staticLrAt(d: StaticDefinition, t: number): number {
  switch (d.kind) {
    case "constant":
      return d.lr;
    case "step":
      return d.lr * Math.pow(d.gamma, Math.floor(t / d.stepSize));
    case "multiStep":
      return d.lr * Math.pow(d.gamma, milestonesAtOrBelow(d.milestones, t));
    case "exponential":
      return d.lr * Math.pow(d.gamma, t);
    case "cosine":
      // Periodic past tMax, as CosineAnnealingLR's recursion is: it climbs back to lr by 2·tMax.
      return d.etaMin + ((d.lr - d.etaMin) * (1 + Math.cos((Math.PI * t) / d.tMax))) / 2;
    case "warmRestarts":
      return warmRestartsAt(d, t);
    case "cyclic":
      return cyclicAt(d, t).lr;
    case "oneCycle":
      return oneCycleAt(d, t).lr;
    case "linear":
      return d.lr * (d.startFactor + ((d.endFactor - d.startFactor) * Math.min(t, d.totalIters)) / d.totalIters);
    case "polynomial":
      return d.lr * Math.pow(1 - Math.min(t, d.totalIters) / d.totalIters, d.power);
    case "sequence": {
      const i = milestonesAtOrBelow(d.milestones, t);
      const start = i === 0 ? 0 : d.milestones[i - 1];
      return staticLrAt(d.schedules[i], t - start);
    }
    case "piecewise":
      return piecewiseAt(d, t);
    case "rangeTest":
      return rangeTestAt(d, t);
  }
}

/** Momentum at step t for definitions that schedule it (cyclic / oneCycle with cycleMomentum). */
export function staticMomentumAt(d: StaticDefinition, t: number): number | undefined {
  if (d.kind === "cyclic" && d.cycleMomentum) return cyclicAt(d, t).momentum;
  if (d.kind === "oneCycle" && d.cycleMomentum) return oneCycleAt(d, t).momentum;
  return undefined;
}

export function schedulesMomentum(d: { kind: string; cycleMomentum?: unknown }): boolean {
  return (d.kind === "cyclic" || d.kind === "oneCycle") && d.cycleMomentum !== undefined;
}
