import { describe, expect, it } from "vitest";
import { parseDefinition, type ScheduleDefinition } from "../schedules";
import { memberName, spansDecades, sweepDefinition } from "./definition";

const def = (input: unknown) => {
  const parsed = parseDefinition(input);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.definition as ScheduleDefinition;
};

describe("sweepDefinition", () => {
  it("sets a top-level or nested number and validates the result", () => {
    expect(sweepDefinition(def({ kind: "constant", lr: 0.1 }), "lr", 0.5)).toMatchObject({ ok: true, definition: { kind: "constant", lr: 0.5 } });
    const swept = sweepDefinition(def({ kind: "multiStep", lr: 0.1, milestones: [10, 20], gamma: 0.1 }), "milestones[1]", 30);
    expect(swept.ok && (swept.definition as { milestones: number[] }).milestones).toEqual([10, 30]);
  });

  it("refuses a value that makes the definition invalid, and a path that names no number", () => {
    const negative = sweepDefinition(def({ kind: "constant", lr: 0.1 }), "lr", -1);
    expect(negative.ok).toBe(false);
    expect(!negative.ok && negative.message).toMatch(/lr/);
    expect(sweepDefinition(def({ kind: "constant", lr: 0.1 }), "gamma", 0.5)).toEqual({ ok: false, message: "field 'gamma' is not a number in the base definition (a sweep sets one number)" });
    expect(sweepDefinition(def({ kind: "constant", lr: 0.1 }), "phases[0].lr", 0.5).ok).toBe(false);
  });

  it("leaves the base untouched", () => {
    const base = def({ kind: "constant", lr: 0.1 });
    sweepDefinition(base, "lr", 1);
    expect(base).toMatchObject({ kind: "constant", lr: 0.1 });
  });
});

describe("names and axes", () => {
  it("names a member by its value, and reads rates over decades on a log axis", () => {
    expect(memberName("SGD", "lr", 0.1 * 0.1)).toBe("SGD · lr=0.01");
    expect(spansDecades([1, 0.5, 0.2, 0.1, 0.01])).toBe(true);
    expect(spansDecades([0.1, 0.2, 0.5])).toBe(false);
    expect(spansDecades([0, 1, 10])).toBe(false);
  });
});
