import { formatErrors, isAdaptive, type ResolvedDefinition, type ScheduleDefinition, type StaticDefinition } from "./definition";
import { assertResolved, isBudgetRelative, resolveDefinition } from "./resolve";
import type { ScheduleEvent } from "./events";
import { createScheduler } from "./scheduler";
import { schedulesMomentum, staticLrAt } from "./static-lr";

export type SampleOptions = {
  steps: number;
  observations?: readonly number[];
  /** The training budget budget-relative lengths resolve against, in the schedule's unit; default `steps`. */
  budget?: number;
};
export type SampleResult = { lr: number[]; momentum?: number[]; events: ScheduleEvent[] };

/**
 * lr(t) for t in [0, steps), the spec's `schedule sample`. An adaptive schedule reads
 * observations[t] after step t; the observation after the last step is used when given (it can
 * only terminate there: a decay it causes would land at step `steps` and is dropped).
 */
export function sampleSchedule(definition: ScheduleDefinition, opts: SampleOptions): SampleResult {
  const steps = opts.steps;
  if (!Number.isInteger(steps) || steps < 0) throw new Error(`steps must be an integer >= 0, got ${steps}`);
  const def = resolveOrThrow(definition, opts.budget ?? steps);
  const adaptive = isAdaptive(def);
  const obs = opts.observations ?? [];
  if (adaptive) {
    const needed = Math.max(0, steps - 1);
    if (!opts.observations || obs.length < needed) {
      throw new Error(
        `the '${def.kind}' schedule is adaptive: --observations must give at least ${needed} observations (one per step) for ${steps} steps, got ${opts.observations ? obs.length : "none"}`,
      );
    }
    const bad = obs.slice(0, steps).findIndex((x) => typeof x !== "number" || !Number.isFinite(x));
    if (bad >= 0) throw new Error(`observations[${bad}] must be a finite number, got ${String(obs[bad])}`);
  }

  const scheduler = createScheduler(def);
  const withMomentum = schedulesMomentum(def);
  const lr: number[] = [];
  const momentum: number[] = [];
  const events: ScheduleEvent[] = [];
  for (let t = 0; t < steps; t++) {
    lr.push(scheduler.lr());
    if (withMomentum) momentum.push(scheduler.momentum() as number);
    if (adaptive && t >= obs.length) break;
    for (const e of scheduler.advance(adaptive ? obs[t] : undefined)) if (e.step < steps) events.push(e);
    if (scheduler.terminated) break;
  }
  return withMomentum ? { lr, momentum, events } : { lr, events };
}

/** The definition resolved for `budget` when it is budget-relative; a failure names the field and the budget. */
export function resolveOrThrow(def: ScheduleDefinition, budget: number): ResolvedDefinition {
  if (!isBudgetRelative(def)) return def as ResolvedDefinition;
  const resolved = resolveDefinition(def, budget);
  if (!resolved.ok) throw new Error(formatErrors(resolved.errors));
  return resolved.definition;
}

/** lr(t) of a static definition, for charts that need single points. */
export function lrAt(def: ScheduleDefinition, t: number): number {
  if (isAdaptive(def)) throw new Error(`lrAt: '${def.kind}' is adaptive; its rates depend on observations (use sampleSchedule)`);
  if (!Number.isInteger(t) || t < 0) throw new Error(`lrAt: t must be an integer >= 0, got ${t}`);
  return staticLrAt(assertResolved(def) as StaticDefinition, t);
}
