/** PS10's per-epoch accuracy metrics (tasks.md, "ps10-noise"), as fractions. */
import { accuracy } from "../accuracy";
import { subsetMasks } from "./subsets";
import type { Ps10Split } from "./types";

/** null: the subset is empty (noise 0 leaves no noisy samples); JSON keeps null where NaN would break. */
export interface Ps10TrainMetrics {
  /** Clean simple samples predicted with their (clean) label. */
  acc_simple: number | null;
  /** Clean complex samples predicted with their (clean) label. */
  acc_complex: number | null;
  /** Noisy samples predicted with their NOISY label: memorisation, lower is better. */
  acc_noise: number | null;
}

export interface Ps10TestMetrics {
  acc: number | null;
  acc_simple: number | null;
  acc_complex: number | null;
}

export function ps10Metrics(predictions: Int32Array, split: Ps10Split, which: "train"): Ps10TrainMetrics;
export function ps10Metrics(predictions: Int32Array, split: Ps10Split, which: "test"): Ps10TestMetrics;
export function ps10Metrics(predictions: Int32Array, split: Ps10Split, which: "train" | "test"): Ps10TrainMetrics | Ps10TestMetrics;
export function ps10Metrics(predictions: Int32Array, split: Ps10Split, which: "train" | "test"): Ps10TrainMetrics | Ps10TestMetrics {
  if (predictions.length !== split.n) throw new RangeError(`expected ${split.n} predictions, got ${predictions.length}`);
  const masks = subsetMasks(split);
  // On the clean subsets labels equal cleanLabels; on the noise subset `labels` holds the noisy label.
  const acc_simple = accuracy(predictions, split.labels, masks.simple);
  const acc_complex = accuracy(predictions, split.labels, masks.complex);
  if (which === "train") return { acc_simple, acc_complex, acc_noise: accuracy(predictions, split.labels, masks.noise) };
  if (masks.noise.includes(true)) throw new RangeError("test metrics need a clean split; this one has noisy labels");
  return { acc: accuracy(predictions, split.labels, null), acc_simple, acc_complex };
}
