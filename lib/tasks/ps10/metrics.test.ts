import { describe, expect, it } from "vitest";
import { ps10Metrics } from "./metrics";
import { patternComplexity, subsetMasks } from "./subsets";
import type { Ps10Split } from "./types";

function split(rows: { label: number; clean: number; kind: 0 | 1 }[]): Ps10Split {
  const n = rows.length;
  return {
    inputs: new Float32Array(n * 6),
    labels: Int32Array.from(rows, (r) => r.label),
    cleanLabels: Int32Array.from(rows, (r) => r.clean),
    kind: Uint8Array.from(rows, (r) => r.kind),
    noisy: Uint8Array.from(rows, (r) => (r.label === r.clean ? 0 : 1)),
    n,
  };
}

// 0-2 clean simple, 3-5 clean complex, 6-7 noisy (one of each kind).
const train = split([
  { label: 0, clean: 0, kind: 0 },
  { label: 1, clean: 1, kind: 0 },
  { label: 2, clean: 2, kind: 0 },
  { label: 3, clean: 3, kind: 1 },
  { label: 4, clean: 4, kind: 1 },
  { label: 5, clean: 5, kind: 1 },
  { label: 7, clean: 6, kind: 0 },
  { label: 9, clean: 8, kind: 1 },
]);

describe("subsetMasks", () => {
  it("puts noisy samples in the noise subset only, whatever their kind", () => {
    const m = subsetMasks(train);
    expect(m.simple).toEqual([true, true, true, false, false, false, false, false]);
    expect(m.complex).toEqual([false, false, false, true, true, true, false, false]);
    expect(m.noise).toEqual([false, false, false, false, false, false, true, true]);
  });

  it("reports the pattern complexity of tasks.md", () => {
    expect(patternComplexity()).toEqual({ simple: Math.log2(10), complex: Math.log2(100) });
  });
});

describe("ps10Metrics", () => {
  it("train: clean subsets against their labels, noise against the NOISY label (memorisation)", () => {
    // Simple: 2 of 3 right; complex: 1 of 3; noisy: sample 6 predicted with its noisy label 7,
    // sample 7 with its clean label 8, which counts as not memorised.
    const predictions = Int32Array.from([0, 1, 9, 3, 0, 0, 7, 8]);
    expect(ps10Metrics(predictions, train, "train")).toEqual({ acc_simple: 2 / 3, acc_complex: 1 / 3, acc_noise: 1 / 2 });
    expect(ps10Metrics(train.labels, train, "train")).toEqual({ acc_simple: 1, acc_complex: 1, acc_noise: 1 });
    expect(ps10Metrics(train.cleanLabels, train, "train")).toEqual({ acc_simple: 1, acc_complex: 1, acc_noise: 0 });
  });

  it("test: overall, simple and complex accuracy", () => {
    const test = split([
      { label: 0, clean: 0, kind: 0 },
      { label: 1, clean: 1, kind: 0 },
      { label: 2, clean: 2, kind: 1 },
      { label: 3, clean: 3, kind: 1 },
      { label: 4, clean: 4, kind: 1 },
    ]);
    expect(ps10Metrics(Int32Array.from([0, 0, 2, 3, 0]), test, "test")).toEqual({ acc: 3 / 5, acc_simple: 1 / 2, acc_complex: 2 / 3 });
  });

  it("gives null for an empty subset and refuses mismatched or noisy input", () => {
    const clean = split([{ label: 1, clean: 1, kind: 0 }]);
    expect(ps10Metrics(Int32Array.from([1]), clean, "train")).toEqual({ acc_simple: 1, acc_complex: null, acc_noise: null });
    expect(ps10Metrics(new Int32Array(0), split([]), "test")).toEqual({ acc: null, acc_simple: null, acc_complex: null });
    expect(() => ps10Metrics(new Int32Array(3), train, "train")).toThrow(/expected 8 predictions, got 3/);
    expect(() => ps10Metrics(new Int32Array(8), train, "test")).toThrow(/clean split/);
  });
});
