import { describe, expect, it } from "vitest";
import { parseDefinition } from "../schedules";
import { previewSteps } from "./horizon";

const steps = (json: unknown) => {
  const parsed = parseDefinition(json);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return previewSteps(parsed.definition);
};

describe("previewSteps", () => {
  it("draws a task tier's StepDecay over that tier's epochs", () => {
    expect(steps({ kind: "multiStep", lr: 0.1, milestones: [15, 25], gamma: 0.1 })).toBe(30);
    expect(steps({ kind: "multiStep", lr: 0.1, milestones: [10, 20], gamma: 0.1 })).toBe(30);
    expect(steps({ kind: "multiStep", lr: 0.1, milestones: [100, 150], gamma: 0.1 })).toBe(200);
  });

  it("shows other milestone lists a third past their last milestone", () => {
    expect(steps({ kind: "multiStep", lr: 0.1, milestones: [30, 60, 90], gamma: 0.1 })).toBe(120);
  });
});
