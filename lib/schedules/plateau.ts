import type { DefinitionOf } from "./definition";
import type { AdaptiveController, Decision } from "./events";

/** ReduceLROnPlateau, statement for statement, fed one observation per step. */
export function createPlateau(d: DefinitionOf<"plateau">): AdaptiveController {
  let lr = d.lr;
  let best = d.mode === "min" ? Infinity : -Infinity;
  let badEpochs = 0;
  let cooldownCounter = 0;

  const isBetter = (a: number): boolean => {
    if (d.mode === "min") return d.thresholdMode === "rel" ? a < best * (1 - d.threshold) : a < best - d.threshold;
    return d.thresholdMode === "rel" ? a > best * (d.threshold + 1) : a > best + d.threshold;
  };

  return {
    lr: () => lr,
    observe(current: number): Decision {
      if (isBetter(current)) {
        best = current;
        badEpochs = 0;
      } else {
        badEpochs += 1;
      }
      if (cooldownCounter > 0) {
        cooldownCounter -= 1;
        badEpochs = 0; // bad observations during cooldown do not count
      }
      if (badEpochs <= d.patience) return { type: "none" };
      const stalled = badEpochs;
      cooldownCounter = d.cooldown;
      badEpochs = 0;
      const candidate = Math.max(lr * d.factor, d.minLr);
      // Like PyTorch, a reduction smaller than eps (e.g. already at minLr) is skipped.
      if (!(lr - candidate > d.eps)) return { type: "none" };
      lr = candidate;
      const what = d.mode === "min" ? "loss" : "metric";
      return { type: "decay", lr, reason: `${what} plateaued for ${stalled} steps (patience ${d.patience})` };
    },
  };
}
