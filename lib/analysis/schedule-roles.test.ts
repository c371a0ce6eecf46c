import { describe, expect, it } from "vitest";
import { pickByRole, scheduleRole } from "./schedule-roles";

describe("scheduleRole", () => {
  it("reads a role field first, then the kind and definition, then the name", () => {
    expect(scheduleRole({ name: "Anything", role: "control", definition: { kind: "constant", lr: 0.01 } })).toEqual({ role: "control", lr: 0.01 });
    expect(scheduleRole({ name: "Paper schedule", kind: "multiStep", definition: { kind: "multiStep", lr: 0.1, milestones: [15], gamma: 0.1 } })).toEqual({ role: "stepDecay", lr: 0.1, gamma: 0.1 });
    expect(scheduleRole({ name: "AutoDecay (smoke)", kind: "autoDecay", definition: { kind: "autoDecay", lr: 0.1 } })).toEqual({ role: "autoDecay" });
    expect(scheduleRole({ name: "Constant 0.001 (control)", kind: "constant", definition: { kind: "constant", lr: 0.001 } })).toEqual({ role: "control", lr: 0.001 });
    expect(scheduleRole({ name: "Constant 1e-3 (control)" })).toEqual({ role: "control", lr: 0.001 });
    expect(scheduleRole({ name: "StepDecay · ps10-noise · smoke" })).toMatchObject({ role: "stepDecay" });
    expect(scheduleRole({ name: "Cosine", kind: "cosine", definition: { kind: "cosine", lr: 0.1 } })).toEqual({ role: "other" });
    // A multi-step that grows the rate is no decay.
    expect(scheduleRole({ name: "Warm", kind: "multiStep", definition: { kind: "multiStep", lr: 0.1, milestones: [5], gamma: 10 } })).toEqual({ role: "other" });
  });
});

describe("pickByRole", () => {
  const multiStep = { kind: "multiStep", definition: { kind: "multiStep", lr: 0.1, milestones: [15], gamma: 0.1 } };
  it("prefers the seeded baseline, then the telling name, then the most seeds, and orders controls by rate", () => {
    const groups = [
      { name: "My steps", ...multiStep, isBaseline: false, seeds: 5 },
      { name: "StepDecay · ps10-noise · smoke", ...multiStep, isBaseline: true, seeds: 3 },
      { name: "Constant 0.001 (control)", kind: "constant", definition: { kind: "constant", lr: 0.001 }, isBaseline: true, seeds: 3 },
      { name: "Constant 0.1 (control)", kind: "constant", definition: { kind: "constant", lr: 0.1 }, isBaseline: true, seeds: 3 },
      { name: "Cosine", kind: "cosine", definition: {}, isBaseline: true, seeds: 3 },
    ];
    const picked = pickByRole(groups);
    expect(picked.stepDecay?.name).toBe("StepDecay · ps10-noise · smoke");
    expect(picked.autoDecay).toBeNull();
    expect(picked.controls.map((c) => c.lr)).toEqual([0.1, 0.001]);
    expect(picked.others.map((g) => g.name)).toEqual(["My steps", "Cosine"]);
  });
});
