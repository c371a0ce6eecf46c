import { z } from "zod";

// Field builders. Each issue message omits the field path: errors.ts prefixes it, so one
// builder serves top-level and nested fields alike ("lr ..." / "schedules[1].lr ...").

type Bounds = { min?: number; gt?: number; max?: number; lt?: number; int?: boolean };

const REQUIRED = "is required";

export function describeBounds(b: Bounds): string {
  const parts: string[] = [];
  if (b.gt !== undefined) parts.push(`> ${b.gt}`);
  if (b.min !== undefined) parts.push(`>= ${b.min}`);
  if (b.lt !== undefined) parts.push(`< ${b.lt}`);
  if (b.max !== undefined) parts.push(`<= ${b.max}`);
  const noun = b.int ? "an integer" : "a number";
  return parts.length ? `${noun} ${parts.join(" and ")}` : noun;
}

function inBounds(v: number, b: Bounds): boolean {
  if (b.int && !Number.isInteger(v)) return false;
  if (b.gt !== undefined && !(v > b.gt)) return false;
  if (b.min !== undefined && !(v >= b.min)) return false;
  if (b.lt !== undefined && !(v < b.lt)) return false;
  if (b.max !== undefined && !(v <= b.max)) return false;
  return true;
}

export function num(bounds: Bounds = {}) {
  const msg = `must be ${describeBounds(bounds)}`;
  return z
    .number({ error: (iss) => (iss.input === undefined ? REQUIRED : msg) })
    .superRefine((v, ctx) => {
      if (!inBounds(v, bounds)) ctx.addIssue({ code: "custom", message: msg });
    });
}

export const int = (bounds: Omit<Bounds, "int"> = {}) => num({ ...bounds, int: true });
export const rate = () => num({ min: 0 });

export function oneOf<const T extends readonly [string, ...string[]]>(values: T) {
  const msg = `must be one of ${values.join(", ")}`;
  return z.enum(values, { error: (iss) => (iss.input === undefined ? REQUIRED : msg) });
}

export const bool = () =>
  z.boolean({ error: (iss) => (iss.input === undefined ? REQUIRED : "must be true or false") });

export function text(maxLength: number) {
  return z
    .string({ error: "must be a string" })
    .max(maxLength, { error: `must be at most ${maxLength} characters` });
}

const entries = (n: number) => `${n} ${n === 1 ? "entry" : "entries"}`;

// Arrays reuse the element message so "milestones[2] must be an integer >= 0" names the entry.
// Every list has a maximum: sampling, previews and exports all grow with its length.
export function list<T extends z.ZodType>(element: T, minLength: number, maxLength: number) {
  return z
    .array(element, { error: (iss) => (iss.input === undefined ? REQUIRED : "must be a list") })
    .min(minLength, { error: `must have at least ${entries(minLength)}` })
    .max(maxLength, { error: `must have at most ${entries(maxLength)}`, abort: true });
}

/** Adds "name[i] must be greater than name[i-1]" for every out-of-order entry. */
export function strictlyIncreasing(name: string) {
  return (values: readonly number[], ctx: z.RefinementCtx) => {
    for (let i = 1; i < values.length; i++) {
      if (!(values[i] > values[i - 1])) {
        ctx.addIssue({ code: "custom", path: [i], message: `must be greater than ${name}[${i - 1}]` });
      }
    }
  };
}

export const commonFields = {
  unit: oneOf(["epoch", "iteration"] as const).default("epoch"),
  name: text(200).optional(),
  description: text(2000).optional(),
};
