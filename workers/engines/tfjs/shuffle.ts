/** Seeded batch order, so a seed fixes the whole run, not only the data and the initial weights. */
import { Sfc32 } from "@/lib/tasks/ps10";

/** Fisher-Yates over 0..n-1 drawing from `rng`; successive calls continue the same stream. */
export function permutation(n: number, rng: Sfc32): Int32Array {
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = rng.uniformInt(i + 1);
    const t = order[i];
    order[i] = order[j];
    order[j] = t;
  }
  return order;
}
