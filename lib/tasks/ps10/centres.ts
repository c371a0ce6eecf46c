/** The pattern centres, shared by the training and test splits of one seed. */
import { COMPLEX_PER_CLASS, PATTERN_DIM, PS10_CLASSES, SIMPLE_PER_CLASS } from "./constants";
import type { Sfc32 } from "./rng";

export interface Ps10Centres {
  simple: Float32Array;
  complex: Float32Array;
}

/**
 * Draw order (part of the data set's definition): all simple centres, then all complex ones; within
 * each, class by class, centre by centre, coordinates x, y, z; each coordinate one rng.uniform() in
 * [0, 1), stored as float32 (which may round a value just below 1 up to 1: still inside the closed cube).
 */
export function drawCentres(rng: Sfc32): Ps10Centres {
  const simple = new Float32Array(PS10_CLASSES * SIMPLE_PER_CLASS * PATTERN_DIM);
  for (let i = 0; i < simple.length; i++) simple[i] = rng.uniform();
  const complex = new Float32Array(PS10_CLASSES * COMPLEX_PER_CLASS * PATTERN_DIM);
  for (let i = 0; i < complex.length; i++) complex[i] = rng.uniform();
  return { simple, complex };
}
