import { describe, expect, it } from "vitest";
import { sampleSchedule } from "./sample";
import { def } from "./test-helpers";

describe("sampleSchedule", () => {
  it("returns N rates, events always, momentum only when scheduled", () => {
    const plain = sampleSchedule(def({ kind: "step", lr: 0.1, stepSize: 30 }), { steps: 100, observations: [1, 2] });
    expect(plain.lr).toHaveLength(100);
    expect(plain.events).toEqual([]);
    expect("momentum" in plain).toBe(false);
    const withM = sampleSchedule(def({ kind: "oneCycle", maxLr: 0.1, totalSteps: 20, cycleMomentum: { base: 0.85, max: 0.95 } }), { steps: 20 });
    expect(withM.momentum).toHaveLength(20);
    expect(withM.momentum![0]).toBe(0.95);
    expect(sampleSchedule(def({ kind: "constant", lr: 1 }), { steps: 0 })).toEqual({ lr: [], events: [] });
  });

  it("adaptive kinds need steps-1 observations and say --observations", () => {
    const d = def({ kind: "plateau", lr: 0.1 });
    expect(() => sampleSchedule(d, { steps: 5 })).toThrow(/--observations .* at least 4 .* got none/);
    expect(() => sampleSchedule(d, { steps: 5, observations: [1, 2, 3] })).toThrow(/--observations .* got 3/);
    expect(() => sampleSchedule(d, { steps: 3, observations: [1, Number.NaN] })).toThrow("observations[1] must be a finite number");
    expect(sampleSchedule(d, { steps: 5, observations: [1, 2, 3, 4] }).lr).toEqual([0.1, 0.1, 0.1, 0.1, 0.1]);
  });

  it("drops events at step >= N but keeps a terminate on the last step", () => {
    const d = def({ kind: "plateau", lr: 1, patience: 0 });
    const out = sampleSchedule(d, { steps: 3, observations: [1, 1, 1] });
    expect(out.events.map((e) => e.step)).toEqual([2]); // the decay at step 3 (from observation 2) is dropped
    const ad = def({ kind: "autoDecay", lr: 1, beta: 0, window: 3 });
    const stop = sampleSchedule(ad, { steps: 3, observations: [2, 2, 2] });
    expect(stop.lr).toEqual([1, 1, 1]);
    expect(stop.events).toEqual([expect.objectContaining({ step: 2, type: "terminate" })]);
  });
});
