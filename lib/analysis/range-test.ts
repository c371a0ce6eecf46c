/**
 * The learning-rate range test (Smith 2017; fastai's lr_find): train a few hundred iterations while the
 * rate grows, record (rate, loss) at each, and read good rates off the curve of the smoothed loss
 * against log(rate). Worker, run page, uploads and `lrbench rangetest` all read it here.
 */
import type { ScheduleDefinition } from "../schedules";
import { isFiniteNumber, type Point } from "./series";

/** fastai's smoothing of the recorded losses (an EMA debiased for its zero start, beta 0.98). */
export const RANGE_TEST_BETA = 0.98;
/** fastai stops once the smoothed loss exceeds 4x the best smoothed loss so far. */
export const RANGE_TEST_STOP_FACTOR = 4;

/**
 * A replay of this definition is a range test job (one point per iteration, `steps` of them, "P%" of the
 * budget resolved before the first step). Range tests stepped per epoch are replayed as any schedule.
 */
export function isRangeTestJob(definition: ScheduleDefinition): boolean {
  return definition.kind === "rangeTest" && definition.unit === "iteration";
}

/** The stop rule, fed one loss at a time as the worker trains. */
export class RangeTestMonitor {
  private acc = 0;
  private n = 0;
  best = Infinity;

  /** The smoothed loss after this one, and whether the test should stop here. */
  push(loss: number): { smoothed: number; stop: boolean } {
    this.acc = RANGE_TEST_BETA * this.acc + (1 - RANGE_TEST_BETA) * loss;
    this.n += 1;
    const smoothed = this.acc / (1 - RANGE_TEST_BETA ** this.n);
    const stop = this.n > 1 && smoothed > RANGE_TEST_STOP_FACTOR * this.best;
    this.best = Math.min(this.best, smoothed);
    return { smoothed, stop };
  }
}

export interface RangeTestPoint {
  lr: number;
  loss: number;
}

export interface RateSuggestion {
  lr: number;
  reason: string;
}

export interface RangeTestAnalysis {
  /** Finite points with positive rates, each with its smoothed loss, up to where the 4x rule stops. */
  points: { lr: number; loss: number; smoothed: number }[];
  /** fastai's suggestions. */
  minimum: RateSuggestion | null;
  steep: RateSuggestion | null;
  valley: RateSuggestion | null;
  /** Smith's bounds for a cyclical schedule: base where the loss starts to fall, max where it stops. */
  cyclical: { base: number; max: number; reason: string } | null;
  /** Why there are no suggestions, when there are none. */
  problem: string | null;
}

const fmt = (lr: number) => lr.toPrecision(3).replace(/\.?0+(e|$)/, "$1");

/** fastai's `valley`: halfway along the longest run of falling losses (a longest decreasing subsequence), by index. */
function valleyIndex(losses: number[]): number {
  const n = losses.length;
  const lds = new Array<number>(n).fill(1);
  let maxStart = 0;
  let maxEnd = 0;
  for (let i = 1; i < n; i++) {
    for (let j = 0; j < i; j++) {
      if (losses[i] < losses[j] && lds[i] < lds[j] + 1) lds[i] = lds[j] + 1;
    }
    if (lds[maxEnd] < lds[i]) {
      maxEnd = i;
      maxStart = maxEnd - lds[maxEnd];
    }
  }
  const sections = (maxEnd - maxStart) / 3;
  return Math.min(n - 1, Math.max(0, maxStart + Math.floor(sections) + Math.floor(sections / 2)));
}

/** The O(n^2) valley search reads at most this many points (evenly spaced) of a long test. */
const MAX_VALLEY_POINTS = 2000;

export function analyseRangeTest(input: RangeTestPoint[]): RangeTestAnalysis {
  const none = (problem: string): RangeTestAnalysis => ({ points: [], minimum: null, steep: null, valley: null, cyclical: null, problem });
  const finite = input.filter((p) => isFiniteNumber(p.lr) && p.lr > 0 && isFiniteNumber(p.loss));
  const monitor = new RangeTestMonitor();
  const points: RangeTestAnalysis["points"] = [];
  for (const p of finite) {
    const { smoothed, stop } = monitor.push(p.loss);
    points.push({ ...p, smoothed });
    if (stop) break;
  }
  if (points.length < 5) return { ...none(`${points.length} usable points (finite loss, rate > 0); a range test needs at least 5`), points };
  for (let i = 1; i < points.length; i++) {
    if (!(points[i].lr >= points[i - 1].lr)) return { ...none("the rates do not grow step by step, so this is not a range test"), points };
  }
  // fastai leaves out the first 10% (the average is still warming up) and the last 5 points (the blow-up).
  const from = Math.floor(points.length / 10);
  const to = points.length > 20 ? points.length - 5 : points.length;
  const window = points.slice(from, to);
  const smoothed = window.map((p) => p.smoothed);
  const logLr = window.map((p) => Math.log10(p.lr));

  let best = 0;
  for (let i = 1; i < window.length; i++) if (smoothed[i] < smoothed[best]) best = i;
  const minimum = { lr: window[best].lr / 10, reason: `the smoothed loss is lowest (${smoothed[best].toPrecision(3)}) at ${fmt(window[best].lr)}; a tenth of that` };

  // np.gradient: central differences inside, one-sided at the ends; equal rates give no slope.
  const slope = (i: number) => {
    const a = Math.max(0, i - 1);
    const b = Math.min(window.length - 1, i + 1);
    const run = logLr[b] - logLr[a];
    return run > 0 ? (smoothed[b] - smoothed[a]) / run : 0;
  };
  let steepest = 0;
  for (let i = 1; i < window.length; i++) if (slope(i) < slope(steepest)) steepest = i;
  const steep = { lr: window[steepest].lr, reason: `the smoothed loss falls fastest against log(rate) there (${slope(steepest).toPrecision(3)} per decade)` };

  const stride = Math.max(1, Math.ceil(window.length / MAX_VALLEY_POINTS));
  const sampled = window.filter((_, i) => i % stride === 0);
  const v = valleyIndex(sampled.map((p) => p.smoothed));
  const valley = { lr: sampled[v].lr, reason: "halfway along the longest stretch over which the smoothed loss keeps falling" };

  // Smith: base where the loss starts to fall (10% of its whole fall done), max where it stops (its minimum).
  const start = smoothed[0];
  const fall = start - smoothed[best];
  let cyclical: RangeTestAnalysis["cyclical"] = null;
  if (fall > 0.05 * Math.abs(start)) {
    const base = window.findIndex((_, i) => smoothed[i] <= start - 0.1 * fall);
    if (base >= 0 && base < best) {
      cyclical = {
        base: window[base].lr,
        max: window[best].lr,
        reason: `the smoothed loss starts to fall at ${fmt(window[base].lr)} (10% of its fall from ${start.toPrecision(3)} done) and stops falling at ${fmt(window[best].lr)} (its minimum)`,
      };
    }
  }
  return { points, minimum, steep, valley, cyclical, problem: cyclical ? null : "the loss never falls clearly (under 5% of its start), so there are no cyclical bounds to read" };
}

const round3 = (lr: number) => Number(lr.toPrecision(3));

/**
 * Schedules built on a range test's suggestions, budget-relative so they fit any tier: CLR between
 * Smith's bounds (4 cycles over the budget), 1cycle peaking at the max and starting at the base, and
 * StepDecay from fastai's valley rate (x0.1 at 50% and 75%).
 */
export function schedulesFromRangeTest(analysis: RangeTestAnalysis): { label: string; definition: Record<string, unknown> }[] {
  const out: { label: string; definition: Record<string, unknown> }[] = [];
  if (analysis.cyclical) {
    const base = round3(analysis.cyclical.base);
    const max = round3(analysis.cyclical.max);
    out.push({ label: "CLR", definition: { kind: "cyclic", unit: "iteration", baseLr: base, maxLr: max, stepSizeUp: "12.5%", mode: "triangular" } });
    out.push({ label: "1cycle", definition: { kind: "oneCycle", unit: "iteration", maxLr: max, totalSteps: "100%", divFactor: round3(max / base) } });
  }
  if (analysis.valley) {
    out.push({ label: "StepDecay", definition: { kind: "multiStep", unit: "epoch", lr: round3(analysis.valley.lr), milestones: ["50%", "75%"], gamma: 0.1 } });
  }
  return out;
}

/** (lr, loss) pairs of the iterations that logged both, in step order. */
export function rangeTestPoints(lr: Point[] | undefined, loss: Point[] | undefined): RangeTestPoint[] {
  if (!lr?.length || !loss?.length) return [];
  const rateAt = new Map(lr.map(([x, y]) => [x, y]));
  return loss.filter(([x]) => rateAt.has(x)).map(([x, y]) => ({ lr: rateAt.get(x)!, loss: y }));
}

/** A run reads as a range test when its schedule is one, or (an uploaded log) its rate grows step by step over at least two decades. */
export function looksLikeRangeTest(points: RangeTestPoint[]): boolean {
  if (points.length < 5 || !(points[0].lr > 0)) return false;
  return points.every((p, i) => i === 0 || p.lr >= points[i - 1].lr) && points[points.length - 1].lr / points[0].lr >= 100;
}
