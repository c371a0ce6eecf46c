import type { DefinitionOf } from "./definition";

/** CyclicLR at batch index t, with its momentum when cycleMomentum is set. */
export function cyclicAt(d: DefinitionOf<"cyclic">, t: number): { lr: number; momentum?: number } {
  const up = d.stepSizeUp;
  const total = up + (d.stepSizeDown ?? up);
  const ratio = up / total;
  const cycle = Math.floor(1 + t / total);
  const x = 1 + t / total - cycle;
  const scale = x <= ratio ? x / ratio : (x - 1) / (ratio - 1);
  // triangular modes scale per cycle, expRange per iteration (CyclicLR's scale_mode).
  const amp =
    d.mode === "triangular" ? 1 : d.mode === "triangular2" ? 1 / Math.pow(2, cycle - 1) : Math.pow(d.gamma, t);
  const lr = d.baseLr + (d.maxLr - d.baseLr) * scale * amp;
  if (!d.cycleMomentum) return { lr };
  const { base, max } = d.cycleMomentum;
  return { lr, momentum: max - (max - base) * scale * amp };
}
