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

/** A share of the training budget, "P%" with 0 < P: resolved against a budget before any sampling. */
export type Percent = `${number}%`;

// Up to 6 digits either side of the point: enough for any budget, and exact in integer arithmetic.
const PERCENT = /^(\d{1,6}(\.\d{1,6})?|\.\d{1,6})%$/;

export function isPercent(value: unknown): value is Percent {
  return typeof value === "string" && PERCENT.test(value) && Number(value.slice(0, -1)) > 0;
}

/**
 * A length or position in steps, or "P%" of the training budget (schedules.md, "Lengths relative
 * to the training budget"). `bounds` apply to the absolute form; a percentage is checked once resolved.
 */
export function steps(bounds: Omit<Bounds, "int">, integer = true) {
  const absolute = { ...bounds, int: integer };
  const msg = `must be ${describeBounds(absolute)} or a percentage of the training budget such as "50%"`;
  const schema = z
    .union([z.number(), z.string()], { error: (iss) => (iss.input === undefined ? REQUIRED : msg) })
    .superRefine((v, ctx) => {
      if (typeof v === "number" ? !inBounds(v, absolute) : !isPercent(v)) ctx.addIssue({ code: "custom", message: msg });
    });
  // The refinement guarantees the narrower type that zod cannot infer from it.
  return schema as unknown as z.ZodType<number | Percent, number | string>;
}
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

/** The value of an absolute or a percentage, for comparing two of the same form. */
function magnitude(value: number | Percent): number {
  return typeof value === "number" ? value : Number(value.slice(0, -1));
}

/**
 * Adds "name[i] must be greater than name[i-1]" for every out-of-order entry (of `column` in each
 * entry, for lists of tuples). An absolute and a percentage cannot be compared without a budget:
 * resolution checks those pairs.
 */
export function strictlyIncreasing(name: string, column?: number) {
  const at = (i: number) => (column === undefined ? [i] : [i, column]);
  const label = (i: number) => `${name}${at(i).map((k) => `[${k}]`).join("")}`;
  return (entries: readonly unknown[], ctx: z.RefinementCtx) => {
    const key = (i: number) => (column === undefined ? entries[i] : (entries[i] as unknown[])[column]) as number | Percent;
    for (let i = 1; i < entries.length; i++) {
      const [a, b] = [key(i - 1), key(i)];
      if (typeof a !== typeof b) continue;
      if (!(magnitude(b) > magnitude(a))) ctx.addIssue({ code: "custom", path: at(i), message: `must be greater than ${label(i - 1)}` });
    }
  };
}

export const commonFields = {
  unit: oneOf(["epoch", "iteration"] as const).default("epoch"),
  name: text(200).optional(),
  description: text(2000).optional(),
};
