/** Clean PS10 samples in vector form. */
import type { Ps10Centres } from "./centres";
import {
  COMPLEX_PER_CLASS,
  KIND_COMPLEX,
  KIND_SIMPLE,
  PATTERN_DIM,
  PS10_CHANNELS,
  PS10_CLASSES,
  SIMPLE_PER_CLASS,
} from "./constants";
import { Gaussian } from "./gaussian";
import type { Sfc32 } from "./rng";
import type { Ps10Split } from "./types";

/**
 * Draw order per sample (part of the data set's definition): class y = uniformInt(10) (classes are
 * balanced in expectation, not exactly), kind = uniformInt(2) (0 simple, 1 complex), centre index =
 * uniformInt(10 or 100) among class y's centres of that kind, then three normals for x, y, z. Values are
 * centre + jitter * normal computed in float64 and stored as float32; the other kind's channels stay 0.
 */
export function drawCleanSamples(rng: Sfc32, n: number, centres: Ps10Centres, jitter: number): Ps10Split {
  const gaussian = new Gaussian(rng);
  const inputs = new Float32Array(n * PS10_CHANNELS);
  const labels = new Int32Array(n);
  const kind = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const y = rng.uniformInt(PS10_CLASSES);
    const k = rng.uniformInt(2);
    const perClass = k === KIND_SIMPLE ? SIMPLE_PER_CLASS : COMPLEX_PER_CLASS;
    const table = k === KIND_SIMPLE ? centres.simple : centres.complex;
    const centre = (y * perClass + rng.uniformInt(perClass)) * PATTERN_DIM;
    const out = i * PS10_CHANNELS + (k === KIND_COMPLEX ? PATTERN_DIM : 0);
    for (let d = 0; d < PATTERN_DIM; d++) inputs[out + d] = table[centre + d] + jitter * gaussian.next();
    labels[i] = y;
    kind[i] = k;
  }
  return { inputs, labels, cleanLabels: labels.slice(), kind, noisy: new Uint8Array(n), n };
}
