/**
 * The transfer half of imagenet-subset-transfer: every stage snapshot is judged on every target folder,
 * `fix` (its features frozen and a linear classifier trained on them to convergence, on the engine's device) and
 * `finetune` (the whole snapshot trained on the target by the engine).
 */
import { readdir } from "node:fs/promises";
import { existsSync } from "node:fs";
import path from "node:path";
import type { MetricPointBody } from "@/lib/api/runs";
import type { TierName } from "@/lib/tasks/catalog";
import { finetuneRates, TRANSFER_RECIPE, transferSeriesName } from "@/lib/tasks/transfer-recipe";
import type { TransferSupport } from "../engines/types";

export interface Stage {
  /** The epoch whose end the snapshot captures (the run's x). */
  epoch: number;
  weights: string;
  onnx: string;
}

/** Sub-folders of DIR/transfer that hold a train/ folder, by name. */
export async function transferTargets(transferRoot: string): Promise<string[]> {
  if (!existsSync(transferRoot)) return [];
  const entries = await readdir(transferRoot, { withFileTypes: true });
  return entries.filter((e) => e.isDirectory() && existsSync(path.join(transferRoot, e.name, "train"))).map((e) => e.name).sort();
}

export interface TransferOptions {
  tier: TierName;
  transferRoot: string;
  workDir: string;
  log: (line: string) => void;
  /** Called before each snapshot x target evaluation, with how many are done and in all. */
  onProgress?: (done: number, total: number, what: string) => void;
  checkAbort?: () => void;
}

export async function evaluateTransfer(support: TransferSupport, stages: Stage[], options: TransferOptions): Promise<MetricPointBody[]> {
  const targets = await transferTargets(options.transferRoot);
  if (targets.length === 0) {
    options.log(`no transfer targets under ${options.transferRoot} (expected <target>/train/<class>/*.jpg and <target>/val/...); the run has source accuracy only`);
    return [];
  }
  const limits = TRANSFER_RECIPE.targetSamples[options.tier];
  const rates = finetuneRates(options.tier);
  const probeOptions = { l2: TRANSFER_RECIPE.probe.l2, maxIterations: TRANSFER_RECIPE.probe.maxIterations[options.tier] };
  const points: MetricPointBody[] = [];
  const total = targets.length * stages.length;
  let done = 0;
  for (const target of targets) {
    const root = path.join(options.transferRoot, target);
    for (const stage of stages) {
      options.checkAbort?.();
      options.onProgress?.(done++, total, `${target}, snapshot of epoch ${stage.epoch + 1}`);
      const fix = await support.probe(stage.weights, root, limits, probeOptions);
      if (!fix.converged) options.log(`fix transfer on ${target}, snapshot of epoch ${stage.epoch + 1}: stopped at the tier's bound of ${probeOptions.maxIterations} iterations`);
      const finetune = await support.finetune(stage.weights, root, rates, limits);
      points.push({ name: transferSeriesName("fix", target), x: stage.epoch, value: fix.acc });
      points.push({ name: transferSeriesName("finetune", target), x: stage.epoch, value: finetune });
    }
  }
  options.onProgress?.(total, total, "done");
  return points;
}

