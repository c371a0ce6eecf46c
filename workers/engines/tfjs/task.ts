/** Which catalog tasks this engine can train, and the sizes it trains them at. */
import { findTask, type TaskTier } from "@/lib/tasks/catalog";
import type { TaskSetup } from "../types";

export interface SizeOverride {
  train?: number;
  test?: number;
}

export interface Ps10Plan {
  tier: TaskTier;
  trainSize: number;
  testSize: number;
  batchSize: number;
}

/**
 * Only the ps10-noise smoke tier is an MLP (on Fourier features of the vector form); every other tier names a convolutional
 * network on images, which the pure-JS backend would train too slowly to be worth supporting.
 */
export function planPs10(task: TaskSetup, sizes?: SizeOverride): Ps10Plan {
  const definition = findTask(task.taskId);
  if (!definition) throw new Error(`unknown task "${task.taskId}"`);
  if (definition.id !== "ps10-noise") {
    throw new Error(`the tfjs engine does not run ${definition.id}; use the torch engine (--engine torch)`);
  }
  const tier = definition.tiers.find((t) => t.tier === task.tier);
  if (!tier) throw new Error(`task ${definition.id} has no tier "${task.tier}"`);
  if (tier.tier !== "smoke") {
    throw new Error(
      `the tfjs engine runs ps10-noise smoke only (the Fourier-feature MLP on the vector form); tier "${tier.tier}" needs ${tier.model}: use --engine torch`,
    );
  }
  return {
    tier,
    trainSize: sizes?.train ?? tier.trainSamples,
    testSize: sizes?.test ?? tier.testSamples,
    batchSize: tier.batchSize,
  };
}
