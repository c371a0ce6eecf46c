import { describe, expect, it } from "vitest";
import { createScheduler } from "./scheduler";
import { sampleSchedule } from "./sample";
import { def } from "./test-helpers";

describe("plateau", () => {
  it("decays after more than patience bad observations; the event names the first step at the new rate", () => {
    const out = sampleSchedule(def({ kind: "plateau", lr: 1, patience: 2, factor: 0.5 }), { steps: 8, observations: [5, 4, 4, 4, 4, 4, 4] });
    // best 4 at t=1; bad at t=2,3,4 -> third bad (> patience 2) after step 4 -> lr(5) halves
    expect(out.lr).toEqual([1, 1, 1, 1, 1, 0.5, 0.5, 0.5]);
    expect(out.events).toEqual([{ step: 5, type: "decay", lr: 0.5, reason: "loss plateaued for 3 steps (patience 2)" }]);
  });

  it("cooldown ignores bad observations right after a decay", () => {
    const out = sampleSchedule(def({ kind: "plateau", lr: 1, patience: 0, cooldown: 2, factor: 0.5 }), { steps: 8, observations: [1, 1, 1, 1, 1, 1, 1] });
    expect(out.events.map((e) => e.step)).toEqual([2, 5]);
  });

  it("threshold modes: rel needs a relative gain, abs an absolute one", () => {
    const obs = [1, 0.995, 0.99, 0.985];
    const rel = sampleSchedule(def({ kind: "plateau", lr: 1, patience: 0, threshold: 0.01 }), { steps: 5, observations: obs });
    const abs = sampleSchedule(def({ kind: "plateau", lr: 1, patience: 0, threshold: 0.004, thresholdMode: "abs" }), { steps: 5, observations: obs });
    expect(rel.events.map((e) => e.step)).toEqual([2, 3]); // 0.985 < 0.99·best(1) is a real gain
    expect(abs.events).toEqual([]);
  });

  it("max mode and minLr floor with eps", () => {
    const out = sampleSchedule(def({ kind: "plateau", lr: 1, mode: "max", patience: 0, factor: 0.1, minLr: 0.05 }), { steps: 5, observations: [1, 0.5, 0.5, 0.5] });
    expect(out.lr).toEqual([1, 1, 0.1, 0.05, 0.05]);
    expect(out.events[0].reason).toMatch(/^metric plateaued/);
  });
});

describe("autoDecay", () => {
  const d = def({ kind: "autoDecay", lr: 1, beta: 0, window: 2, tolerance: 0.01, drop: 0.9, factor: 0.5 });

  it("decays when the EDMA is stable after dropping enough, then terminates when stable without a drop", () => {
    // beta 0: g_k = l_k. Stage 1 starts at 10; 5, 5 is stable at 0.5x -> decay after step 2.
    // Stage 2 starts at 5 (k=1 at step 3); 5 at step 4 is stable at 1x -> terminate at step 4.
    const out = sampleSchedule(d, { steps: 10, observations: [10, 5, 5, 5, 5, 5, 5, 5, 5] });
    expect(out.lr).toEqual([1, 1, 1, 0.5, 0.5]);
    expect(out.events).toEqual([
      { step: 3, type: "decay", lr: 0.5, reason: "EDMA stable over 2 observations, 0.5x of stage start" },
      { step: 4, type: "terminate", reason: "EDMA stable over 2 observations, 1x of stage start (above drop 0.9): training stopped" },
    ]);
  });

  it("bias-corrected EDMA with beta 0.9 follows the spec's formulas", () => {
    // Constant loss: g_k = l exactly (bias correction), so it is stable at once when k reaches W, at 1x -> terminate.
    const out = sampleSchedule(def({ kind: "autoDecay", lr: 0.1, window: 3 }), { steps: 10, observations: Array(9).fill(2) });
    expect(out.lr).toHaveLength(3);
    expect(out.events).toEqual([expect.objectContaining({ step: 2, type: "terminate" })]);
  });
});

describe("createScheduler", () => {
  it("steps a static schedule and ignores observations", () => {
    const s = createScheduler(def({ kind: "step", lr: 1, stepSize: 1, gamma: 0.5 }));
    expect(s.adaptive).toBe(false);
    expect(s.lr()).toBe(1);
    expect(s.advance()).toEqual([]);
    expect(s.advance(123)).toEqual([]);
    expect(s.step).toBe(2);
    expect(s.lr()).toBe(0.25);
    expect(s.momentum()).toBeUndefined();
  });

  it("reports momentum for cyclic with cycleMomentum", () => {
    const s = createScheduler(def({ kind: "cyclic", baseLr: 0, maxLr: 1, stepSizeUp: 1, cycleMomentum: { base: 0.8, max: 0.9 } }));
    s.advance();
    expect(s.momentum()).toBeCloseTo(0.8, 12);
  });

  it("requires a finite observation for adaptive kinds and stops after terminate", () => {
    const s = createScheduler(def({ kind: "autoDecay", lr: 1, beta: 0, window: 1 }));
    expect(s.adaptive).toBe(true);
    expect(() => s.advance()).toThrow(/needs the finite observation .* of step 0/);
    expect(() => s.advance(Number.NaN)).toThrow(/finite observation/);
    expect(s.advance(3)).toEqual([expect.objectContaining({ step: 0, type: "terminate" })]);
    expect(s.terminated).toBe(true);
    expect(s.step).toBe(0);
    expect(() => s.advance(3)).toThrow(/terminated at step 0/);
  });
});

describe("autoDecay observeEvery", () => {
  // Falls fast, then flattens: one decay, then a flat stage that terminates.
  const losses = Array.from({ length: 600 }, (_, t) => 1 + 5 * Math.exp(-t / 15) + 0.001 * Math.sin(t));
  const every = 4;
  const means = Array.from({ length: losses.length / every }, (_, j) => {
    let sum = 0;
    for (let i = j * every; i < (j + 1) * every; i++) sum += losses[i];
    return sum / every;
  });
  const base = { kind: "autoDecay", lr: 0.1, window: 5, tolerance: 0.05, unit: "iteration" };

  it("observes the mean of the losses since the last observation; k counts observations", () => {
    const perObservation = sampleSchedule(def(base), { steps: means.length, observations: means });
    const perStep = sampleSchedule(def({ ...base, observeEvery: every }), { steps: losses.length, observations: losses });
    expect(perObservation.events.map((e) => e.type)).toEqual(["decay", "terminate"]);
    // Observation j is taken after step (j+1)·every - 1: a decay lands on the next step, a terminate on that one.
    expect(perStep.events).toEqual(
      perObservation.events.map((e) => ({ ...e, step: e.type === "decay" ? e.step * every : (e.step + 1) * every - 1 })),
    );
    expect(perStep.lr).toEqual(perStep.lr.map((_, t) => perObservation.lr[Math.floor(t / every)]));
  });

  it("changes the rate only right after an observation", () => {
    const out = sampleSchedule(def({ ...base, observeEvery: 7 }), { steps: losses.length, observations: losses });
    const decays = out.events.filter((e) => e.type === "decay");
    expect(decays.length).toBeGreaterThan(0);
    for (const e of decays) expect(e.step % 7).toBe(0);
    for (let t = 1; t < out.lr.length; t++) if (out.lr[t] !== out.lr[t - 1]) expect(t % 7).toBe(0);
    const stop = out.events.find((e) => e.type === "terminate");
    expect(stop && (stop.step + 1) % 7).toBe(0);
  });

  it("defaults to 1, which observes every step as before", () => {
    expect(def({ kind: "autoDecay", lr: 0.1 })).toMatchObject({ observeEvery: 1 });
    const a = sampleSchedule(def(base), { steps: 200, observations: losses });
    const b = sampleSchedule(def({ ...base, observeEvery: 1 }), { steps: 200, observations: losses });
    expect(b).toEqual(a);
  });
});
