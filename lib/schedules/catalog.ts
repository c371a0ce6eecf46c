import type { ScheduleDefinition, ScheduleKind } from "./definition";

// Form and documentation data. Defaults and minimums repeat the schema's (definition.ts); the
// catalog test parses every example and checks each default against the schema.

export type FieldType = "number" | "integer" | "boolean" | "enum" | "numberList" | "points" | "momentum" | "schedules";

export type FieldInfo = {
  name: string;
  label: string;
  type: FieldType;
  default?: unknown;
  options?: string[];
  min?: number;
  help?: string;
  optional?: boolean;
};

export type KindInfo = {
  kind: ScheduleKind;
  label: string;
  summary: string;
  adaptive: boolean;
  pytorch?: string;
  fields: FieldInfo[];
  example: ScheduleDefinition;
};

const lr = (help = "Base learning rate."): FieldInfo => ({ name: "lr", label: "Learning rate", type: "number", min: 0, help });
const gamma = (d?: number): FieldInfo => ({
  name: "gamma", label: "Gamma", type: "number", min: 0, ...(d === undefined ? {} : { default: d }),
  help: "Multiplicative decay factor.",
});
const momentum: FieldInfo = {
  name: "cycleMomentum", label: "Cycle momentum", type: "momentum", optional: true,
  help: "{base, max}: momentum moves inversely to the rate, between max (low rate) and base (peak rate).",
};
const common = { unit: "epoch" as const };

export const SCHEDULE_KINDS: KindInfo[] = [
  {
    kind: "constant", label: "Constant", summary: "The same learning rate at every step.", adaptive: false,
    fields: [lr()],
    example: { kind: "constant", lr: 0.1, ...common },
  },
  {
    kind: "step", label: "Step decay (StepLR)", summary: "Multiplies the rate by gamma every stepSize steps.",
    adaptive: false, pytorch: "StepLR",
    fields: [lr(), { name: "stepSize", label: "Step size", type: "integer", min: 1, help: "Steps between decays." }, gamma(0.1)],
    example: { kind: "step", lr: 0.1, stepSize: 30, gamma: 0.1, ...common },
  },
  {
    kind: "multiStep", label: "Multi-step decay (MultiStepLR)",
    summary: "Multiplies the rate by gamma at each milestone step.", adaptive: false, pytorch: "MultiStepLR",
    fields: [lr(), { name: "milestones", label: "Milestones", type: "numberList", min: 0, help: "Strictly increasing step indices." }, gamma(0.1)],
    example: { kind: "multiStep", lr: 0.1, milestones: [30, 60, 90], gamma: 0.1, ...common },
  },
  {
    kind: "exponential", label: "Exponential decay (ExponentialLR)", summary: "Multiplies the rate by gamma after every step.",
    adaptive: false, pytorch: "ExponentialLR",
    fields: [lr(), gamma()],
    example: { kind: "exponential", lr: 0.1, gamma: 0.95, ...common },
  },
  {
    kind: "cosine", label: "Cosine annealing (CosineAnnealingLR)",
    summary: "Follows half a cosine from lr down to etaMin over tMax steps, then back up (periodic).",
    adaptive: false, pytorch: "CosineAnnealingLR",
    fields: [
      lr(),
      { name: "tMax", label: "Half period (tMax)", type: "integer", min: 1, help: "Steps from lr down to etaMin." },
      { name: "etaMin", label: "Minimum rate", type: "number", min: 0, default: 0 },
    ],
    example: { kind: "cosine", lr: 0.1, tMax: 100, etaMin: 0, ...common },
  },
  {
    kind: "warmRestarts", label: "Cosine with warm restarts (SGDR)",
    summary: "Cosine annealing that restarts at lr after t0 steps, each period tMult times longer.",
    adaptive: false, pytorch: "CosineAnnealingWarmRestarts",
    fields: [
      lr(),
      { name: "t0", label: "First period (t0)", type: "integer", min: 1 },
      { name: "tMult", label: "Period multiplier", type: "integer", min: 1, default: 1 },
      { name: "etaMin", label: "Minimum rate", type: "number", min: 0, default: 0 },
    ],
    example: { kind: "warmRestarts", lr: 0.1, t0: 10, tMult: 2, etaMin: 0, ...common },
  },
  {
    kind: "cyclic", label: "Cyclical learning rate (CyclicLR)",
    summary: "Triangular cycles between baseLr and maxLr, optionally shrinking each cycle or step.",
    adaptive: false, pytorch: "CyclicLR",
    fields: [
      { name: "baseLr", label: "Base rate", type: "number", min: 0 },
      { name: "maxLr", label: "Peak rate", type: "number", min: 0 },
      { name: "stepSizeUp", label: "Steps up", type: "integer", min: 1 },
      { name: "stepSizeDown", label: "Steps down", type: "integer", min: 1, optional: true, help: "Defaults to the steps up." },
      { name: "mode", label: "Mode", type: "enum", options: ["triangular", "triangular2", "expRange"], default: "triangular" },
      { ...gamma(1), help: "expRange only: the amplitude is multiplied by gamma^t." },
      momentum,
    ],
    example: { kind: "cyclic", baseLr: 0.001, maxLr: 0.1, stepSizeUp: 2000, mode: "triangular", gamma: 1, unit: "iteration" },
  },
  {
    kind: "oneCycle", label: "One-cycle (OneCycleLR)",
    summary: "Warms up to maxLr, then anneals far below the start, over totalSteps steps.",
    adaptive: false, pytorch: "OneCycleLR",
    fields: [
      { name: "maxLr", label: "Peak rate", type: "number", min: 0 },
      { name: "totalSteps", label: "Total steps", type: "integer", min: 1 },
      { name: "pctStart", label: "Warm-up fraction", type: "number", min: 0, default: 0.3, help: "Between 0 and 1." },
      { name: "annealStrategy", label: "Annealing", type: "enum", options: ["cos", "linear"], default: "cos" },
      { name: "divFactor", label: "Initial divisor", type: "number", default: 25, help: "Start rate = maxLr / divFactor." },
      { name: "finalDivFactor", label: "Final divisor", type: "number", default: 1e4, help: "Final rate = start rate / finalDivFactor." },
      { name: "threePhase", label: "Three phases", type: "boolean", default: false },
      momentum,
    ],
    example: {
      kind: "oneCycle", maxLr: 0.1, totalSteps: 1000, pctStart: 0.3, annealStrategy: "cos", divFactor: 25,
      finalDivFactor: 1e4, threePhase: false, unit: "iteration",
    },
  },
  {
    kind: "linear", label: "Linear (LinearLR)",
    summary: "Moves the rate linearly from lr·startFactor to lr·endFactor over totalIters steps, then holds.",
    adaptive: false, pytorch: "LinearLR",
    fields: [
      lr(),
      { name: "startFactor", label: "Start factor", type: "number", default: 1 / 3, help: "In (0, 1]." },
      { name: "endFactor", label: "End factor", type: "number", min: 0, default: 1, help: "In [0, 1]." },
      { name: "totalIters", label: "Steps", type: "integer", min: 1, default: 5 },
    ],
    example: { kind: "linear", lr: 0.1, startFactor: 1 / 3, endFactor: 1, totalIters: 5, ...common },
  },
  {
    kind: "polynomial", label: "Polynomial decay (PolynomialLR)",
    summary: "Decays the rate to zero as (1 - t/totalIters)^power, then holds zero.",
    adaptive: false, pytorch: "PolynomialLR",
    fields: [
      lr(),
      { name: "totalIters", label: "Steps", type: "integer", min: 1, default: 5 },
      { name: "power", label: "Power", type: "number", min: 0, default: 1 },
    ],
    example: { kind: "polynomial", lr: 0.1, totalIters: 100, power: 1, ...common },
  },
  {
    kind: "sequence", label: "Sequence (SequentialLR)",
    summary: "Runs static schedules one after another, each restarting its own step count at its milestone.",
    adaptive: false, pytorch: "SequentialLR",
    fields: [
      { name: "schedules", label: "Schedules", type: "schedules", help: "Static definitions, each with its own rates." },
      { name: "milestones", label: "Milestones", type: "numberList", min: 1, help: "One fewer than schedules: the step where each next one starts." },
    ],
    example: {
      kind: "sequence", milestones: [5],
      schedules: [
        { kind: "linear", lr: 0.1, startFactor: 0.1, endFactor: 1, totalIters: 5, ...common },
        { kind: "cosine", lr: 0.1, tMax: 95, etaMin: 0, ...common },
      ],
      ...common,
    },
  },
  {
    kind: "piecewise", label: "Piecewise",
    summary: "Rates given at chosen steps, held (step) or joined by straight lines (linear) in between.",
    adaptive: false,
    fields: [
      { name: "points", label: "Points", type: "points", help: "[[t, lr], ...] with increasing t." },
      { name: "interpolation", label: "Interpolation", type: "enum", options: ["step", "linear"], default: "step" },
    ],
    example: { kind: "piecewise", points: [[0, 0.1], [50, 0.01], [80, 0.001]], interpolation: "step", ...common },
  },
  {
    kind: "rangeTest", label: "LR range test",
    summary: "Sweeps the rate from minLr to maxLr over the given steps, geometrically or linearly.",
    adaptive: false,
    fields: [
      { name: "minLr", label: "Start rate", type: "number", min: 0, help: "Must be > 0 for the exponential curve." },
      { name: "maxLr", label: "End rate", type: "number", min: 0 },
      { name: "steps", label: "Steps", type: "integer", min: 2 },
      { name: "curve", label: "Curve", type: "enum", options: ["exponential", "linear"], default: "exponential" },
    ],
    example: { kind: "rangeTest", minLr: 1e-7, maxLr: 10, steps: 100, curve: "exponential", unit: "iteration" },
  },
  {
    kind: "plateau", label: "Reduce on plateau (ReduceLROnPlateau)",
    summary: "Multiplies the rate by factor when the loss has not improved for more than patience steps.",
    adaptive: true, pytorch: "ReduceLROnPlateau",
    fields: [
      lr(),
      { name: "mode", label: "Mode", type: "enum", options: ["min", "max"], default: "min" },
      { name: "factor", label: "Factor", type: "number", min: 0, default: 0.1, help: "Below 1." },
      { name: "patience", label: "Patience", type: "integer", min: 0, default: 10 },
      { name: "threshold", label: "Threshold", type: "number", min: 0, default: 1e-4 },
      { name: "thresholdMode", label: "Threshold mode", type: "enum", options: ["rel", "abs"], default: "rel" },
      { name: "cooldown", label: "Cooldown", type: "integer", min: 0, default: 0 },
      { name: "minLr", label: "Minimum rate", type: "number", min: 0, default: 0 },
      { name: "eps", label: "Minimal change", type: "number", min: 0, default: 1e-8 },
    ],
    example: {
      kind: "plateau", lr: 0.1, mode: "min", factor: 0.1, patience: 10, threshold: 1e-4, thresholdMode: "rel",
      cooldown: 0, minLr: 0, eps: 1e-8, ...common,
    },
  },
  {
    kind: "autoDecay", label: "AutoDecay",
    summary: "Decays when the smoothed loss stops moving after a real drop, and stops training when it stalls without one.",
    adaptive: true,
    fields: [
      lr(),
      { name: "factor", label: "Factor", type: "number", default: 0.1, help: "Between 0 and 1 (exclusive)." },
      { name: "beta", label: "EDMA beta", type: "number", min: 0, default: 0.9 },
      { name: "window", label: "Window (W)", type: "integer", min: 1, default: 5 },
      { name: "tolerance", label: "Tolerance (eta)", type: "number", min: 0, default: 0.02 },
      { name: "drop", label: "Drop (zeta)", type: "number", default: 0.9 },
      { name: "epsilon", label: "Epsilon", type: "number", min: 0, default: 1e-8 },
      {
        name: "observeEvery", label: "Observe every", type: "integer", min: 1, default: 1,
        help: "Steps between observations; each is the mean loss of the steps since the last, and the rate changes only right after one.",
      },
    ],
    example: {
      kind: "autoDecay", lr: 0.1, factor: 0.1, beta: 0.9, window: 5, tolerance: 0.02, drop: 0.9, epsilon: 1e-8, observeEvery: 1, ...common,
    },
  },
];

const byKind = new Map(SCHEDULE_KINDS.map((k) => [k.kind, k]));

export function kindInfo(kind: ScheduleKind): KindInfo;
export function kindInfo(kind: string): KindInfo | undefined;
export function kindInfo(kind: string): KindInfo | undefined {
  return byKind.get(kind as ScheduleKind);
}
