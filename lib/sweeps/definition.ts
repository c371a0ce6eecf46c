import { formatRate } from "../format/rate";
import { parseDefinition, type ScheduleDefinition } from "../schedules";

/** A path as validation errors name it: `lr`, `milestones[0]`, `phases[1].lr`. */
export const FIELD_PATH = /^[A-Za-z_]\w*(\[\d+\])*(\.[A-Za-z_]\w*(\[\d+\])*)*$/;

function tokens(field: string): (string | number)[] {
  return [...field.matchAll(/([A-Za-z_]\w*)|\[(\d+)\]/g)].map((m) => (m[1] !== undefined ? m[1] : Number(m[2])));
}

export type SweptDefinition = { ok: true; definition: ScheduleDefinition } | { ok: false; message: string };

/**
 * The base definition with `field` set to `value`. Only a number already in the base can be swept: a
 * path that names nothing is a typo, not a new field.
 */
export function sweepDefinition(base: ScheduleDefinition, field: string, value: number): SweptDefinition {
  const copy = structuredClone(base) as unknown as Record<string | number, unknown>;
  const path = tokens(field);
  let owner: Record<string | number, unknown> = copy;
  for (const key of path.slice(0, -1)) {
    const next = owner[key];
    if (next === null || typeof next !== "object") return { ok: false, message: `field '${field}' names nothing in the base definition` };
    owner = next as Record<string | number, unknown>;
  }
  const last = path[path.length - 1];
  if (typeof owner[last] !== "number") return { ok: false, message: `field '${field}' is not a number in the base definition (a sweep sets one number)` };
  owner[last] = value;
  const parsed = parseDefinition(copy);
  if (!parsed.ok) return { ok: false, message: parsed.errors.map((e) => e.message).join("; ") };
  return { ok: true, definition: parsed.definition };
}

/** How a member schedule is named: "<base> · lr=0.5". */
export const memberName = (base: string, field: string, value: number) => `${base} · ${field}=${formatRate(value)}`;

/** Values over more than a decade are read on a log axis: 1, 0.1 and 0.01 are a rate's natural steps. */
export function spansDecades(values: readonly number[]): boolean {
  const positive = values.filter((v) => v > 0);
  return positive.length === values.length && positive.length > 1 && Math.max(...positive) / Math.min(...positive) >= 10;
}
