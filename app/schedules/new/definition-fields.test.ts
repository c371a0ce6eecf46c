import { describe, expect, it } from "vitest";
import { kindInfo, parseDefinition, type KindInfo, type ScheduleKind } from "@/lib/schedules";
import { definitionFromValues, fieldOfPath, percentKey, takesPercent, valuesFromExample } from "./definition-fields";

const info = (kind: ScheduleKind) => kindInfo(kind)!;
const withValues = (kind: ScheduleKind, changes: Record<string, string | boolean>) => ({ ...valuesFromExample(info(kind)), ...changes });

describe("the form's '% of budget' toggle", () => {
  it("offers the toggle on every length and position the spec lists, and on nothing else", () => {
    const offered = (kind: ScheduleKind) => info(kind).fields.map((f) => f.name).filter((name) => takesPercent(info(kind), name));
    expect(offered("step")).toEqual(["stepSize"]);
    expect(offered("multiStep")).toEqual(["milestones"]);
    expect(offered("cosine")).toEqual(["tMax"]);
    expect(offered("warmRestarts")).toEqual(["t0"]);
    expect(offered("cyclic")).toEqual(["stepSizeUp", "stepSizeDown"]);
    expect(offered("oneCycle")).toEqual(["totalSteps"]);
    expect(offered("linear")).toEqual(["totalIters"]);
    expect(offered("polynomial")).toEqual(["totalIters"]);
    expect(offered("sequence")).toEqual(["milestones"]);
    expect(offered("piecewise")).toEqual(["points"]);
    expect(offered("rangeTest")).toEqual(["steps"]);
    expect(offered("autoDecay")).toEqual(["observeEvery"]);
    expect(offered("plateau")).toEqual([]);
    expect(offered("exponential")).toEqual([]);
  });

  it("turns the numbers of a toggled field into percentages of the budget", () => {
    const def = (kind: ScheduleKind, changes: Record<string, string | boolean>) => definitionFromValues(info(kind), "epoch", withValues(kind, changes));
    expect(def("step", { stepSize: "25", [percentKey("stepSize")]: true })).toMatchObject({ stepSize: "25%" });
    expect(def("multiStep", { milestones: "50, 75", [percentKey("milestones")]: true })).toMatchObject({ milestones: ["50%", "75%"] });
    expect(def("piecewise", { points: "0 0.1\n50 0.01", [percentKey("points")]: true })).toMatchObject({ points: [["0%", 0.1], ["50%", 0.01]] });
    // Off, numbers are steps; an entry typed with its own "%" is a percentage either way, so a list may mix both.
    expect(def("multiStep", { milestones: "5, 80%" })).toMatchObject({ milestones: [5, "80%"] });
    expect(def("cosine", { tMax: "100%" })).toMatchObject({ tMax: "100%" });
    expect(parseDefinition(def("multiStep", { milestones: "5, 80%" })).ok).toBe(true);
  });

  it("keeps validation naming the field, toggled or not", () => {
    const parsed = parseDefinition(definitionFromValues(info("step"), "epoch", withValues("step", { stepSize: "half", [percentKey("stepSize")]: true })));
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.errors[0].message).toMatch(/^stepSize must be .*percentage of the training budget/);
    expect(fieldOfPath(parsed.errors[0].path)).toBe("stepSize");
  });

  it("shows a definition written in percentages with the toggle on and plain numbers", () => {
    const relative: KindInfo = { ...info("multiStep"), example: { kind: "multiStep", lr: 0.1, gamma: 0.1, milestones: ["50%", "75%"], unit: "epoch" } };
    const values = valuesFromExample(relative);
    expect(values).toMatchObject({ milestones: "50, 75", [percentKey("milestones")]: true });
    expect(definitionFromValues(relative, "epoch", values)).toMatchObject({ milestones: ["50%", "75%"] });
    expect(valuesFromExample(info("multiStep"))[percentKey("milestones")]).toBe(false);
  });
});
