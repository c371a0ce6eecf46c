/** Label noise on the training split. */
import { PS10_CLASSES } from "./constants";
import type { Sfc32 } from "./rng";
import type { Ps10Split } from "./types";

/**
 * Replaces the labels of exactly `count` samples, in place. Which samples: the first `count` entries of
 * a partial Fisher-Yates shuffle of 0..n-1 (for i = 0..count-1 swap i with i + uniformInt(n - i)), so
 * every subset of that size is equally likely. The new labels are then drawn in ascending sample order,
 * each (clean + 1 + uniformInt(9)) mod 10: uniform over the 9 other classes, never the clean one.
 */
export function applyLabelNoise(split: Ps10Split, rng: Sfc32, count: number): void {
  const n = split.n;
  if (!Number.isInteger(count) || count < 0 || count > n) throw new RangeError(`noisy count must be an integer in [0, ${n}], got ${count}`);
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  for (let i = 0; i < count; i++) {
    const j = i + rng.uniformInt(n - i);
    const swap = order[i];
    order[i] = order[j];
    order[j] = swap;
  }
  const chosen = order.subarray(0, count).sort();
  for (const i of chosen) {
    split.labels[i] = (split.cleanLabels[i] + 1 + rng.uniformInt(PS10_CLASSES - 1)) % PS10_CLASSES;
    split.noisy[i] = 1;
  }
}
