/** generatePs10: the PS10 data set of tasks.md ("ps10-noise"), a pure function of its options. */
import { drawCentres } from "./centres";
import { PS10_DATA_SEED, PS10_GENERATOR, STREAM_CENTRES, STREAM_NOISE, STREAM_TEST, STREAM_TRAIN } from "./constants";
import { vectorToImage } from "./image";
import { applyLabelNoise } from "./noise";
import { Sfc32 } from "./rng";
import { drawCleanSamples } from "./samples";
import type { Ps10Config, Ps10Dataset, Ps10Options, Ps10Split } from "./types";

function sizeOf(name: string, value: number, min: number): number {
  if (!Number.isSafeInteger(value) || value < min) throw new RangeError(`${name} must be an integer >= ${min}, got ${value}`);
  return value;
}

export function resolvePs10Config(options: Ps10Options): Ps10Config {
  const { seed, noise = 0.1, jitter = 0.01, form = "vector", height = 32, width = 32 } = options;
  if (!Number.isSafeInteger(seed) || seed < 0) throw new RangeError(`seed must be a non-negative safe integer, got ${seed}`);
  const trainSize = sizeOf("trainSize", options.trainSize, 0);
  const testSize = sizeOf("testSize", options.testSize, 0);
  if (!(noise >= 0 && noise <= 1)) throw new RangeError(`noise must be in [0, 1], got ${noise}`);
  if (!(jitter >= 0 && Number.isFinite(jitter))) throw new RangeError(`jitter must be a finite number >= 0, got ${jitter}`);
  if (form !== "vector" && form !== "image") throw new RangeError(`form must be "vector" or "image", got ${String(form)}`);
  return {
    generator: PS10_GENERATOR,
    seed,
    trainSize,
    testSize,
    noise,
    jitter,
    form,
    height: sizeOf("height", height, 1),
    width: sizeOf("width", width, 1),
    // Math.round: halves go up, so noise 0.1 of 5 samples (0.5) gives 1 noisy sample.
    noisyCount: Math.round(noise * trainSize),
  };
}

/**
 * Deterministic from the seed and identical in every engine (see rng.ts and gaussian.ts). Each part has
 * its own Sfc32 stream of the seed: the centres (shared by both splits), the training samples, the
 * test samples and the label noise; so the test set does not change with trainSize or noise, and the
 * training inputs do not change with noise.
 */
export function generatePs10(options: Ps10Options): Ps10Dataset {
  const config = resolvePs10Config(options);
  const centres = drawCentres(new Sfc32(config.seed, STREAM_CENTRES));
  const train = drawCleanSamples(new Sfc32(config.seed, STREAM_TRAIN), config.trainSize, centres, config.jitter);
  applyLabelNoise(train, new Sfc32(config.seed, STREAM_NOISE), config.noisyCount);
  const test = drawCleanSamples(new Sfc32(config.seed, STREAM_TEST), config.testSize, centres, config.jitter);
  const shape = (split: Ps10Split): Ps10Split =>
    config.form === "image" ? { ...split, inputs: vectorToImage(split.inputs, config.height, config.width) } : split;
  return { train: shape(train), test: shape(test), centres, config };
}

/**
 * A tier's data in vector form, as every engine and verification builds it: from the fixed data seed,
 * never the run's, so all schedules and training seeds see the same samples.
 */
export function generatePs10TaskData(sizes: { trainSize: number; testSize: number }): Ps10Dataset {
  return generatePs10({ seed: PS10_DATA_SEED, trainSize: sizes.trainSize, testSize: sizes.testSize, form: "vector" });
}
