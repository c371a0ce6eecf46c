import { describe, expect, it } from "vitest";
import { TASKS } from "../tasks/catalog";
import { describeDivergence } from "./divergence";
import { deriveRunFacts } from "./run-facts";
import type { Point } from "./series";

const epochs = (n: number, f: (x: number) => number): Point[] => Array.from({ length: n }, (_, i) => [i + 1, f(i + 1)]);
const jsonRoundTrip = (value: unknown) => JSON.parse(JSON.stringify(value));

describe("deriveRunFacts", () => {
  // The ps10-noise smoke tier: 30 epochs, its StepDecay recipe x0.1 at 15 and 25; a target of 0.4.
  const tier = TASKS.find((t) => t.id === "ps10-noise")!.tiers.find((t) => t.tier === "smoke")!;
  const [m1, m2] = [15, 25];
  const series = {
    lr: epochs(tier.epochs, (x) => 0.1 * (x < m1 ? 1 : x < m2 ? 0.1 : 0.01)),
    test_acc: epochs(tier.epochs, (x) => (x < m1 ? 0.3 : x < m2 ? 0.45 : 0.5)),
    train_loss: epochs(tier.epochs, (x) => 2 / x),
    wall_time: epochs(tier.epochs, (x) => 10 * x),
  };

  it("combines decays, jumps, accuracy and time to target of a step-decay run", () => {
    const facts = deriveRunFacts({ series, xAxis: "epoch", targetAccuracy: 0.4 });
    expect(facts.decays.map((d) => [d.x, d.source])).toEqual([[15, "lr"], [25, "lr"]]);
    expect(facts.jumps.map((j) => j.x)).toEqual([15, 25]);
    expect(facts.jumps[0].gain).toBeCloseTo(0.15, 12);
    expect(facts.jumps[1].gain).toBeCloseTo(0.05, 12);
    expect(facts.accuracy).toEqual({ final: 0.5, best: 0.5, bestX: 25 });
    expect(facts.target).toBe(0.4);
    expect(facts.timeToTarget).toEqual({ x: 15, wallSeconds: 150 });
    expect(facts.divergence).toBeNull();
    expect(facts.terminated).toBeNull();
    expect([facts.firstX, facts.lastX, facts.epochs]).toEqual([1, 30, 30]);
    expect(jsonRoundTrip(facts)).toEqual(facts);
  });

  it("counts the epochs of a 0-based log (the worker's 0..29) as 30, like a 1-based 1..30", () => {
    const zeroBased = { test_acc: Array.from({ length: 30 }, (_, i): Point => [i, 0.5]) };
    expect(deriveRunFacts({ series: zeroBased, xAxis: "epoch" })).toMatchObject({ firstX: 0, lastX: 29, epochs: 30 });
    const halves = { test_acc: Array.from({ length: 20 }, (_, i): Point => [i / 2, 0.5]) };
    expect(deriveRunFacts({ series: halves, xAxis: "epoch" }).epochs).toBe(10);
  });

  it("reports a diverged run as plain JSON without NaN", () => {
    const diverged = {
      lr: epochs(10, () => 0.1),
      train_loss: epochs(10, (x) => (x < 7 ? 2 / x : NaN)),
      test_loss: epochs(10, (x) => (x < 7 ? 2 / x : NaN)),
      test_acc: epochs(10, (x) => (x < 7 ? 0.1 * x : NaN)),
      wall_time: epochs(10, (x) => x),
    };
    const facts = deriveRunFacts({ series: diverged, xAxis: "epoch", targetAccuracy: 0.95 });
    expect(facts.divergence).toEqual({ x: 7, series: "train_loss", reason: "non-finite loss" });
    expect(describeDivergence(facts.divergence!, facts.xAxis)).toBe("diverged at epoch 7 (train_loss: non-finite loss)");
    expect(facts.accuracy.final).toBeCloseTo(0.6, 12);
    expect(facts.timeToTarget).toBeNull();
    expect(facts.decays).toEqual([]);
    expect(jsonRoundTrip(facts)).toEqual(facts);
  });

  it("prefers the schedule's own events over the lr series", () => {
    const lr = epochs(20, (x) => (x < 12 ? 0.1 : 0.05));
    const facts = deriveRunFacts({
      series: { lr, test_acc: epochs(20, (x) => (x < 12 ? 0.5 : 0.6)) },
      xAxis: "step",
      scheduleEvents: [
        { step: 12, type: "decay", lr: 0.05, reason: "plateau for 3 steps" },
        { step: 20, type: "terminate", reason: "lr below minimum" },
      ],
      jumpWindow: 3,
    });
    expect(facts.decays).toEqual([{ x: 12, from: 0.1, to: 0.05, source: "schedule", reason: "plateau for 3 steps" }]);
    expect(facts.jumps[0].gain).toBeCloseTo(0.1, 12);
    expect([facts.jumps[0].nBefore, facts.jumps[0].nAfter]).toEqual([3, 3]);
    expect(facts.terminated).toEqual({ x: 20, reason: "lr below minimum" });
    expect([facts.firstX, facts.lastX, facts.epochs]).toEqual([1, 20, null]);
    expect(facts.target).toBeNull();
    expect(facts.timeToTarget).toBeNull();
  });

  it("copes with a run that has no points", () => {
    const facts = deriveRunFacts({ series: {}, xAxis: "epoch", targetAccuracy: NaN });
    expect(facts).toEqual({
      xAxis: "epoch",
      firstX: null,
      lastX: null,
      epochs: null,
      decays: [],
      jumps: [],
      divergence: null,
      accuracy: { final: null, best: null, bestX: null },
      target: null,
      timeToTarget: null,
      terminated: null,
    });
  });
});
