import { describe, expect, it } from "vitest";
import { kindInfo, parseDefinition, type ScheduleKind } from "@/lib/schedules";
import { definitionFromValues, valuesFromExample } from "./definition-fields";

// What a range test's "Create a CLR / 1cycle / StepDecay" links put in ?definition= (lib/analysis/range-test.ts).
const SUGGESTED = [
  { kind: "cyclic", unit: "iteration", baseLr: 0.00179, maxLr: 0.278, stepSizeUp: "12.5%", mode: "triangular" },
  { kind: "oneCycle", unit: "iteration", maxLr: 0.278, totalSteps: "100%", divFactor: 155 },
  { kind: "multiStep", unit: "epoch", lr: 0.00179, milestones: ["50%", "75%"], gamma: 0.1 },
] as const;

describe("the schedule form prefilled with a definition", () => {
  it("submits the same valid, budget-relative definition it was given", () => {
    for (const initial of SUGGESTED) {
      const info = kindInfo(initial.kind as ScheduleKind);
      const values = valuesFromExample({ ...info, example: { ...info.example, ...initial } as typeof info.example });
      const definition = definitionFromValues(info, initial.unit, values);
      expect(definition).toMatchObject(initial);
      expect(parseDefinition(definition).ok).toBe(true);
    }
  });
});
