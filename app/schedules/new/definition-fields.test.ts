import { describe, expect, it } from "vitest";
import { kindInfo, parseDefinition, suspiciousValues, type KindInfo, type ScheduleKind } from "@/lib/schedules";
import { definitionFromValues, fieldOfPath, labelledMessage, labelOfPath, percentKey, takesPercent, valuesFromDefinition, valuesFromExample } from "./definition-fields";

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

describe("the form's names for definition paths", () => {
  it("calls a path what the form labels it", () => {
    expect(labelOfPath(info("multiStep"), "milestones[1]")).toBe("2nd milestone");
    expect(labelOfPath(info("multiStep"), "lr")).toBe("Learning rate");
    expect(labelOfPath(info("piecewise"), "points[2][1]")).toBe("3rd point's rate");
    expect(labelOfPath(info("cyclic"), "cycleMomentum.base")).toBe("Cycle momentum base");
    expect(labelOfPath(info("sequence"), "schedules[10].lr")).toBe("11th schedule lr");
  });

  it("rewrites the messages the schedule engine and the warnings give", () => {
    const parsed = parseDefinition({ kind: "multiStep", lr: 0.1, milestones: [10, "x"], gamma: 0.1 });
    expect(parsed.ok).toBe(false);
    const messages = parsed.ok ? [] : parsed.errors.map((e) => labelledMessage(info("multiStep"), e));
    expect(messages.some((m) => m.startsWith("2nd milestone "))).toBe(true);
    const reversed = parseDefinition({ kind: "multiStep", lr: 0.1, milestones: [60, 30] });
    expect(reversed.ok ? [] : reversed.errors.map((e) => labelledMessage(info("multiStep"), e))).toEqual(["2nd milestone must be greater than the 1st milestone"]);
    expect(messages.some((m) => /milestones\[/.test(m))).toBe(false);
    const suspicious = (input: unknown) => {
      const ok = parseDefinition(input);
      if (!ok.ok) throw new Error("fixture");
      return suspiciousValues(ok.definition).map((w) => labelledMessage(info(ok.definition.kind), w));
    };
    expect(suspicious({ kind: "multiStep", lr: 0, milestones: [5], gamma: 2 })).toEqual([
      "Learning rate is 0: the weights never change.",
      "Gamma is 2, above 1: every decay raises the rate.",
    ]);
    expect(suspicious({ kind: "cosine", lr: 0.1, tMax: 10, etaMin: 0.5 })).toEqual(["Minimum rate (0.5) is above the learning rate (0.1): the curve rises instead of annealing."]);
    expect(suspicious({ kind: "cyclic", baseLr: 0.1, maxLr: 0.01, stepSizeUp: 5 })).toEqual(["Peak rate (0.01) is below the base rate (0.1): the cycle is upside down."]);
    expect(suspicious({ kind: "multiStep", lr: 0.1, milestones: [5], gamma: 0.1 })).toEqual([]);
  });

  it("shows a stored definition in the inputs it came from", () => {
    const values = valuesFromDefinition(info("multiStep"), { kind: "multiStep", lr: 0.05, milestones: ["50%", "75%"], gamma: 0.2, unit: "epoch" });
    expect(values).toMatchObject({ lr: "0.05", milestones: "50, 75", gamma: "0.2", [percentKey("milestones")]: true });
    expect(definitionFromValues(info("multiStep"), "epoch", values)).toEqual({ kind: "multiStep", unit: "epoch", lr: 0.05, milestones: ["50%", "75%"], gamma: 0.2 });
  });
});
