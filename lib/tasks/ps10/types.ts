/** The shapes of the PS10 data set (tasks.md, "ps10-noise"). */

export type Ps10Form = "vector" | "image";

export interface Ps10Options {
  /** A non-negative safe integer; the whole data set follows from it. */
  seed: number;
  trainSize: number;
  testSize: number;
  /** Share of training samples whose label is replaced (0.1 in tasks.md). */
  noise?: number;
  /** Standard deviation of the Gaussian jitter per coordinate (0.01 in tasks.md). */
  jitter?: number;
  form?: Ps10Form;
  /** Image form only: each channel value is repeated over height x width. */
  height?: number;
  width?: number;
}

/** The options with defaults filled in, plus what a result needs to name the exact data it ran on. */
export interface Ps10Config {
  /** Bumped whenever the generator's output changes, so old results are never compared with new data. */
  generator: string;
  seed: number;
  trainSize: number;
  testSize: number;
  noise: number;
  jitter: number;
  form: Ps10Form;
  height: number;
  width: number;
  /** round(noise * trainSize): the exact number of training samples with a replaced label. */
  noisyCount: number;
}

export interface Ps10Split {
  /** n x 6 (vector form) or n x 6 x height x width (image form, channels first). */
  inputs: Float32Array;
  /** The label trained on: the noisy one for noisy samples. */
  labels: Int32Array;
  /** The class the sample was drawn from. */
  cleanLabels: Int32Array;
  /** 0 simple, 1 complex. */
  kind: Uint8Array;
  /** 1 where the label was replaced (training split only). */
  noisy: Uint8Array;
  n: number;
}

export interface Ps10Dataset {
  train: Ps10Split;
  test: Ps10Split;
  centres: {
    /** 10 classes x 10 centres x 3, class-major. */
    simple: Float32Array;
    /** 10 classes x 100 centres x 3, class-major. */
    complex: Float32Array;
  };
  config: Ps10Config;
}
