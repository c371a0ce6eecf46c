import { describe, expect, it } from "vitest";
import { parseDefinition, type ScheduleDefinition } from "../schedules";
import { describePreviewBudget, parseBudgetParam, planPreview } from "./budget";
import { drawnPreview } from "./drawn";

function definition(input: unknown): ScheduleDefinition {
  const parsed = parseDefinition(input);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.definition;
}

const relative = definition({ kind: "multiStep", lr: 0.1, gamma: 0.1, milestones: ["50%", "75%"] });

describe("the preview's budget", () => {
  it("reads a task and tier or a whole number, and nothing else", () => {
    expect(parseBudgetParam("cifar10-wrn/full")).toMatchObject({ kind: "tier", epochs: 200, itersPerEpoch: 391 });
    expect(parseBudgetParam("120")).toMatchObject({ kind: "steps", steps: 120 });
    for (const bad of ["cifar10-wrn/huge", "0", "1.5", "-3", "9999999", "", undefined]) expect(parseBudgetParam(bad)).toBeNull();
  });

  it("draws a budget-relative schedule over the default tier, ps10-noise smoke, unless one is chosen", () => {
    const plan = planPreview(relative, undefined);
    expect(plan).toMatchObject({ steps: 30, resolveFor: 30 });
    expect(describePreviewBudget(relative, plan.budget!)).toBe("ps10-noise smoke (30 epochs)");
    const lr = drawnPreview(relative, plan.steps, plan.resolveFor).lr.map(([, rate]) => rate);
    const decays = lr.flatMap((rate, t) => (t > 0 && rate < lr[t - 1] ? [t] : []));
    expect(decays).toEqual([15, 23]);
    expect(planPreview(relative, "cifar10-wrn/full")).toMatchObject({ steps: 200, resolveFor: 200 });
  });

  it("resolves an iteration-unit schedule for the tier's epochs x iterations per epoch", () => {
    const perIteration = definition({ kind: "cosine", lr: 0.1, tMax: "100%", unit: "iteration" });
    expect(planPreview(perIteration, "ps10-noise/smoke")).toMatchObject({ steps: 30 * 157, resolveFor: 30 * 157 });
    expect(describePreviewBudget(perIteration, parseBudgetParam("ps10-noise/smoke")!)).toBe("ps10-noise smoke (4,710 iterations)");
  });

  it("keeps an absolute schedule's own horizon unless a budget is chosen", () => {
    const absolute = definition({ kind: "multiStep", lr: 0.1, gamma: 0.1, milestones: [30, 57] });
    expect(planPreview(absolute, null)).toMatchObject({ budget: null, steps: 76 });
    // Milestones that are a task's recipe on one of its tiers preview over that tier's epochs (ImageNet full: 30, 60 of 90).
    const recipeCopy = definition({ kind: "multiStep", lr: 0.1, gamma: 0.1, milestones: [30, 60] });
    expect(planPreview(recipeCopy, null)).toMatchObject({ budget: null, steps: 90 });
    expect(planPreview(absolute, "200")).toMatchObject({ steps: 200 });
  });
});
