/**
 * The transfer half of imagenet-subset-transfer: every stage snapshot is judged on every target folder,
 * `fix` (its features frozen, run with onnxruntime-node, and a linear classifier trained on them) and
 * `finetune` (the whole snapshot trained on the target by the engine).
 */
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { existsSync } from "node:fs";
import path from "node:path";
import type { MetricPointBody } from "@/lib/api/runs";
import type { TierName } from "@/lib/tasks/catalog";
import { probeAccuracy, trainLinearProbe } from "@/lib/tasks/linear-probe";
import { finetuneRates, TRANSFER_RECIPE, transferSeriesName } from "@/lib/tasks/transfer-recipe";
import type { TransferSupport } from "../engines/types";
import { openOnnx, readFloat32, readInt32 } from "../onnx";

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
  const points: MetricPointBody[] = [];
  const total = targets.length * stages.length;
  let done = 0;
  for (const target of targets) {
    const root = path.join(options.transferRoot, target);
    const dir = await mkdtemp(path.join(options.workDir, "target-"));
    try {
      const arrays = await support.targetArrays(root, dir, limits);
      const [trainX, trainY, testX, testY] = await Promise.all([readFloat32(arrays.train.x), readInt32(arrays.train.y), readFloat32(arrays.test.x), readInt32(arrays.test.y)]);
      for (const stage of stages) {
        options.checkAbort?.();
        options.onProgress?.(done++, total, `${target}, snapshot of epoch ${stage.epoch + 1}`);
        // The snapshot as a frozen feature extractor, loaded once for both splits.
        const snapshot = await openOnnx(stage.onnx);
        let train, test;
        try {
          train = await snapshot.outputs(trainX, arrays.train.n, arrays.train.shape, { output: "features" });
          test = await snapshot.outputs(testX, arrays.test.n, arrays.test.shape, { output: "features" });
        } finally {
          await snapshot.release();
        }
        const probe = trainLinearProbe({ features: train.values, dim: train.dim, labels: trainY }, arrays.classes.length);
        const fix = probeAccuracy(probe, { features: test.values, dim: test.dim, labels: testY });
        const finetune = await support.finetune(stage.weights, root, rates, limits);
        if (fix !== null) points.push({ name: transferSeriesName("fix", target), x: stage.epoch, value: fix });
        points.push({ name: transferSeriesName("finetune", target), x: stage.epoch, value: finetune });
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
  options.onProgress?.(total, total, "done");
  return points;
}
