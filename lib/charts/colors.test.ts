import { describe, expect, it } from "vitest";
import { SCHEDULE_PALETTE, scheduleColor, scheduleColors } from "./colors";

describe("schedule colours", () => {
  it("give a schedule the same colour every time, from the palette", () => {
    expect(scheduleColor("StepDecay (ps10-noise, smoke)")).toBe(scheduleColor("StepDecay (ps10-noise, smoke)"));
    expect(SCHEDULE_PALETTE).toContain(scheduleColor("AutoDecay"));
    const distinct = new Set(["a", "b", "c", "d", "e", "f", "g", "h"].map(scheduleColor));
    expect(distinct.size).toBeGreaterThan(3);
  });

  it("keep each schedule's own colour on a chart unless another already took it", () => {
    const colors = scheduleColors(["AutoDecay", "StepDecay"]);
    if (scheduleColor("AutoDecay") !== scheduleColor("StepDecay")) {
      expect(colors.get("AutoDecay")).toBe(scheduleColor("AutoDecay"));
      expect(colors.get("StepDecay")).toBe(scheduleColor("StepDecay"));
    }
    expect(scheduleColors(["StepDecay", "AutoDecay"])).toEqual(colors);
  });

  it("never give two schedules on one chart the same colour while the palette lasts", () => {
    const keys = Array.from({ length: SCHEDULE_PALETTE.length }, (_, i) => `schedule ${i}`);
    const colors = scheduleColors(keys);
    expect(new Set(colors.values()).size).toBe(SCHEDULE_PALETTE.length);
  });
});
