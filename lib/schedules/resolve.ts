import { scheduleDefinitionSchema, type ResolvedDefinition, type ScheduleDefinition, type ScheduleKind } from "./definition";
import { formatPath, issuesToFieldErrors, type FieldError } from "./errors";
import { isPercent, type Percent } from "./fields";

// schedules.md, "Lengths relative to the training budget". Lengths count as at least 1 step once
// resolved; positions (milestones, piecewise times) may resolve to 0, which the kind's own rules
// then accept (multiStep, piecewise) or refuse (a sequence milestone must be >= 1).
const LENGTHS: Partial<Record<ScheduleKind, readonly string[]>> = {
  step: ["stepSize"],
  cosine: ["tMax"],
  warmRestarts: ["t0"],
  cyclic: ["stepSizeUp", "stepSizeDown"],
  oneCycle: ["totalSteps"],
  linear: ["totalIters"],
  polynomial: ["totalIters"],
  rangeTest: ["steps"],
  autoDecay: ["observeEvery"],
};

/**
 * The fields of a kind that may be "P%" of the training budget: its lengths, and its positions
 * (milestones, piecewise `points` whose first column is a step). A sequence's children list their own.
 */
export function budgetFieldsOf(kind: ScheduleKind): readonly string[] {
  const positions = kind === "multiStep" || kind === "sequence" ? ["milestones"] : kind === "piecewise" ? ["points"] : [];
  return [...(LENGTHS[kind] ?? []), ...positions];
}

type Path = (string | number)[];
type StepValue = number | Percent;
type Visit = (value: StepValue, path: Path, isLength: boolean) => StepValue;
type Loose = Record<string, unknown> & { kind: ScheduleKind };

/** A copy of the definition with every length and position passed through `visit`. */
function mapSteps(def: Loose, visit: Visit, path: Path = []): Loose {
  const out: Loose = { ...def };
  for (const field of LENGTHS[def.kind] ?? []) {
    if (out[field] !== undefined) out[field] = visit(out[field] as StepValue, [...path, field], true);
  }
  if (def.kind === "multiStep" || def.kind === "sequence") {
    out.milestones = (def.milestones as StepValue[]).map((m, i) => visit(m, [...path, "milestones", i], false));
  }
  if (def.kind === "piecewise") {
    out.points = (def.points as [StepValue, number][]).map(([t, lr], i) => [visit(t, [...path, "points", i, 0], false), lr]);
  }
  if (def.kind === "sequence") {
    out.schedules = (def.schedules as Loose[]).map((child, i) => mapSteps(child, visit, [...path, "schedules", i]));
  }
  return out;
}

/** True when some length or position is a percentage of the training budget. */
export function isBudgetRelative(def: ScheduleDefinition): boolean {
  let relative = false;
  mapSteps(def as Loose, (value) => {
    if (typeof value === "string") relative = true;
    return value;
  });
  return relative;
}

/**
 * round(P/100 * budget), halves away from zero, in exact integer arithmetic: in floating point
 * 0.35% of 1,000 is 3.4999999999999996 and would round down. P has at most 6 decimals.
 */
export function resolvePercent(percent: Percent, budget: number): number {
  const [whole, fraction = ""] = percent.slice(0, -1).split(".");
  const micros = BigInt(`${whole || "0"}${fraction.padEnd(6, "0")}`); // P x 10^6
  const scaled = micros * BigInt(budget); // the result x 10^8
  const unit = 100_000_000n;
  const quotient = scaled / unit;
  return Number(2n * (scaled % unit) >= unit ? quotient + 1n : quotient);
}

/** "30 epochs", "1 iteration": the budget in the schedule's own unit. */
export function describeBudget(def: { unit: "epoch" | "iteration" }, budget: number): string {
  return `${budget.toLocaleString("en")} ${def.unit}${budget === 1 ? "" : "s"}`;
}

/** A training budget in the schedule's unit: epochs, or epochs x iterations per epoch for iteration-unit schedules. */
export function budgetInSteps(def: { unit: "epoch" | "iteration" }, run: { epochs: number; itersPerEpoch: number }): number {
  return def.unit === "iteration" ? run.epochs * run.itersPerEpoch : run.epochs;
}

export type ResolveResult = { ok: true; definition: ResolvedDefinition } | { ok: false; errors: FieldError[] };

/**
 * The definition with every "P%" replaced by its number of steps for `budget` (an integer >= 1 in
 * the schedule's unit, see budgetInSteps). The result is validated again, so a rule the rounded
 * values break (milestones that no longer increase) fails, naming the field and the budget.
 */
export function resolveDefinition(def: ScheduleDefinition, budget: number): ResolveResult {
  if (!Number.isSafeInteger(budget) || budget < 1) throw new RangeError(`the training budget must be an integer >= 1, got ${budget}`);
  const budgetText = describeBudget(def, budget);
  const resolvedAt = new Map<string, string>();
  const substituted = mapSteps(def as Loose, (value, path, isLength) => {
    if (!isPercent(value)) return value;
    const steps = isLength ? Math.max(1, resolvePercent(value, budget)) : resolvePercent(value, budget);
    const where = formatPath(path);
    resolvedAt.set(where, `${where} is "${value}" of a budget of ${budgetText}: ${steps}`);
    return steps;
  });
  if (resolvedAt.size === 0) return { ok: true, definition: def as ResolvedDefinition };
  const result = scheduleDefinitionSchema.safeParse(substituted);
  if (result.success) return { ok: true, definition: result.data as ResolvedDefinition };
  const errors = issuesToFieldErrors(result.error.issues, substituted).map((error) => ({
    path: error.path,
    message: `${error.message} (${resolvedAt.get(error.path) ?? `resolved for a budget of ${budgetText}`})`,
  }));
  return { ok: false, errors };
}

/** For code that samples without a budget: a budget-relative definition must be resolved first. */
export function assertResolved(def: ScheduleDefinition): ResolvedDefinition {
  if (isBudgetRelative(def)) {
    throw new Error(`the '${def.kind}' schedule has lengths relative to the training budget: resolve it for a budget first (resolveDefinition)`);
  }
  return def as ResolvedDefinition;
}
