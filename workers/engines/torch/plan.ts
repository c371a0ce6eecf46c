/**
 * What the torch engine trains for each catalog task and tier: the model, the optimizer's fixed parts
 * and where the data come from. The catalog (lib/tasks/catalog) names them in words; this is the
 * same contract as numbers for the Python trainer.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { findTask, type TaskTier } from "@/lib/tasks/catalog";
import { FASHION_MNIST_NORMALISATION, fashionMnistDir, fashionMnistMissing } from "@/lib/tasks/fashion-mnist";
import { PS10_SMOKE_MODEL } from "@/lib/tasks/ps10";
import type { TaskSetup } from "../types";

export type ModelSpec =
  | { name: "mlp"; layers: number[] }
  | { name: "linear"; inputs: number; classes: number }
  | { name: "small-cnn"; inChannels: number; classes: number }
  | { name: "fourier-mlp"; frequencies: number; sigma: number; hidden: number[]; classes: number }
  | { name: "wrn"; depth: number; widen: number; classes: number; inChannels?: number }
  | { name: "resnet"; depth: 18 | 50; classes?: number; inChannels: number; width: number; smallInput: boolean };

/** Fixed per-channel constants on [0, 1]; a task without them normalises by its training split's statistics. */
export interface Normalisation {
  mean: number[];
  std: number[];
}

export type DataSpec =
  | { kind: "ps10"; form: "vector" | "image"; height: number; width: number }
  | { kind: "cifar10"; dir: string; trainSize: number; testSize: number; normalisation: Normalisation; padMode: "reflect" | "zeros" }
  | { kind: "fashion-mnist"; dir: string; trainSize: number; testSize: number; normalisation: Normalisation; augment: "none" | "crop" }
  | { kind: "images"; root: string; size: number; trainSize: number; testSize: number; normalisation: Normalisation; augment: "randomResizedCrop" | "crop" };

/** The WRN reference code's CIFAR-10 constants (tasks.md), not the statistics of whatever subset a tier reads. */
export const CIFAR10_NORMALISATION: Normalisation = { mean: [125.3 / 255, 123.0 / 255, 113.9 / 255], std: [63.0 / 255, 62.1 / 255, 66.7 / 255] };
/** The ImageNet constants of the official PyTorch recipe. */
export const IMAGENET_NORMALISATION: Normalisation = { mean: [0.485, 0.456, 0.406], std: [0.229, 0.224, 0.225] };

export interface TorchPlan {
  taskId: string;
  tier: TaskTier;
  model: ModelSpec;
  data: DataSpec;
  batchSize: number;
  weightDecay: number;
  momentum: number;
  nesterov: boolean;
}

export interface SizeOverride {
  train?: number;
  test?: number;
}

/** Where a worker's --data folder keeps each task's files. */
export const DATA_LAYOUT = {
  cifar10: "cifar10 (or the folder itself): data_batch_1.bin .. data_batch_5.bin and test_batch.bin",
  imagenet: "imagenet-subset/train/<class>/*.jpg and imagenet-subset/val/<class>/*.jpg",
  transfer: "transfer/<target>/train/<class>/*.jpg and transfer/<target>/val/<class>/*.jpg",
} as const;

export function cifarDir(dataDir: string): string | null {
  for (const candidate of [path.join(dataDir, "cifar10"), path.join(dataDir, "cifar-10-batches-bin"), dataDir]) {
    if (existsSync(path.join(candidate, "test_batch.bin"))) return candidate;
  }
  return null;
}

export const imagenetDir = (dataDir: string) => path.join(dataDir, "imagenet-subset");
export const transferDir = (dataDir: string) => path.join(dataDir, "transfer");

/**
 * The tasks this engine can run with this data folder: ps10-noise always, the others when their files
 * are there (fashion-mnist also from the Debian package's folder, `systemDir`).
 */
export function runnableTasks(dataDir: string | undefined, systemDir?: string): string[] {
  const tasks = ["ps10-noise"];
  if (dataDir && cifarDir(dataDir)) tasks.push("cifar10-wrn");
  if (dataDir && existsSync(path.join(imagenetDir(dataDir), "train"))) tasks.push("imagenet-subset-transfer");
  if (fashionMnistDir(dataDir, systemDir)) tasks.push("fashion-mnist");
  return tasks;
}

/** Why each catalog task this engine knows is not runnable here, with what would make it so: the worker logs it at start. */
export function unavailableTasks(dataDir: string | undefined, systemDir?: string): { taskId: string; reason: string }[] {
  const runnable = runnableTasks(dataDir, systemDir);
  const reasons: Record<string, string> = {
    "cifar10-wrn": `needs --data DIR holding ${DATA_LAYOUT.cifar10}`,
    "imagenet-subset-transfer": `needs --data DIR holding ${DATA_LAYOUT.imagenet}`,
    "fashion-mnist": fashionMnistMissing(dataDir),
  };
  return Object.entries(reasons).filter(([taskId]) => !runnable.includes(taskId)).map(([taskId, reason]) => ({ taskId, reason }));
}

const WRN: Record<string, [number, number]> = { smoke: [10, 1], short: [16, 4], full: [28, 10] };
const IMAGE_SIZE: Record<string, number> = { smoke: 64, short: 224, full: 224 };

function needData(taskId: string, dataDir: string | undefined, what: string): string {
  if (!dataDir) throw new Error(`${taskId} needs its data: start the worker with --data DIR holding ${what}`);
  return dataDir;
}

export function planTorchTask(task: TaskSetup, sizes?: SizeOverride): TorchPlan {
  const definition = findTask(task.taskId);
  if (!definition) throw new Error(`unknown task "${task.taskId}"`);
  const tier = definition.tiers.find((t) => t.tier === task.tier);
  if (!tier) throw new Error(`task ${definition.id} has no tier "${task.tier}"`);
  const trainSize = sizes?.train ?? tier.trainSamples;
  const testSize = sizes?.test ?? tier.testSamples;
  const common = { taskId: definition.id, tier, batchSize: tier.batchSize, momentum: 0.9, nesterov: false };

  switch (definition.id) {
    case "ps10-noise":
    {
      // Smoke: a Fourier-feature MLP on the vector form; short and full: the paper's WideResNets on the 6-channel images.
      const [depth, widen] = WRN[tier.tier];
      return {
        ...common,
        weightDecay: 5e-4,
        model: tier.tier === "smoke" ? { name: "fourier-mlp", ...PS10_SMOKE_MODEL, hidden: [...PS10_SMOKE_MODEL.hidden] } : { name: "wrn", depth, widen, classes: 10, inChannels: 6 },
        data: { kind: "ps10", form: tier.tier === "smoke" ? "vector" : "image", height: 32, width: 32 },
      };
    }
    case "cifar10-wrn": {
      const root = needData(definition.id, task.dataDir, DATA_LAYOUT.cifar10);
      const dir = cifarDir(root);
      if (!dir) throw new Error(`no CIFAR-10 binaries under ${root}: expected ${DATA_LAYOUT.cifar10}`);
      const [depth, widen] = WRN[tier.tier];
      // The WRN reference recipe: Nesterov momentum, fixed constants, reflection-padded crops.
      return {
        ...common,
        nesterov: true,
        weightDecay: 5e-4,
        model: { name: "wrn", depth, widen, classes: 10 },
        data: { kind: "cifar10", dir, trainSize, testSize, normalisation: CIFAR10_NORMALISATION, padMode: "reflect" },
      };
    }
    case "imagenet-subset-transfer": {
      const root = needData(definition.id, task.dataDir, DATA_LAYOUT.imagenet);
      if (!existsSync(path.join(imagenetDir(root), "train"))) throw new Error(`no ImageNet-style folder under ${root}: expected ${DATA_LAYOUT.imagenet}`);
      return {
        ...common,
        weightDecay: 1e-4,
        // Classes come from the folder; the trainer sizes the head once it has read them.
        model: { name: "resnet", depth: tier.tier === "full" ? 50 : 18, inChannels: 3, width: tier.tier === "smoke" ? 8 : 64, smallInput: false },
        data: { kind: "images", root: imagenetDir(root), size: IMAGE_SIZE[tier.tier], trainSize, testSize, normalisation: IMAGENET_NORMALISATION, augment: "randomResizedCrop" },
      };
    }
    case "fashion-mnist": {
      const dir = fashionMnistDir(task.dataDir);
      if (!dir) throw new Error(fashionMnistMissing(task.dataDir));
      const data = { kind: "fashion-mnist" as const, dir, trainSize, testSize, normalisation: FASHION_MNIST_NORMALISATION };
      if (tier.tier === "smoke") {
        // The article's one-layer network: plain SGD, nothing that would damp a high rate.
        return { ...common, momentum: 0, weightDecay: 0, model: { name: "linear", inputs: 784, classes: 10 }, data: { ...data, augment: "none" } };
      }
      if (tier.tier === "short") return { ...common, weightDecay: 5e-4, model: { name: "small-cnn", inChannels: 1, classes: 10 }, data: { ...data, augment: "none" } };
      return {
        ...common,
        weightDecay: 5e-4,
        model: { name: "resnet", depth: 18, classes: 10, inChannels: 1, width: 64, smallInput: true },
        data: { ...data, augment: "crop" },
      };
    }
    default:
      throw new Error(`the torch engine does not know task ${definition.id}`);
  }
}
