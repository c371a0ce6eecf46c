import { createScheduler, resolveOrThrow, type ScheduleDefinition, type ScheduleEvent } from "../schedules";
import { SyntheticLoss } from "./synthetic-loss";

export interface PreviewCurve {
  lr: number[];
  momentum?: number[];
  events: ScheduleEvent[];
  /** True when an adaptive schedule was fed the synthetic loss rather than a real run. */
  synthetic: boolean;
}

/**
 * The schedule's rates over `steps` steps; adaptive kinds react to a synthetic loss. Budget-relative
 * lengths resolve against `budget` (default `steps`); a resolution failure throws, naming the field.
 */
export function previewCurve(def: ScheduleDefinition, steps: number, budget = steps): PreviewCurve {
  const scheduler = createScheduler(resolveOrThrow(def, budget));
  const loss = new SyntheticLoss();
  const lr: number[] = [];
  const momentum: number[] = [];
  const events: ScheduleEvent[] = [];
  for (let t = 0; t < steps && !scheduler.terminated; t++) {
    const rate = scheduler.lr();
    lr.push(rate);
    const m = scheduler.momentum();
    if (m !== undefined) momentum.push(m);
    const produced = scheduler.adaptive ? scheduler.advance(loss.next(rate)) : scheduler.advance();
    // An event decided by the last step's observation would apply beyond the chart.
    events.push(...produced.filter((event) => event.step < steps));
  }
  return { lr, momentum: momentum.length ? momentum : undefined, events, synthetic: scheduler.adaptive };
}
