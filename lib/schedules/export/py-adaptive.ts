import type { DefinitionOf } from "../definition";
import { pyFloat as f, pyInt as i, pyStr } from "./py-repr";

// Plain-Python controllers for the adaptive kinds, shared by the exporters. Each mirrors the
// TypeScript engine line for line; `lr` is the rate of the next step.

export const PY_PLATEAU_CLASS = `class Plateau:
    """PyTorch ReduceLROnPlateau's rule: call step(value) after every step; .lr is the next rate."""

    def __init__(self, lr, mode, factor, patience, threshold, threshold_mode, cooldown, min_lr, eps):
        self.lr, self.mode, self.factor, self.patience = lr, mode, factor, patience
        self.threshold, self.threshold_mode, self.cooldown = threshold, threshold_mode, cooldown
        self.min_lr, self.eps = min_lr, eps
        self.best = float("inf") if mode == "min" else -float("inf")
        self.bad = 0
        self.cooldown_counter = 0

    def _is_better(self, a):
        if self.mode == "min":
            return a < self.best * (1 - self.threshold) if self.threshold_mode == "rel" else a < self.best - self.threshold
        return a > self.best * (1 + self.threshold) if self.threshold_mode == "rel" else a > self.best + self.threshold

    def step(self, value):
        """Returns "decay" when the rate was reduced, else None."""
        if self._is_better(value):
            self.best, self.bad = value, 0
        else:
            self.bad += 1
        if self.cooldown_counter > 0:
            self.cooldown_counter -= 1
            self.bad = 0
        if self.bad <= self.patience:
            return None
        self.cooldown_counter, self.bad = self.cooldown, 0
        new_lr = max(self.lr * self.factor, self.min_lr)
        if self.lr - new_lr > self.eps:
            self.lr = new_lr
            return "decay"
        return None`;

export const PY_AUTODECAY_CLASS = `class AutoDecay:
    """AutoDecay ('How Does Learning Rate Decay Help Modern Neural Networks?', appendix A.1).

    Call step(loss) after every step with that step's mean training loss. Every observe_every
    steps it observes the mean of the losses since its last observation, and returns "decay" when
    the rate was multiplied by factor (a new stage begins), "terminate" when training should stop,
    else None. .lr is the rate of the next step; with an optimizer, its param groups follow it.
    """

    def __init__(self, lr, factor, beta, window, tolerance, drop, epsilon, observe_every=1, optimizer=None):
        self.lr, self.factor, self.beta, self.window = lr, factor, beta, window
        self.tolerance, self.drop, self.epsilon = tolerance, drop, epsilon
        self.observe_every, self.pending_sum, self.pending_steps = observe_every, 0.0, 0
        self.optimizer = optimizer
        self._new_stage()

    def _new_stage(self):
        self.k, self.f, self.g_start, self.recent = 0, 0.0, 0.0, []

    def step(self, loss):
        self.pending_sum += loss
        self.pending_steps += 1
        if self.pending_steps < self.observe_every:
            return None
        loss = self.pending_sum / self.pending_steps
        self.pending_sum, self.pending_steps = 0.0, 0
        self.k += 1
        self.f = self.beta * self.f + (1 - self.beta) * loss
        g = self.f / (1 - self.beta ** self.k)  # bias-corrected EDMA
        if self.k == 1:
            self.g_start = g
        self.recent = (self.recent + [g])[-self.window:]
        if self.k < self.window:
            return None
        lo, hi = min(self.recent), max(self.recent)
        if not (hi - lo) / (lo + self.epsilon) < self.tolerance:
            return None
        if (g + self.epsilon) / (self.g_start + self.epsilon) <= self.drop:
            self.lr *= self.factor
            if self.optimizer is not None:
                for group in self.optimizer.param_groups:
                    group["lr"] = self.lr
            self._new_stage()
            return "decay"
        return "terminate"`;

export function pyPlateauArgs(d: DefinitionOf<"plateau">): string {
  return [
    `lr=${f(d.lr)}`, `mode=${pyStr(d.mode)}`, `factor=${f(d.factor)}`, `patience=${i(d.patience)}`,
    `threshold=${f(d.threshold)}`, `threshold_mode=${pyStr(d.thresholdMode)}`, `cooldown=${i(d.cooldown)}`,
    `min_lr=${f(d.minLr)}`, `eps=${f(d.eps)}`,
  ].join(", ");
}

export function pyAutoDecayArgs(d: DefinitionOf<"autoDecay">): string {
  return [
    `lr=${f(d.lr)}`, `factor=${f(d.factor)}`, `beta=${f(d.beta)}`, `window=${i(d.window)}`,
    `tolerance=${f(d.tolerance)}`, `drop=${f(d.drop)}`, `epsilon=${f(d.epsilon)}`, `observe_every=${i(d.observeEvery)}`,
  ].join(", ");
}
