/** The subsets PS10's metrics are taken on, and the pattern complexity that tells them apart. */
import { COMPLEX_PER_CLASS, KIND_COMPLEX, KIND_SIMPLE, SIMPLE_PER_CLASS } from "./constants";
import type { Ps10Split } from "./types";

/**
 * Expected class-conditional entropy of the pattern, in bits: a sample's centre is uniform over its
 * class's centres of its kind, so log2 10 for simple patterns and log2 100 for complex ones.
 */
export function patternComplexity(): { simple: number; complex: number } {
  return { simple: Math.log2(SIMPLE_PER_CLASS), complex: Math.log2(COMPLEX_PER_CLASS) };
}

export interface Ps10SubsetMasks {
  /** Clean simple samples: noisy samples belong to `noise` only, whatever their kind. */
  simple: boolean[];
  /** Clean complex samples. */
  complex: boolean[];
  /** Samples whose label was replaced (none in the test split). */
  noise: boolean[];
}

export function subsetMasks(split: Ps10Split): Ps10SubsetMasks {
  const simple: boolean[] = new Array(split.n);
  const complex: boolean[] = new Array(split.n);
  const noise: boolean[] = new Array(split.n);
  for (let i = 0; i < split.n; i++) {
    const noisy = split.noisy[i] === 1;
    noise[i] = noisy;
    simple[i] = !noisy && split.kind[i] === KIND_SIMPLE;
    complex[i] = !noisy && split.kind[i] === KIND_COMPLEX;
  }
  return { simple, complex, noise };
}
