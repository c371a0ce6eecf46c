import { describe, expect, it } from "vitest";
import { DEFINITION_LIMITS, parseDefinition, type ScheduleDefinition } from "./definition";
import { sampleSchedule } from "./sample";
import { def } from "./test-helpers";

function errorsOf(input: unknown) {
  const r = parseDefinition(input);
  if (r.ok) throw new Error("expected errors");
  return r.errors;
}

const range = <T>(n: number, f: (i: number) => T): T[] => Array.from({ length: n }, (_, i) => f(i));

function nestedSequence(depth: number): unknown {
  let d: unknown = { kind: "constant", lr: 0.1 };
  for (let i = 0; i < depth; i++) d = { kind: "sequence", milestones: [1], schedules: [d, { kind: "constant", lr: 1 }] };
  return d;
}

/** Wraps a list so every read of an entry is counted. */
function counted<T>(list: T[]): { list: T[]; reads: () => number } {
  let reads = 0;
  const proxy = new Proxy(list, {
    get(target, key, receiver) {
      if (typeof key === "string" && /^\d+$/.test(key)) reads++;
      return Reflect.get(target, key, receiver);
    },
  });
  return { list: proxy, reads: () => reads };
}

describe("definition size limits", () => {
  it("refuses 40,000 milestones naming the field and the limit", () => {
    expect(errorsOf({ kind: "multiStep", lr: 0.1, milestones: range(40_000, (i) => i + 1) })).toEqual([
      { path: "milestones", message: "milestones must have at most 1000 entries" },
    ]);
    expect(parseDefinition({ kind: "multiStep", lr: 0.1, milestones: range(1000, (i) => i + 1) }).ok).toBe(true);
  });

  it("bounds piecewise points and sequence children", () => {
    expect(errorsOf({ kind: "piecewise", points: range(1001, (i) => i).map((t) => [t, 1]) })).toEqual([
      { path: "points", message: "points must have at most 1000 entries" },
    ]);
    const children = range(33, () => ({ kind: "constant", lr: 1 }));
    const errors = errorsOf({ kind: "sequence", schedules: children, milestones: range(32, (i) => i + 1) });
    expect(errors.map((e) => e.message)).toContain("schedules must have at most 32 entries");
    expect(errors.map((e) => e.message)).toContain("milestones must have at most 31 entries");
  });

  it("refuses a sequence nested 5,000 deep without overflowing the stack, naming where and the limit", () => {
    const [error] = errorsOf(nestedSequence(5000));
    expect(error.path).toBe(range(DEFINITION_LIMITS.sequenceDepth, () => "schedules[0]").join("."));
    expect(error.message).toMatch(/^schedules\[0\](\.schedules\[0\]){7} is a sequence nested 9 deep; sequences may nest at most 8 deep$/);
    expect(parseDefinition(nestedSequence(8)).ok).toBe(true);
    expect(errorsOf(nestedSequence(9))[0].message).toContain("at most 8 deep");
  });
});

describe("sampling cost grows with steps + list length, not their product", () => {
  const milestones = range(1000, (i) => 200 * (i + 1)); // the last one at step 200,000

  it("multiStep reads O(log n) milestones per step and matches the linear scan", () => {
    const parsed = def({ kind: "multiStep", lr: 1, gamma: 0.99, milestones });
    const probe = counted([...milestones]);
    const watched = { ...parsed, milestones: probe.list } as ScheduleDefinition;
    const { lr } = sampleSchedule(watched, { steps: 200_000 });
    // A scan per step reads ~ steps x passed milestones (~1e8 here); binary search ~ steps x log2(1000).
    expect(probe.reads()).toBeLessThanOrEqual(200_000 * 11);
    for (const t of [0, 199, 200, 201, 99_999, 100_000, 199_999]) {
      const passed = milestones.filter((m) => m <= t).length;
      expect(lr[t]).toBeCloseTo(Math.pow(0.99, passed), 12);
    }
  });

  it("piecewise reads O(log n) points per step and keeps its step and linear values", () => {
    const points = milestones.map((t, i): [number, number] => [t, i]);
    for (const interpolation of ["step", "linear"] as const) {
      const parsed = def({ kind: "piecewise", points, interpolation });
      const probe = counted(points.map((p) => [...p] as [number, number]));
      const { lr } = sampleSchedule({ ...parsed, points: probe.list } as ScheduleDefinition, { steps: 200_000 });
      expect(probe.reads()).toBeLessThanOrEqual(200_000 * 14);
      expect(lr[0]).toBe(0);
      expect(lr[300]).toBe(interpolation === "step" ? 0 : 0.5);
      expect(lr[400]).toBe(1);
      expect(lr[199_999]).toBe(interpolation === "step" ? 998 : 998 + 199 / 200);
    }
  });
});
