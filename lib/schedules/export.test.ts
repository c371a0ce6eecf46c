import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { SCHEDULE_KINDS } from "./catalog";
import { EXPORT_TARGETS, exportSchedule } from "./export";
import { pyFloat } from "./export/py-repr";
import { def } from "./test-helpers";

const hasPython = spawnSync("python3", ["--version"]).status === 0;

/** Parses every snippet in one python3 process; returns the failures. */
function pythonSyntaxErrors(snippets: { name: string; code: string }[]): string[] {
  const script = [
    "import ast, json, sys",
    "bad = []",
    "for s in json.load(sys.stdin):",
    "    try:",
    "        ast.parse(s['code'])",
    "    except SyntaxError as e:",
    "        bad.append(f\"{s['name']}: {e}\")",
    "print(json.dumps(bad))",
  ].join("\n");
  const r = spawnSync("python3", ["-c", script], { input: JSON.stringify(snippets), encoding: "utf8" });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout) as string[];
}

const extra = [
  def({ kind: "sequence", milestones: [3, 10], schedules: [
    { kind: "rangeTest", minLr: 1e-3, maxLr: 0.1, steps: 3 },
    { kind: "oneCycle", maxLr: 0.3, totalSteps: 7 },
    { kind: "sequence", milestones: [2], schedules: [{ kind: "piecewise", points: [[0, 0.1], [4, 0.3]], interpolation: "linear" }, { kind: "warmRestarts", lr: 0.05, t0: 2, tMult: 2 }] },
  ] }),
  def({ kind: "cyclic", baseLr: 0.01, maxLr: 0.1, stepSizeUp: 3, mode: "expRange", gamma: 0.99, cycleMomentum: { base: 0.8, max: 0.9 }, unit: "iteration" }),
  def({ kind: "plateau", lr: 0.1, unit: "iteration", name: "with\nnewline" }),
  def({ kind: "autoDecay", lr: 0.1, unit: "iteration" }),
];

describe("exportSchedule", () => {
  const defs = [...SCHEDULE_KINDS.map((k) => k.example), ...extra];

  it.skipIf(!hasPython)("emits valid Python for every kind and target", () => {
    const snippets = defs.flatMap((d) => EXPORT_TARGETS.map((t) => ({ name: `${d.kind}/${t}/${d.unit}`, code: exportSchedule(d, t) })));
    expect(snippets.length).toBe(defs.length * 3);
    expect(pythonSyntaxErrors(snippets)).toEqual([]);
  });

  it("uses the PyTorch class with the definition's values", () => {
    const code = exportSchedule(def({ kind: "step", lr: 0.1, stepSize: 30, gamma: 1e-5 }), "pytorch");
    expect(code).toContain("optimizer = torch.optim.SGD(model.parameters(), lr=0.1)");
    expect(code).toContain("scheduler = lr_scheduler.StepLR(optimizer, step_size=30, gamma=1e-05)");
    expect(code).toMatch(/once per epoch/);
    const it = exportSchedule(def({ kind: "oneCycle", maxLr: 0.1, totalSteps: 100, unit: "iteration", cycleMomentum: { base: 0.85, max: 0.95 } }), "pytorch");
    expect(it).toContain("pct_start=0.3, anneal_strategy=\"cos\", div_factor=25.0, final_div_factor=10000.0, three_phase=False, cycle_momentum=True, base_momentum=0.85, max_momentum=0.95");
    expect(it).toMatch(/once per iteration/);
  });

  it("maps sequence to SequentialLR with each child's own rate, plateau and autoDecay to their classes", () => {
    const seq = exportSchedule(SCHEDULE_KINDS.find((k) => k.kind === "sequence")!.example, "pytorch");
    expect(seq).toContain("_child(0.1, lambda: lr_scheduler.LinearLR(optimizer, start_factor=0.1, end_factor=1.0, total_iters=5))");
    expect(seq).toContain("lr_scheduler.SequentialLR(optimizer, schedulers=children, milestones=[5])");
    expect(exportSchedule(def({ kind: "plateau", lr: 0.1 }), "pytorch")).toContain("lr_scheduler.ReduceLROnPlateau(optimizer, mode=\"min\", factor=0.1, patience=10, threshold=0.0001, threshold_mode=\"rel\", cooldown=0, min_lr=0.0, eps=1e-08)");
    expect(exportSchedule(def({ kind: "autoDecay", lr: 0.1 }), "pytorch")).toContain("scheduler = AutoDecay(lr=0.1, factor=0.1, beta=0.9, window=5, tolerance=0.02, drop=0.9, epsilon=1e-08, observe_every=1, optimizer=optimizer)");
    expect(exportSchedule(def({ kind: "piecewise", points: [[0, 0.1]] }), "pytorch")).toContain("LambdaLR(optimizer, lr_lambda=lr_at)");
  });

  it("optax uses exact built-ins or says why it writes a function", () => {
    expect(exportSchedule(def({ kind: "step", lr: 0.1, stepSize: 3, unit: "iteration" }), "optax")).toContain(
      "optax.exponential_decay(init_value=0.1, transition_steps=3, decay_rate=0.1, staircase=True)",
    );
    const cos = exportSchedule(def({ kind: "cosine", lr: 0.1, tMax: 10 }), "optax");
    expect(cos).toMatch(/cosine_decay_schedule holds its minimum/);
    expect(cos).toContain("STEPS_PER_EPOCH");
    expect(exportSchedule(extra[0], "optax")).toContain("optax.join_schedules(schedules=[child_0, child_1, child_2, child_3], boundaries=[3, 10, 12])");
  });

  it("keras drives the exact formula from a callback per unit", () => {
    expect(exportSchedule(def({ kind: "exponential", lr: 0.1, gamma: 0.9 }), "keras")).toContain("keras.callbacks.LearningRateScheduler(lambda epoch, lr: lr_at(epoch))");
    expect(exportSchedule(def({ kind: "exponential", lr: 0.1, gamma: 0.9, unit: "iteration" }), "keras")).toContain("callback = PerIterationSchedule()");
    expect(exportSchedule(def({ kind: "autoDecay", lr: 0.1 }), "keras")).toContain("self.model.stop_training = True");
  });
});

describe("pyFloat", () => {
  it("writes numbers as Python's repr does", () => {
    expect([0.1, 1e-5, 25, 1e4, 1e16, 1 / 3, 4e-7, -0.5, 0].map(pyFloat)).toEqual([
      "0.1", "1e-05", "25.0", "10000.0", "1e+16", "0.3333333333333333", "4e-07", "-0.5", "0.0",
    ]);
  });
});
