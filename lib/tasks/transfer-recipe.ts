/**
 * The fixed transfer protocol of imagenet-subset-transfer: every schedule's snapshots are judged by the
 * same recipe, so target accuracies differ only by what the schedule's stages learned.
 */
import { createScheduler, parseDefinition } from "../schedules";
import type { TierName } from "./catalog";
import { TRANSFER_MODES, type TransferMode } from "./transfer";

export const TRANSFER_RECIPE = {
  /** `finetune`: the whole snapshot, cosine from this rate to 0 per epoch; the new head at 10x (tasks.md). */
  finetune: { lr: 0.01, epochs: { smoke: 2, short: 10, full: 20 } as Record<TierName, number> },
  /**
   * `fix`: the linear classifier on frozen features, trained to convergence on the engine's device; the
   * bound on L-BFGS iterations keeps a tier's cost bounded (a result that hit it is recorded as such).
   */
  probe: { l2: 1e-3, maxIterations: { smoke: 100, short: 500, full: 1000 } as Record<TierName, number> },
  /** Target images per split the smoke tier keeps, so a CPU worker finishes the transfer in minutes. */
  targetSamples: { smoke: { train: 500, test: 200 }, short: null, full: null } as Record<TierName, { train: number; test: number } | null>,
};

/** The finetune rate of each epoch, from lib/schedules like every other rate in lrbench. */
export function finetuneRates(tier: TierName): number[] {
  const epochs = TRANSFER_RECIPE.finetune.epochs[tier];
  const parsed = parseDefinition({ kind: "cosine", lr: TRANSFER_RECIPE.finetune.lr, tMax: epochs, unit: "epoch" });
  if (!parsed.ok) throw new Error(`bad finetune recipe: ${JSON.stringify(parsed.errors)}`);
  const scheduler = createScheduler(parsed.definition);
  return Array.from({ length: epochs }, () => {
    const lr = scheduler.lr();
    scheduler.advance();
    return lr;
  });
}

/** A metric name carries only [A-Za-z0-9_./:-]; other characters of a folder name become _. */
export function transferSeriesName(mode: TransferMode, target: string): string {
  if (!TRANSFER_MODES.includes(mode)) throw new RangeError(`mode must be one of ${TRANSFER_MODES.join(", ")}`);
  return `transfer/${mode}/${target.replace(/[^A-Za-z0-9_.:-]/g, "_").slice(0, 80)}`;
}
