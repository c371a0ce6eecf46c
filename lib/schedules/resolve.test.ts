import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { formatErrors, parseDefinition, type ScheduleDefinition } from "./definition";
import { exportSchedule } from "./export";
import { isBudgetRelative, resolveDefinition, resolvePercent } from "./resolve";
import { sampleSchedule } from "./sample";
import { def } from "./test-helpers";

type TraceCase = { name: string; definition: Record<string, unknown>; steps: number; observations?: number[]; lr: number[]; momentum?: number[] };
const traces = (JSON.parse(readFileSync(new URL("./fixtures/torch-traces.json", import.meta.url), "utf8")) as { cases: TraceCase[] }).cases;

// Written from schedules.md's list, independently of resolve.ts.
const LENGTH_FIELDS = ["stepSize", "tMax", "t0", "stepSizeUp", "stepSizeDown", "totalSteps", "totalIters", "steps", "observeEvery"];

/** "P%" with P = 100·v/B to 6 decimals, which resolves back to v for the budgets used here. */
function percentOf(value: number, budget: number): string | number {
  if (value === 0) return value; // P must be > 0: a position 0 stays absolute
  return `${Number(((100 * value) / budget).toFixed(6))}%`;
}

/** The definition with every length and position rewritten as a percentage of `budget`. */
function asPercentages(d: Record<string, unknown>, budget: number): Record<string, unknown> {
  const out: Record<string, unknown> = { ...d };
  for (const field of LENGTH_FIELDS) if (typeof out[field] === "number") out[field] = percentOf(out[field] as number, budget);
  if (Array.isArray(d.milestones)) out.milestones = (d.milestones as number[]).map((m) => percentOf(m, budget));
  if (Array.isArray(d.points)) out.points = (d.points as [number, number][]).map(([t, lr]) => [percentOf(t, budget), lr]);
  if (Array.isArray(d.schedules)) out.schedules = (d.schedules as Record<string, unknown>[]).map((c) => asPercentages(c, budget));
  return out;
}

function expectClose(actual: readonly number[], expected: readonly number[], what: string) {
  expect(actual.length, `${what}: length`).toBe(expected.length);
  for (let t = 0; t < expected.length; t++) {
    if (!(Math.abs(actual[t] - expected[t]) <= Math.max(1e-12, 1e-6 * Math.abs(expected[t])))) expect.fail(`${what}[${t}]: ${actual[t]} vs torch ${expected[t]}`);
  }
}

function errorsOf(d: ScheduleDefinition, budget: number) {
  const r = resolveDefinition(d, budget);
  if (r.ok) throw new Error("expected resolution to fail");
  return r.errors.map((e) => e.message);
}

describe("percentages of the budget give the PyTorch traces of their absolute twins", () => {
  for (const c of traces) {
    const twin = asPercentages(c.definition, 37);
    it(`${c.name} (budget 37 and, as the CLI's default, budget = steps)`, () => {
      const parsed = parseDefinition(twin);
      if (!parsed.ok) throw new Error(formatErrors(parsed.errors));
      const relative = JSON.stringify(twin) !== JSON.stringify(c.definition);
      expect(isBudgetRelative(parsed.definition)).toBe(relative);
      const out = sampleSchedule(parsed.definition, { steps: c.steps, observations: c.observations, budget: 37 });
      expectClose(out.lr, c.lr, "lr");
      if (c.momentum) expectClose(out.momentum ?? [], c.momentum, "momentum");
      const byDefault = sampleSchedule(def(asPercentages(c.definition, c.steps)), { steps: c.steps, observations: c.observations });
      expectClose(byDefault.lr, c.lr, "lr with budget = steps");
    });
  }

  it("piecewise, rangeTest and autoDecay (no PyTorch class) match their absolute twins", () => {
    const losses = Array.from({ length: 199 }, (_, t) => 2 / (1 + t / 10) + (t > 120 ? 0.3 : 0));
    for (const absolute of [
      { kind: "piecewise", points: [[0, 0.1], [6, 0.3], [19, 0.01]], interpolation: "linear" },
      { kind: "piecewise", points: [[2, 0.1], [6, 0.3], [19, 0.01]] },
      { kind: "rangeTest", minLr: 1e-4, maxLr: 1, steps: 23 },
      { kind: "autoDecay", lr: 0.1, window: 3, observeEvery: 4, unit: "iteration" },
    ]) {
      const budget = 29;
      const relative = def(asPercentages(absolute, budget));
      expect(isBudgetRelative(relative), absolute.kind).toBe(true);
      const options = { steps: 200, observations: losses };
      expect(sampleSchedule(relative, { ...options, budget }), absolute.kind).toEqual(sampleSchedule(def(absolute), options));
    }
  });
});

describe("resolution", () => {
  it("rounds halves away from zero, exactly", () => {
    expect(resolvePercent("50%", 3)).toBe(2); // 1.5
    expect(resolvePercent("50%", 5)).toBe(3); // 2.5
    expect(resolvePercent("49.999999%", 5)).toBe(2);
    expect(resolvePercent("0.35%", 1000)).toBe(4); // 3.5, which floating point computes as 3.4999999999999996
    expect(resolvePercent("12.5%", 20)).toBe(3); // 2.5
    expect(resolvePercent(".5%", 300)).toBe(2); // 1.5
    expect(resolvePercent("250%", 30)).toBe(75);
  });

  it("counts a length as at least 1 step, but lets a position resolve to 0", () => {
    const r = resolveDefinition(def({ kind: "step", lr: 1, stepSize: "1%" }), 30);
    expect(r.ok && r.definition).toMatchObject({ stepSize: 1 });
    const m = resolveDefinition(def({ kind: "multiStep", lr: 1, milestones: ["1%", "50%"] }), 30);
    expect(m.ok && m.definition).toMatchObject({ milestones: [0, 15] });
    const auto = resolveDefinition(def({ kind: "autoDecay", lr: 1, observeEvery: "0.1%" }), 100);
    expect(auto.ok && auto.definition).toMatchObject({ observeEvery: 1 });
  });

  it("resolves iteration-unit schedules in iterations and leaves absolute definitions untouched", () => {
    const d = def({ kind: "cosine", lr: 0.1, tMax: "100%", unit: "iteration" });
    const r = resolveDefinition(d, 30 * 391);
    expect(r.ok && r.definition).toMatchObject({ tMax: 11_730, unit: "iteration" });
    const absolute = def({ kind: "cosine", lr: 0.1, tMax: 10 });
    expect(isBudgetRelative(absolute)).toBe(false);
    const same = resolveDefinition(absolute, 5);
    expect(same.ok && same.definition).toBe(absolute);
    expect(isBudgetRelative(def({ kind: "constant", lr: 1, name: "50%" }))).toBe(false);
  });

  it("fails naming the field and the budget when rounding breaks a rule of the kind", () => {
    const milestones = def({ kind: "multiStep", lr: 1, milestones: ["10%", "14%"] });
    expect(errorsOf(milestones, 10)).toEqual(['milestones[1] must be greater than milestones[0] (milestones[1] is "14%" of a budget of 10 epochs: 1)']);
    expect(resolveDefinition(milestones, 100).ok).toBe(true);
    const mixed = def({ kind: "multiStep", lr: 1, milestones: [40, "50%"], unit: "iteration" });
    expect(errorsOf(mixed, 60)).toEqual(['milestones[1] must be greater than milestones[0] (milestones[1] is "50%" of a budget of 60 iterations: 30)']);
    const sequence = def({ kind: "sequence", milestones: ["1%"], schedules: [{ kind: "constant", lr: 1 }, { kind: "constant", lr: 2 }] });
    expect(errorsOf(sequence, 30)).toEqual(['milestones[0] must be an integer >= 1 or a percentage of the training budget such as "50%" (milestones[0] is "1%" of a budget of 30 epochs: 0)']);
    const range = def({ kind: "rangeTest", minLr: 1e-3, maxLr: 1, steps: "10%" });
    expect(errorsOf(range, 5)[0]).toMatch(/^steps must be an integer >= 2 .*\(steps is "10%" of a budget of 5 epochs: 1\)$/);
    expect(() => resolveDefinition(range, 0)).toThrow(/budget must be an integer >= 1/);
  });

  it("sampling and export say so when resolution fails, or when export has no budget", () => {
    const d = def({ kind: "multiStep", lr: 1, milestones: ["10%", "14%"] });
    expect(() => sampleSchedule(d, { steps: 10 })).toThrow(/milestones\[1\] must be greater than milestones\[0\] .*a budget of 10 epochs/);
    expect(sampleSchedule(d, { steps: 10, budget: 100 }).lr).toHaveLength(10);
    expect(() => exportSchedule(d, "pytorch")).toThrow(/relative to the training budget: give the budget/);
    const code = exportSchedule(def({ kind: "cosine", lr: 0.1, tMax: "100%" }), "pytorch", 30);
    expect(code).toContain("# Resolved for a budget of 30 epochs");
    expect(code).toContain("T_max=30");
    expect(exportSchedule(def({ kind: "cosine", lr: 0.1, tMax: 30 }), "pytorch", 30)).not.toContain("Resolved for");
  });
});

describe('the "P%" form', () => {
  it("accepts percentages in every length field and refuses anything else, naming the field", () => {
    expect(parseDefinition({ kind: "oneCycle", maxLr: 1, totalSteps: "100%" }).ok).toBe(true);
    for (const bad of ["0%", "-5%", "5", "5 %", "1e2%", "%", "1234567%", "0.0000001%", "abc"]) {
      const r = parseDefinition({ kind: "cosine", lr: 0.1, tMax: bad });
      expect(r.ok, bad).toBe(false);
      if (!r.ok) expect(r.errors[0].message).toBe('tMax must be an integer >= 1 or a percentage of the training budget such as "50%"');
    }
    const order = parseDefinition({ kind: "multiStep", lr: 1, milestones: ["50%", "30%"] });
    expect(order.ok ? [] : order.errors.map((e) => e.message)).toEqual(["milestones[1] must be greater than milestones[0]"]);
    const points = parseDefinition({ kind: "piecewise", points: [["50%", 1], ["20%", 2]] });
    expect(points.ok ? [] : points.errors.map((e) => e.message)).toEqual(["points[1][0] must be greater than points[0][0]"]);
  });
});
