import { downsampleMinMax, type Point } from "../charts/downsample";
import { canonicalJson, type ScheduleDefinition, type ScheduleEvent } from "../schedules";
import { BoundedCache } from "./bounded-cache";
import { previewCurve } from "./curve";

/** The most points a preview hands to a page: a chart is at most ~800 pixels wide anyway. */
export const PREVIEW_MAX_POINTS = 1000;
/** Previews kept in memory: the gallery's public schedules and the most visited pages. */
export const PREVIEW_CACHE_ENTRIES = 256;

export interface DrawnPreview {
  /** [step, lr], ending where the last sampled step ends; at most PREVIEW_MAX_POINTS + 1 points. */
  lr: Point[];
  momentum?: Point[];
  events: ScheduleEvent[];
  /** How many steps were sampled (fewer than asked when an adaptive schedule terminated). */
  steps: number;
  synthetic: boolean;
  /** Why nothing was drawn: the definition breaks a rule once resolved for this budget. */
  error?: string;
}

function draw(def: ScheduleDefinition, steps: number, budget: number): DrawnPreview {
  let curve;
  try {
    curve = previewCurve(def, steps, budget);
  } catch (error) {
    return { lr: [], events: [], steps: 0, synthetic: false, error: (error as Error).message };
  }
  const lr = curve.lr.map((rate, t): Point => [t, rate]);
  // The last rate holds for its whole step, so the curve ends where that step ends.
  if (lr.length > 0) lr.push([curve.lr.length, curve.lr[curve.lr.length - 1]]);
  return {
    lr: downsampleMinMax(lr, PREVIEW_MAX_POINTS),
    momentum: curve.momentum && downsampleMinMax(curve.momentum.map((m, t): Point => [t, m]), PREVIEW_MAX_POINTS),
    events: curve.events,
    steps: curve.lr.length,
    synthetic: curve.synthetic,
  };
}

const cache = new BoundedCache<DrawnPreview>(PREVIEW_CACHE_ENTRIES);

/**
 * A schedule's preview as pages draw it, memoised per canonical definition, step count and budget
 * (for budget-relative lengths; default `steps`): the gallery draws every public schedule on every
 * visit, and a definition never changes its curve.
 */
export function drawnPreview(def: ScheduleDefinition, steps: number, budget = steps): DrawnPreview {
  return cache.getOrCompute(`${steps}|${budget}|${canonicalJson(def)}`, () => draw(def, steps, budget));
}
