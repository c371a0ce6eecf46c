/**
 * `fix` transfer's classifier (tasks.md, "imagenet-subset-transfer"): multinomial logistic regression
 * on frozen features, trained full-batch by gradient descent with momentum on standardised features.
 * Deterministic: the same features give the same classifier on every machine.
 */
import { accuracy } from "./accuracy";

export interface FeatureSet {
  /** n x dim, row-major. */
  features: Float32Array;
  dim: number;
  labels: Int32Array;
}

export interface ProbeOptions {
  steps?: number;
  lr?: number;
  /** L2 penalty on the weights (not the bias). */
  l2?: number;
  momentum?: number;
}

export interface LinearProbe {
  classes: number;
  dim: number;
  mean: Float64Array;
  scale: Float64Array;
  /** classes x dim, row-major. */
  weights: Float64Array;
  bias: Float64Array;
}

export const PROBE_DEFAULTS: Required<ProbeOptions> = { steps: 300, lr: 0.5, l2: 1e-3, momentum: 0.9 };

function rows(set: FeatureSet): number {
  if (set.dim <= 0 || set.features.length % set.dim !== 0) throw new RangeError(`features hold ${set.features.length} values, not a multiple of dim ${set.dim}`);
  const n = set.features.length / set.dim;
  if (set.labels.length !== n) throw new RangeError(`${n} feature rows but ${set.labels.length} labels`);
  return n;
}

/** Class scores of one standardised row into `out`; returns nothing so the hot loop allocates nothing. */
function scores(probe: LinearProbe, set: FeatureSet, row: number, standard: Float64Array, out: Float64Array) {
  const { dim, classes, mean, scale, weights, bias } = probe;
  for (let j = 0; j < dim; j++) standard[j] = (set.features[row * dim + j] - mean[j]) * scale[j];
  for (let c = 0; c < classes; c++) {
    let s = bias[c];
    for (let j = 0; j < dim; j++) s += weights[c * dim + j] * standard[j];
    out[c] = s;
  }
}

export function trainLinearProbe(train: FeatureSet, classes: number, options: ProbeOptions = {}): LinearProbe {
  const { steps, lr, l2, momentum } = { ...PROBE_DEFAULTS, ...options };
  const n = rows(train);
  if (n === 0) throw new RangeError("no training features");
  const dim = train.dim;
  for (const label of train.labels) if (label < 0 || label >= classes) throw new RangeError(`label ${label} is outside 0..${classes - 1}`);
  const mean = new Float64Array(dim);
  const scale = new Float64Array(dim);
  for (let i = 0; i < n; i++) for (let j = 0; j < dim; j++) mean[j] += train.features[i * dim + j] / n;
  for (let i = 0; i < n; i++) for (let j = 0; j < dim; j++) scale[j] += (train.features[i * dim + j] - mean[j]) ** 2 / n;
  // A constant feature (a dead ReLU channel) carries nothing; scale 0 keeps it out instead of dividing by 0.
  for (let j = 0; j < dim; j++) scale[j] = scale[j] > 1e-12 ? 1 / Math.sqrt(scale[j]) : 0;
  const probe: LinearProbe = { classes, dim, mean, scale, weights: new Float64Array(classes * dim), bias: new Float64Array(classes) };

  const gradW = new Float64Array(classes * dim);
  const gradB = new Float64Array(classes);
  const velocityW = new Float64Array(classes * dim);
  const velocityB = new Float64Array(classes);
  const standard = new Float64Array(dim);
  const p = new Float64Array(classes);
  for (let step = 0; step < steps; step++) {
    gradW.fill(0);
    gradB.fill(0);
    for (let i = 0; i < n; i++) {
      scores(probe, train, i, standard, p);
      let max = -Infinity;
      for (let c = 0; c < classes; c++) max = Math.max(max, p[c]);
      let total = 0;
      for (let c = 0; c < classes; c++) total += p[c] = Math.exp(p[c] - max);
      for (let c = 0; c < classes; c++) {
        const g = (p[c] / total - (c === train.labels[i] ? 1 : 0)) / n;
        gradB[c] += g;
        for (let j = 0; j < dim; j++) gradW[c * dim + j] += g * standard[j];
      }
    }
    for (let k = 0; k < gradW.length; k++) {
      velocityW[k] = momentum * velocityW[k] + gradW[k] + l2 * probe.weights[k];
      probe.weights[k] -= lr * velocityW[k];
    }
    for (let c = 0; c < classes; c++) {
      velocityB[c] = momentum * velocityB[c] + gradB[c];
      probe.bias[c] -= lr * velocityB[c];
    }
  }
  return probe;
}

export function predictProbe(probe: LinearProbe, set: FeatureSet): Int32Array {
  const n = rows(set);
  if (set.dim !== probe.dim) throw new RangeError(`features have dim ${set.dim}; the probe was trained on ${probe.dim}`);
  const out = new Int32Array(n);
  const standard = new Float64Array(probe.dim);
  const s = new Float64Array(probe.classes);
  for (let i = 0; i < n; i++) {
    scores(probe, set, i, standard, s);
    let best = 0;
    for (let c = 1; c < probe.classes; c++) if (s[c] > s[best]) best = c;
    out[i] = best;
  }
  return out;
}

export function probeAccuracy(probe: LinearProbe, set: FeatureSet): number | null {
  return accuracy(predictProbe(probe, set), set.labels);
}
