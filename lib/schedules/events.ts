/**
 * A change an adaptive schedule made. decay: `step` is the first step that uses the new rate
 * `lr`. terminate: `step` is the last step taken; no further step follows.
 */
export type ScheduleEvent = { step: number; type: "decay" | "terminate"; lr?: number; reason?: string };

/** What one observation decided: a new rate, a stop, or nothing. */
export type Decision =
  | { type: "none" }
  | { type: "decay"; lr: number; reason: string }
  | { type: "terminate"; reason: string };

/** State machine of an adaptive kind: reads the observation after each step. */
export interface AdaptiveController {
  lr(): number;
  observe(observation: number): Decision;
}
