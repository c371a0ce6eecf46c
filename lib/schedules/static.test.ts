import { describe, expect, it } from "vitest";
import { lrAt, sampleSchedule } from "./sample";
import { def, lrs } from "./test-helpers";

const close = (a: number[], b: number[]) => a.forEach((x, i) => expect(x, `t=${i}`).toBeCloseTo(b[i], 12));

describe("static kinds", () => {
  it("constant", () => expect(lrs({ kind: "constant", lr: 0.3 }, 3)).toEqual([0.3, 0.3, 0.3]));

  it("step and multiStep (one milestone, milestone 0)", () => {
    close(lrs({ kind: "step", lr: 1, stepSize: 2, gamma: 0.5 }, 5), [1, 1, 0.5, 0.5, 0.25]);
    close(lrs({ kind: "multiStep", lr: 1, milestones: [2] }, 4), [1, 1, 0.1, 0.1]);
    close(lrs({ kind: "multiStep", lr: 1, milestones: [0, 3], gamma: 0.5 }, 4), [0.5, 0.5, 0.5, 0.25]);
  });

  it("exponential", () => close(lrs({ kind: "exponential", lr: 2, gamma: 0.5 }, 3), [2, 1, 0.5]));

  it("cosine keeps cycling past tMax", () => {
    close(lrs({ kind: "cosine", lr: 1, tMax: 2, etaMin: 0.2 }, 6), [1, 0.6, 0.2, 0.6, 1, 0.6]);
  });

  it("warmRestarts with tMult 2 restarts at 0, 3, 9, 21", () => {
    const d = { kind: "warmRestarts", lr: 1, t0: 3, tMult: 2 };
    const v = lrs(d, 22);
    for (const t of [0, 3, 9, 21]) expect(v[t]).toBe(1);
    expect(v[1]).toBeCloseTo(0.75, 12); // cos(pi/3) half-way
    expect(v[6]).toBeCloseTo(0.5, 12); // T_cur 3 of T_i 6
    expect(v[20]).toBeCloseTo((1 + Math.cos((Math.PI * 11) / 12)) / 2, 12);
  });

  it("cyclic triangular2 halves each cycle and expRange decays per step", () => {
    close(lrs({ kind: "cyclic", baseLr: 0, maxLr: 1, stepSizeUp: 2, mode: "triangular2" }, 9), [0, 0.5, 1, 0.5, 0, 0.25, 0.5, 0.25, 0]);
    close(lrs({ kind: "cyclic", baseLr: 0, maxLr: 1, stepSizeUp: 1, stepSizeDown: 3, mode: "expRange", gamma: 0.5 }, 4), [
      0, 0.5, (2 / 3) * 0.25, (1 / 3) * 0.125,
    ]);
  });

  it("cyclic momentum moves opposite to the rate", () => {
    const out = sampleSchedule(def({ kind: "cyclic", baseLr: 0.1, maxLr: 1, stepSizeUp: 2, cycleMomentum: { base: 0.8, max: 0.9 } }), { steps: 5 });
    close(out.lr, [0.1, 0.55, 1, 0.55, 0.1]);
    close(out.momentum!, [0.9, 0.85, 0.8, 0.85, 0.9]);
  });

  it("oneCycle: phases, t == totalSteps, held past it, zero-length first phase", () => {
    const base = { kind: "oneCycle", maxLr: 1, totalSteps: 10, divFactor: 10, finalDivFactor: 10, annealStrategy: "linear" };
    const v = lrs({ ...base, pctStart: 0.3 }, 14);
    close(v.slice(0, 3), [0.1, 0.55, 1]);
    expect(v[9]).toBeCloseTo(0.01, 12);
    expect(v[10]).toBeCloseTo(0.01 - 0.99 / 7, 12); // PyTorch extrapolates the last phase at t == totalSteps
    expect(v.slice(11)).toEqual([0.01, 0.01, 0.01]);
    // pctStart·totalSteps == 1: PyTorch divides 0 by 0 at t = 0; the phase's end (maxLr) is used.
    expect(lrs({ ...base, pctStart: 0.1 }, 1)).toEqual([1]);
    // pctStart 0: the first phase is empty and annealing starts at once.
    expect(lrs({ ...base, pctStart: 0 }, 1)[0]).toBeCloseTo(1 - 0.99 / 10, 12);
  });

  it("oneCycle threePhase goes initial -> max -> initial -> min with momentum max -> base -> max -> max", () => {
    const out = sampleSchedule(
      def({ kind: "oneCycle", maxLr: 1, totalSteps: 11, pctStart: 0.2, threePhase: true, divFactor: 4, finalDivFactor: 5, annealStrategy: "linear", cycleMomentum: { base: 0.8, max: 0.9 } }),
      { steps: 11 },
    );
    // ends: 1.2, 2.4, 10
    expect(out.lr[0]).toBeCloseTo(0.25, 12);
    expect(out.lr[1]).toBeCloseTo(0.25 + 0.75 / 1.2, 12);
    expect(out.lr[2]).toBeCloseTo(1 - (0.75 * 0.8) / 1.2, 12);
    expect(out.lr[10]).toBeCloseTo(0.05, 12);
    expect(out.momentum![0]).toBeCloseTo(0.9, 12);
    expect(out.momentum![10]).toBeCloseTo(0.9, 12);
    expect(Math.min(...out.momentum!)).toBeGreaterThan(0.8);
  });

  it("linear and polynomial hold after totalIters", () => {
    close(lrs({ kind: "linear", lr: 1, startFactor: 0.5, endFactor: 1, totalIters: 2 }, 4), [0.5, 0.75, 1, 1]);
    close(lrs({ kind: "polynomial", lr: 1, totalIters: 2, power: 2 }, 4), [1, 0.25, 0, 0]);
  });

  it("sequence of 3 children, each from its own step 0 and own rate", () => {
    const seq = {
      kind: "sequence", milestones: [2, 4],
      schedules: [{ kind: "constant", lr: 1 }, { kind: "exponential", lr: 0.5, gamma: 0.5 }, { kind: "step", lr: 0.1, stepSize: 1 }],
    };
    close(lrs(seq, 6), [1, 1, 0.5, 0.25, 0.1, 0.01]);
  });

  it("piecewise before, between and after the points", () => {
    const points = [[2, 1], [4, 3], [8, 1]];
    close(lrs({ kind: "piecewise", points, interpolation: "step" }, 10), [1, 1, 1, 1, 3, 3, 3, 3, 1, 1]);
    close(lrs({ kind: "piecewise", points, interpolation: "linear" }, 10), [1, 1, 1, 2, 3, 2.5, 2, 1.5, 1, 1]);
  });

  it("rangeTest both curves", () => {
    close(lrs({ kind: "rangeTest", minLr: 0.01, maxLr: 1, steps: 3 }, 3), [0.01, 0.1, 1]);
    close(lrs({ kind: "rangeTest", minLr: 0, maxLr: 1, steps: 5, curve: "linear" }, 5), [0, 0.25, 0.5, 0.75, 1]);
  });

  it("lrAt agrees with sampling and refuses adaptive kinds", () => {
    const d = def({ kind: "cosine", lr: 0.1, tMax: 7 });
    expect(lrAt(d, 5)).toBe(sampleSchedule(d, { steps: 6 }).lr[5]);
    expect(() => lrAt(def({ kind: "plateau", lr: 0.1 }), 0)).toThrow(/adaptive/);
  });
});
