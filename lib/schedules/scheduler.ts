import { isAdaptive, type ResolvedDefinition, type ScheduleDefinition, type StaticDefinition } from "./definition";
import type { AdaptiveController, ScheduleEvent } from "./events";
import { createAutoDecay } from "./auto-decay";
import { createPlateau } from "./plateau";
import { assertResolved } from "./resolve";
import { staticLrAt, staticMomentumAt } from "./static-lr";

export interface Scheduler {
  readonly adaptive: boolean;
  /** 0-based index of the current step. */
  readonly step: number;
  /** True once an adaptive schedule decided to stop; advance() then throws. */
  readonly terminated: boolean;
  /** The rate of the current step. */
  lr(): number;
  /** The momentum of the current step, for definitions that schedule it. */
  momentum(): number | undefined;
  /**
   * Finishes the current step. Adaptive kinds need its observation (the step's mean loss) and
   * may answer with a decay (its `step` is the next step) or a terminate (its `step` is this one,
   * and the scheduler does not move on).
   */
  advance(observation?: number): ScheduleEvent[];
}

function controllerFor(def: ResolvedDefinition): AdaptiveController | undefined {
  if (def.kind === "plateau") return createPlateau(def);
  if (def.kind === "autoDecay") return createAutoDecay(def);
  return undefined;
}

/** Steps a definition; one with budget-relative lengths must be resolved first (resolveDefinition). */
export function createScheduler(definition: ScheduleDefinition): Scheduler {
  const def = assertResolved(definition);
  const controller = controllerFor(def);
  let step = 0;
  let terminated = false;

  return {
    adaptive: isAdaptive(def),
    get step() {
      return step;
    },
    get terminated() {
      return terminated;
    },
    lr: () => (controller ? controller.lr() : staticLrAt(def as StaticDefinition, step)),
    momentum: () => (controller ? undefined : staticMomentumAt(def as StaticDefinition, step)),
    advance(observation?: number): ScheduleEvent[] {
      if (terminated) throw new Error(`the '${def.kind}' schedule terminated at step ${step}; it cannot advance further`);
      if (!controller) {
        step += 1;
        return [];
      }
      if (typeof observation !== "number" || !Number.isFinite(observation)) {
        throw new Error(
          `the '${def.kind}' schedule is adaptive: advance() needs the finite observation (mean loss) of step ${step}, got ${String(observation)}`,
        );
      }
      const decision = controller.observe(observation);
      if (decision.type === "terminate") {
        terminated = true;
        return [{ step, type: "terminate", reason: decision.reason }];
      }
      step += 1;
      if (decision.type === "decay") return [{ step, type: "decay", lr: decision.lr, reason: decision.reason }];
      return [];
    },
  };
}
