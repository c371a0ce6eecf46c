import type { ResolvedDefinition, StaticDefinition } from "../definition";
import { flattenSequence } from "../flatten";
import { pyHeader } from "./header";
import { PY_AUTODECAY_CLASS, pyAutoDecayArgs } from "./py-adaptive";
import { pyPrelude, pyScheduleFunction } from "./py-function";
import { pyFloat as f, pyInt as i, pyList, pyStr } from "./py-repr";

type Leaf = Exclude<StaticDefinition, { kind: "sequence" }>;

/** Kinds PyTorch has no class for: LambdaLR over the exact formula, on a base rate of 1.0. */
const LAMBDA_KINDS = new Set(["constant", "piecewise", "rangeTest"]);

/** The optimizer rate a class expects to find when it is built (its base_lrs). */
function startLr(d: Leaf): number {
  if (LAMBDA_KINDS.has(d.kind)) return 1;
  if (d.kind === "cyclic") return d.baseLr;
  if (d.kind === "oneCycle") return d.maxLr / d.divFactor;
  return (d as { lr: number }).lr;
}

function momentumArgs(m: { base: number; max: number } | undefined): string {
  return m ? `cycle_momentum=True, base_momentum=${f(m.base)}, max_momentum=${f(m.max)}` : "cycle_momentum=False";
}

/** The constructor call of one non-sequence definition; `fn` names its LambdaLR function. */
function construct(d: Leaf, fn: string): string {
  switch (d.kind) {
    case "constant":
    case "piecewise":
    case "rangeTest":
      return `lr_scheduler.LambdaLR(optimizer, lr_lambda=${fn})`;
    case "step":
      return `lr_scheduler.StepLR(optimizer, step_size=${i(d.stepSize)}, gamma=${f(d.gamma)})`;
    case "multiStep":
      return `lr_scheduler.MultiStepLR(optimizer, milestones=${pyList(d.milestones, i)}, gamma=${f(d.gamma)})`;
    case "exponential":
      return `lr_scheduler.ExponentialLR(optimizer, gamma=${f(d.gamma)})`;
    case "cosine":
      return `lr_scheduler.CosineAnnealingLR(optimizer, T_max=${i(d.tMax)}, eta_min=${f(d.etaMin)})`;
    case "warmRestarts":
      return `lr_scheduler.CosineAnnealingWarmRestarts(optimizer, T_0=${i(d.t0)}, T_mult=${i(d.tMult)}, eta_min=${f(d.etaMin)})`;
    case "cyclic": {
      const mode = d.mode === "expRange" ? "exp_range" : d.mode;
      const down = d.stepSizeDown ?? d.stepSizeUp;
      return `lr_scheduler.CyclicLR(optimizer, base_lr=${f(d.baseLr)}, max_lr=${f(d.maxLr)}, step_size_up=${i(d.stepSizeUp)}, step_size_down=${i(down)}, mode=${pyStr(mode)}, gamma=${f(d.gamma)}, ${momentumArgs(d.cycleMomentum)})`;
    }
    case "oneCycle":
      return `lr_scheduler.OneCycleLR(optimizer, max_lr=${f(d.maxLr)}, total_steps=${i(d.totalSteps)}, pct_start=${f(d.pctStart)}, anneal_strategy=${pyStr(d.annealStrategy)}, div_factor=${f(d.divFactor)}, final_div_factor=${f(d.finalDivFactor)}, three_phase=${d.threePhase ? "True" : "False"}, ${momentumArgs(d.cycleMomentum)})`;
    case "linear":
      return `lr_scheduler.LinearLR(optimizer, start_factor=${f(d.startFactor)}, end_factor=${f(d.endFactor)}, total_iters=${i(d.totalIters)})`;
    case "polynomial":
      return `lr_scheduler.PolynomialLR(optimizer, total_iters=${i(d.totalIters)}, power=${f(d.power)})`;
  }
}

function stepComment(def: ResolvedDefinition, call: string): string {
  return def.unit === "epoch"
    ? `# Step it once per epoch: call ${call} after the last optimizer.step() of each epoch\n# (the rate stays constant within an epoch).`
    : `# Step it once per iteration: call ${call} right after every optimizer.step().`;
}

const IMPORTS = ["import torch", "from torch.optim import lr_scheduler"].join("\n");
const MODEL = "model = torch.nn.Linear(10, 1)  # stand-in: use your model's parameters";

function optimizerLine(lr: number, momentum?: { max: number }): string {
  return `optimizer = torch.optim.SGD(model.parameters(), lr=${f(lr)}${momentum ? `, momentum=${f(momentum.max)}` : ""})`;
}

function leafSnippet(def: Leaf): string[] {
  const lambda = LAMBDA_KINDS.has(def.kind);
  const m = def.kind === "cyclic" || def.kind === "oneCycle" ? def.cycleMomentum : undefined;
  return [
    lambda ? `${pyPrelude("math")}\n\n\n${pyScheduleFunction(def, "lr_at", "math")}` : "",
    MODEL,
    lambda ? "# LambdaLR multiplies the base rate 1.0 by lr_at(t), so the optimizer runs at exactly lr_at(t)." : "",
    optimizerLine(startLr(def), m),
    `scheduler = ${construct(def, "lr_at")}`,
  ];
}

function sequenceSnippet(def: Extract<StaticDefinition, { kind: "sequence" }>): string[] {
  const { schedules, milestones } = flattenSequence(def);
  if (schedules.slice(1).some((c) => c.kind === "oneCycle")) {
    // OneCycleLR reads its rates from the param group's "initial_lr", which every other
    // SequentialLR child shares, so a later OneCycleLR child cannot keep its own rates.
    return [
      `${pyPrelude("math")}\n\n\n${pyScheduleFunction(def, "lr_at", "math")}`,
      MODEL,
      "# SequentialLR cannot hold a OneCycleLR after its first child (they share the param group's\n# 'initial_lr'), so the whole sequence runs as one exact LambdaLR on a base rate of 1.0.",
      optimizerLine(1),
      "scheduler = lr_scheduler.LambdaLR(optimizer, lr_lambda=lr_at)",
    ];
  }
  const fns = schedules
    .map((c, k) => (LAMBDA_KINDS.has(c.kind) ? pyScheduleFunction(c, `lr_${k}`, "math") : ""))
    .filter(Boolean);
  const children = schedules.map((c, k) => `    _child(${f(startLr(c))}, lambda: ${construct(c, `lr_${k}`)}),`);
  return [
    fns.length ? `${pyPrelude("math")}\n\n\n${fns.join("\n\n\n")}` : "",
    MODEL,
    optimizerLine(startLr(schedules[0])),
    [
      "",
      "def _child(start_lr, make):",
      "    # Each child reads its base rate from the optimizer's \"initial_lr\", which only the first",
      "    # scheduler would set: give every child its own rate before building it.",
      "    for group in optimizer.param_groups:",
      "        group[\"initial_lr\"] = group[\"lr\"] = start_lr",
      "    return make()",
      "",
    ].join("\n"),
    ["children = [", ...children, "]"].join("\n"),
    [
      "for group in optimizer.param_groups:",
      `    group["initial_lr"] = group["lr"] = ${f(startLr(schedules[0]))}`,
    ].join("\n"),
    `scheduler = lr_scheduler.SequentialLR(optimizer, schedulers=children, milestones=${pyList(milestones, i)})`,
  ];
}

export function exportPytorch(def: ResolvedDefinition, resolvedFor?: string): string {
  let body: string[];
  let call = "scheduler.step()";
  if (def.kind === "plateau") {
    body = [
      MODEL,
      optimizerLine(def.lr),
      `scheduler = lr_scheduler.ReduceLROnPlateau(optimizer, mode=${pyStr(def.mode)}, factor=${f(def.factor)}, patience=${i(def.patience)}, threshold=${f(def.threshold)}, threshold_mode=${pyStr(def.thresholdMode)}, cooldown=${i(def.cooldown)}, min_lr=${f(def.minLr)}, eps=${f(def.eps)})`,
    ];
    call = "scheduler.step(mean_loss)";
  } else if (def.kind === "autoDecay") {
    body = [
      PY_AUTODECAY_CLASS,
      MODEL,
      optimizerLine(def.lr),
      `scheduler = AutoDecay(${pyAutoDecayArgs(def)}, optimizer=optimizer)`,
    ];
    call = 'scheduler.step(mean_loss) (stop training when it returns "terminate")';
  } else if (def.kind === "sequence") {
    body = sequenceSnippet(def);
  } else {
    body = leafSnippet(def);
  }
  return [pyHeader(def, "PyTorch", resolvedFor), IMPORTS, ...body.filter(Boolean), stepComment(def, call)].join("\n\n") + "\n";
}
