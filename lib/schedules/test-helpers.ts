import { parseDefinition, type ScheduleDefinition } from "./definition";
import { sampleSchedule } from "./sample";

/** Parses a definition the test knows to be valid. */
export function def(input: unknown): ScheduleDefinition {
  const r = parseDefinition(input);
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join("\n"));
  return r.definition;
}

export function lrs(input: unknown, steps: number): number[] {
  return sampleSchedule(def(input), { steps }).lr;
}
