/**
 * Divergence as a result (issue 13): a training loss or a rate that is not a finite number ends the run
 * as `diverged` at the iteration it happened, never as a failure to retry. A rate above float32's
 * largest value counts as not finite: the engines train in float32, where it would be Infinity (and
 * PyTorch refuses it with "value cannot be converted to type float without overflow").
 */

export const FLOAT32_MAX = 3.4028234663852886e38;

export interface DivergedAt {
  epoch: number;
  iteration: number;
}

export class DivergedError extends Error {
  constructor(
    readonly at: DivergedAt,
    readonly reason: string,
  ) {
    super(`diverged at epoch ${at.epoch}, iteration ${at.iteration}: ${reason}`);
  }
}

/** Why a rate cannot be trained with, or null when it can. */
export function rateProblem(lr: number): string | null {
  if (!Number.isFinite(lr)) return `the rate is ${lr}`;
  if (Math.abs(lr) > FLOAT32_MAX) return `the rate ${lr.toExponential(3)} overflows float32`;
  return null;
}

export function checkRate(lr: number, at: DivergedAt): number {
  const problem = rateProblem(lr);
  if (problem) throw new DivergedError(at, problem);
  return lr;
}

export function checkLoss(loss: number, lr: number, at: DivergedAt): number {
  if (!Number.isFinite(loss)) throw new DivergedError(at, `the training loss is ${loss} (rate ${lr.toExponential(3)})`);
  return loss;
}
