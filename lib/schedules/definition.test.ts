import { describe, expect, it } from "vitest";
import { formatErrors, parseDefinition, type ScheduleDefinition } from "./definition";

function errorsOf(input: unknown) {
  const r = parseDefinition(input);
  if (r.ok) throw new Error(`expected errors for ${JSON.stringify(input)}`);
  return r.errors;
}
function ok(input: unknown): ScheduleDefinition {
  const r = parseDefinition(input);
  if (!r.ok) throw new Error(formatErrors(r.errors));
  return r.definition;
}

describe("parseDefinition defaults", () => {
  it("fills the spec's defaults", () => {
    expect(ok({ kind: "step", lr: 0.1, stepSize: 30 })).toEqual({ kind: "step", lr: 0.1, stepSize: 30, gamma: 0.1, unit: "epoch" });
    expect(ok({ kind: "oneCycle", maxLr: 1, totalSteps: 10 })).toMatchObject({
      pctStart: 0.3, annealStrategy: "cos", divFactor: 25, finalDivFactor: 1e4, threePhase: false,
    });
    expect(ok({ kind: "linear", lr: 1 })).toMatchObject({ startFactor: 1 / 3, endFactor: 1, totalIters: 5 });
    expect(ok({ kind: "plateau", lr: 1 })).toMatchObject({
      mode: "min", factor: 0.1, patience: 10, threshold: 1e-4, thresholdMode: "rel", cooldown: 0, minLr: 0, eps: 1e-8,
    });
    expect(ok({ kind: "autoDecay", lr: 1 })).toMatchObject({ factor: 0.1, beta: 0.9, window: 5, tolerance: 0.02, drop: 0.9, epsilon: 1e-8 });
    expect(ok({ kind: "cyclic", baseLr: 0.1, maxLr: 1, stepSizeUp: 4 })).toMatchObject({ mode: "triangular", gamma: 1 });
    expect(ok({ kind: "piecewise", points: [[0, 1]] })).toMatchObject({ interpolation: "step" });
    expect(ok({ kind: "rangeTest", minLr: 1e-5, maxLr: 1, steps: 10 })).toMatchObject({ curve: "exponential" });
    expect(ok({ kind: "warmRestarts", lr: 1, t0: 3, unit: "iteration" })).toMatchObject({ tMult: 1, etaMin: 0, unit: "iteration" });
  });

  it("applies defaults inside sequence children", () => {
    const d = ok({ kind: "sequence", milestones: [3], schedules: [{ kind: "linear", lr: 0.1 }, { kind: "step", lr: 0.1, stepSize: 2 }] });
    if (d.kind !== "sequence") throw new Error("kind");
    expect(d.schedules[1]).toEqual({ kind: "step", lr: 0.1, stepSize: 2, gamma: 0.1, unit: "epoch" });
  });

  it("keeps name and description", () => {
    expect(ok({ kind: "constant", lr: 0.1, name: "flat", description: "<b>x</b>" })).toMatchObject({ name: "flat", description: "<b>x</b>" });
  });
});

describe("parseDefinition errors name the field", () => {
  it("reports every issue at once", () => {
    expect(errorsOf({ kind: "step", lr: -1, stepSize: 1.5, foo: 1 })).toEqual([
      { path: "lr", message: "lr must be a number >= 0" },
      { path: "stepSize", message: 'stepSize must be an integer >= 1 or a percentage of the training budget such as "50%"' },
      { path: "foo", message: "foo is not a field of kind 'step'" },
    ]);
  });

  it("lists the kinds", () => {
    const [e] = errorsOf({ kind: "sgdr" });
    expect(e.path).toBe("kind");
    expect(e.message).toMatch(/^kind must be one of constant, step, multiStep, .*plateau, autoDecay$/);
    expect(errorsOf({ lr: 1 })).toEqual([{ path: "kind", message: "kind is required" }]);
    expect(errorsOf([1])).toEqual([{ path: "", message: "definition must be a JSON object" }]);
  });

  it("checks milestone order per entry", () => {
    expect(errorsOf({ kind: "multiStep", lr: 0.1, milestones: [5, 10, 10, 3] }).map((e) => e.message)).toEqual([
      "milestones[2] must be greater than milestones[1]",
      "milestones[3] must be greater than milestones[2]",
    ]);
    expect(errorsOf({ kind: "multiStep", lr: 0.1, milestones: [] })[0].message).toBe("milestones must have at least 1 entry");
    expect(errorsOf({ kind: "multiStep", lr: 0.1, milestones: [1, 2.5] })[0].message).toBe('milestones[1] must be an integer >= 0 or a percentage of the training budget such as "50%"');
  });

  it("rejects non-finite numbers and wrong types", () => {
    expect(errorsOf({ kind: "exponential", lr: Infinity, gamma: "0.9" }).map((e) => e.message)).toEqual([
      "lr must be a number >= 0",
      "gamma must be a number >= 0",
    ]);
    expect(errorsOf({ kind: "constant", lr: 0.1, unit: "batch" })[0].message).toBe("unit must be one of epoch, iteration");
    expect(errorsOf({ kind: "oneCycle", maxLr: 1, totalSteps: 10, threePhase: "yes" })[0].message).toBe("threePhase must be true or false");
    expect(errorsOf({ kind: "constant", lr: 0.1, name: "x".repeat(201) })[0].message).toBe("name must be at most 200 characters");
  });

  it("names nested paths", () => {
    const errs = errorsOf({
      kind: "sequence", milestones: [5, 9],
      schedules: [{ kind: "linear", lr: 0.1 }, { kind: "cosine", lr: 0.1 }, { kind: "step", lr: 0.1, stepSize: 2, bogus: 1 }],
    });
    expect(errs).toEqual([
      { path: "schedules[1].tMax", message: "schedules[1].tMax is required" },
      { path: "schedules[2].bogus", message: "schedules[2].bogus is not a field of kind 'step'" },
    ]);
    expect(errorsOf({ kind: "cyclic", baseLr: 0.1, maxLr: 1, stepSizeUp: 3, cycleMomentum: { base: 0.8 } })).toEqual([
      { path: "cycleMomentum.max", message: "cycleMomentum.max is required" },
    ]);
    expect(errorsOf({ kind: "piecewise", points: [[0, 1], [5, 2], [5, 3]] })).toEqual([
      { path: "points[2][0]", message: "points[2][0] must be greater than points[1][0]" },
    ]);
    expect(errorsOf({ kind: "piecewise", points: [[0, -1]] })[0].message).toBe("points[0][1] must be a number >= 0");
  });

  it("rejects adaptive children, momentum children and a wrong milestone count", () => {
    expect(errorsOf({ kind: "sequence", milestones: [5], schedules: [{ kind: "constant", lr: 1 }, { kind: "plateau", lr: 1 }] })).toEqual([
      { path: "schedules[1].kind", message: "schedules[1].kind must be a static kind: 'plateau' is adaptive and cannot be part of a sequence" },
    ]);
    expect(errorsOf({ kind: "sequence", milestones: [5, 7], schedules: [{ kind: "constant", lr: 1 }, { kind: "constant", lr: 2 }] })).toEqual([
      { path: "milestones", message: "milestones must have 1 entry (one fewer than schedules), not 2" },
    ]);
    expect(errorsOf({ kind: "sequence", milestones: [0], schedules: [{ kind: "constant", lr: 1 }, { kind: "constant", lr: 2 }] })[0].message)
      .toBe('milestones[0] must be an integer >= 1 or a percentage of the training budget such as "50%"');
    expect(errorsOf({
      kind: "sequence", milestones: [5],
      schedules: [{ kind: "constant", lr: 1 }, { kind: "cyclic", baseLr: 0.1, maxLr: 1, stepSizeUp: 2, cycleMomentum: { base: 0.8, max: 0.9 } }],
    })[0]).toEqual({ path: "schedules[1].cycleMomentum", message: "schedules[1].cycleMomentum is not supported inside a sequence" });
  });

  it("enforces the ranges PyTorch enforces", () => {
    expect(errorsOf({ kind: "plateau", lr: 0.1, factor: 1 })[0].message).toBe("factor must be a number >= 0 and < 1");
    expect(errorsOf({ kind: "linear", lr: 0.1, startFactor: 0 })[0].message).toBe("startFactor must be a number > 0 and <= 1");
    expect(errorsOf({ kind: "oneCycle", maxLr: 0.1, totalSteps: 10, pctStart: 1.5 })[0].message).toBe("pctStart must be a number >= 0 and <= 1");
    expect(errorsOf({ kind: "rangeTest", minLr: 0, maxLr: 1, steps: 10 })[0].message).toBe("minLr must be > 0 for the exponential curve");
    expect(errorsOf({ kind: "rangeTest", minLr: 0.1, maxLr: 1, steps: 1 })[0].message).toBe('steps must be an integer >= 2 or a percentage of the training budget such as "50%"');
  });

  it("formats one error per line", () => {
    expect(formatErrors([{ path: "a", message: "a is required" }, { path: "b", message: "b must be a number >= 0" }])).toBe(
      "a is required\nb must be a number >= 0",
    );
  });
});
