import { describe, expect, it } from "vitest";
import { Sfc32 } from "./ps10";
import { probeAccuracy, trainLinearProbe, type FeatureSet } from "./linear-probe";

/** Gaussian-ish blobs around one centre per class, with a constant (dead) feature thrown in. */
function blobs(n: number, classes: number, seed: number, spread: number): FeatureSet {
  const rng = new Sfc32(seed, 7);
  const dim = 4;
  const features = new Float32Array(n * dim);
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const c = i % classes;
    labels[i] = c;
    features[i * dim] = 10 * Math.cos((2 * Math.PI * c) / classes) + spread * (rng.uniform() - 0.5);
    features[i * dim + 1] = 10 * Math.sin((2 * Math.PI * c) / classes) + spread * (rng.uniform() - 0.5);
    features[i * dim + 2] = 3;
    features[i * dim + 3] = 1000 + spread * (rng.uniform() - 0.5);
  }
  return { features, dim, labels };
}

describe("linear probe", () => {
  it("separates linearly separable classes, whatever the feature scales", () => {
    const probe = trainLinearProbe(blobs(200, 5, 1, 4), 5);
    expect(probeAccuracy(probe, blobs(100, 5, 2, 4))).toBe(1);
  });

  it("is at chance on features that carry nothing, and deterministic", () => {
    const noise = blobs(300, 3, 3, 0);
    const shuffled: FeatureSet = { ...noise, labels: Int32Array.from(noise.labels, (_, i) => Math.floor(i / 3) % 3) };
    const a = trainLinearProbe(shuffled, 3, { steps: 50 });
    const b = trainLinearProbe(shuffled, 3, { steps: 50 });
    expect(a.weights).toEqual(b.weights);
    expect(probeAccuracy(a, shuffled)!).toBeLessThan(0.5);
  });

  it("names bad input", () => {
    expect(() => trainLinearProbe({ features: new Float32Array(6), dim: 4, labels: new Int32Array(1) }, 2)).toThrow("features hold 6 values, not a multiple of dim 4");
    expect(() => trainLinearProbe({ features: new Float32Array(4), dim: 4, labels: Int32Array.of(5) }, 2)).toThrow("label 5 is outside 0..1");
  });
});
