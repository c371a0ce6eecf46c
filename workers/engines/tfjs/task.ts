/** Which catalog tasks this engine can train, and the sizes it trains them at. */
import { findTask, type TaskTier } from "@/lib/tasks/catalog";
import { fashionMnistDir, fashionMnistMissing } from "@/lib/tasks/fashion-mnist";
import type { TaskSetup } from "../types";

export interface SizeOverride {
  train?: number;
  test?: number;
}

export interface TfjsPlan {
  kind: "ps10" | "fashion-mnist";
  tier: TaskTier;
  trainSize: number;
  testSize: number;
  batchSize: number;
  /** fashion-mnist: the folder with its IDX files. */
  dir?: string;
}

/** The tasks whose smoke tier this engine trains. */
export const TFJS_TASKS = ["ps10-noise", "fashion-mnist"] as const;

/**
 * Only the smoke tiers of ps10-noise (an MLP on Fourier features of the vector form) and fashion-mnist
 * (a softmax regression) are written for this engine; every other tier names a convolutional network
 * on images, which the pure-JS backend would train too slowly to be worth supporting.
 */
export function planTfjsTask(task: TaskSetup, sizes?: SizeOverride): TfjsPlan {
  const definition = findTask(task.taskId);
  if (!definition) throw new Error(`unknown task "${task.taskId}"`);
  if (!(TFJS_TASKS as readonly string[]).includes(definition.id)) {
    throw new Error(`the tfjs engine does not run ${definition.id}; use the torch engine (--engine torch)`);
  }
  const tier = definition.tiers.find((t) => t.tier === task.tier);
  if (!tier) throw new Error(`task ${definition.id} has no tier "${task.tier}"`);
  if (tier.tier !== "smoke") {
    throw new Error(
      `the tfjs engine runs the smoke tiers of ${TFJS_TASKS.join(" and ")} only; ${definition.id} ${tier.tier} needs ${tier.model}: use --engine torch`,
    );
  }
  const plan = { tier, trainSize: sizes?.train ?? tier.trainSamples, testSize: sizes?.test ?? tier.testSamples, batchSize: tier.batchSize };
  if (definition.id === "ps10-noise") return { kind: "ps10", ...plan };
  const dir = fashionMnistDir(task.dataDir);
  if (!dir) throw new Error(fashionMnistMissing(task.dataDir));
  return { kind: "fashion-mnist", dir, ...plan };
}
