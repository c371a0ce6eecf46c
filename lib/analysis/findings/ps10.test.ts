import { describe, expect, it } from "vitest";
import type { Point } from "../series";
import { ps10Findings, stageRates, type Ps10Schedule } from "./ps10";

const EPOCHS = 30;
const curve = (f: (x: number) => number): Point[] => Array.from({ length: EPOCHS }, (_, x) => [x + 1, f(x + 1)]);
const step = (before: number, after: number, at = 15) => (x: number) => (x < at ? before : after);

const stepDecay = (runs: Ps10Schedule["runs"]): Ps10Schedule => ({
  name: "StepDecay · ps10-noise · smoke",
  kind: "multiStep",
  definition: { kind: "multiStep", lr: 0.1, milestones: [15, 25], gamma: 0.1 },
  isBaseline: true,
  runs,
});
const constant = (lr: number, runs: Ps10Schedule["runs"]): Ps10Schedule => ({
  name: `Constant ${lr} (control)`,
  kind: "constant",
  definition: { kind: "constant", lr },
  isBaseline: true,
  runs,
});
const run = (seed: number, s: { simple: (x: number) => number; complex: (x: number) => number; noise: (x: number) => number }, decayXs = [15, 25]) => ({
  seed,
  decayXs,
  series: { train_acc_simple: curve(s.simple), train_acc_complex: curve(s.complex), train_acc_noise: curve(s.noise) },
});

describe("ps10Findings", () => {
  it("says the paper's effect is shown when complex patterns and memorisation come after the decays", () => {
    const seeds = [0, 1, 2];
    const findings = ps10Findings([
      stepDecay(seeds.map((s) => run(s, { simple: step(0.5, 0.95, 3 + s), complex: step(0.2 + 0.01 * s, 0.95 - 0.01 * s), noise: () => 0.2 + 0.01 * s }))),
      constant(0.01, seeds.map((s) => run(s, { simple: () => 0.95, complex: () => 0.97, noise: () => 0.6 + 0.02 * s }, []))),
    ]);
    expect(findings.map((f) => f.verdict)).toEqual(["shown", "shown", "shown"]);
    const [gain, noise, first] = findings;
    // Before: 0.2 + 0.01 s - 0.1 -> 11 pts; after: 0.75 - 0.02 s -> 73 pts.
    expect(gain.sentences[0]).toContain("rose by 11.0 pts [8.5, 13.5] from chance (10%) to the first decay (epoch 15) and by 73.0 pts [68.0, 78.0]");
    expect(gain.sentences[0]).toContain("over 3 seeds: 87% of the gain came after the first decay");
    expect(gain.conclusion).toMatch(/^The data shows the paper's effect: the complex patterns were learned mainly after the decays \(gain after minus gain before = 62\.0 pts \[/);
    expect(noise.question).toContain("constant 0.01 (StepDecay · ps10-noise · smoke's stage-2 rate)");
    // 0.2 + 0.01 s against 0.6 + 0.02 s, paired by seed: -40, -41, -42 pts.
    expect(noise.sentences[0]).toContain("a difference of -41.0 pts [-43.5, -38.5], paired over 3 seeds");
    expect(first.conclusion).toContain("the simple patterns were learned first");
    expect(first.sentences[0]).toContain("simple patterns reached 90% at epoch 4.0 [1.5, 6.5] and complex ones at epoch 15.0");
  });

  it("says so when the data show the opposite, as the smoke model does", () => {
    const seeds = [0, 1, 2];
    const findings = ps10Findings([
      stepDecay(seeds.map((s) => run(s, { simple: () => 0.97, complex: step(0.92 + 0.01 * s, 0.99), noise: step(0.3, 0.52 + 0.01 * s) }))),
      constant(0.001, seeds.map((s) => run(s, { simple: () => 0.99, complex: () => 0.88 + 0.01 * s, noise: () => 0.12 + 0.01 * s }, []))),
      constant(0.1, [0, 1].map((s) => run(s, { simple: () => 0.95, complex: () => 0.92, noise: () => 0.35 + 0.01 * s }, []))),
    ]);
    const [gain, small, large] = findings;
    expect(gain.verdict).toBe("reversed");
    expect(gain.conclusion).toContain("it shows the opposite: the complex patterns were learned mainly before the first decay");
    expect(small.verdict).toBe("reversed");
    expect(small.conclusion).toContain("constant 0.001 (StepDecay · ps10-noise · smoke's stage-3 rate) memorised less noise");
    expect(small.sentences[1]).toContain("Constant 0.001 (control) had not fitted the clean complex patterns by then (89.0% [86.5, 91.5] against 99.0%");
    // The initial rate held constant is reported, not judged; 3 against 2 seeds is unpaired.
    expect(large.verdict).toBe("noData");
    expect(large.sentences[0]).toContain("over 3 and 2 seeds, unpaired");
  });

  it("gives no interval for one seed and says so, and finds a renamed seed by its definition", () => {
    const renamed = { ...stepDecay([run(0, { simple: () => 0.95, complex: step(0.2, 0.95), noise: () => 0.2 })]), name: "Paper step schedule" };
    const findings = ps10Findings([renamed, constant(0.01, [run(0, { simple: () => 0.95, complex: () => 0.95, noise: () => 0.6 }, [])])]);
    expect(findings.map((f) => f.verdict)).toEqual(["tooFewSeeds", "tooFewSeeds", "tooFewSeeds"]);
    expect(findings[0].sentences[0]).toContain("over 1 seed: one seed gives no interval");
    expect(findings[0].conclusion).toMatch(/^The data cannot show the paper's effect yet .*Replay more seeds\.$/);
    expect(findings[1].sentences[0]).toContain("a difference of -40.0 pts, over 1 and 1 seed, unpaired: one seed gives no interval");
  });

  it("says what is missing when there is no StepDecay or no control", () => {
    expect(ps10Findings([])).toEqual([]);
    const onlyStep = ps10Findings([stepDecay([run(0, { simple: () => 1, complex: () => 1, noise: () => 0.5 })])]);
    expect(onlyStep[1]).toMatchObject({ verdict: "noData", conclusion: expect.stringContaining("no constant-rate control has finished runs") });
    const onlyControl = ps10Findings([constant(0.01, [run(0, { simple: () => 1, complex: () => 1, noise: () => 0.5 }, [])])]);
    expect(onlyControl[0]).toMatchObject({ verdict: "noData", conclusion: expect.stringContaining("no StepDecay") });
  });

  it("reads the stage rates off a multi-step definition", () => {
    expect(stageRates({ kind: "multiStep", lr: 0.1, milestones: [15, 25], gamma: 0.1 }).map((r) => Number(r.toPrecision(6)))).toEqual([0.1, 0.01, 0.001]);
    expect(stageRates({ kind: "constant" })).toEqual([]);
  });
});
