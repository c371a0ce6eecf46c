/**
 * Smith and Topin's "same or different minimum" test: the network at alpha * w_a + (1 - alpha) * w_b,
 * for alpha from -0.5 to 1.5, scored on the test set and a training subset. A training loss that rises
 * between alpha 0 and 1 above both ends is a barrier: the two snapshots sit in different minima; a path
 * that stays at or below its ends joins one basin.
 */

/** 21 points from -0.5 to 1.5, step 0.1 (rounded, so 0 and 1 are exactly the two snapshots). */
export const INTERPOLATION_ALPHAS = Array.from({ length: 21 }, (_, i) => Math.round((-0.5 + i * 0.1) * 10) / 10);
/** Training samples scored (and BatchNorm statistics recomputed on) at each alpha. */
export const INTERPOLATION_TRAIN_SUBSET = 10_000;
export const INTERPOLATION_METRICS = ["test_loss", "test_acc", "train_loss", "train_acc"] as const;
export const interpolationSeries = (metric: (typeof INTERPOLATION_METRICS)[number]) => `interpolation/${metric}`;

/** A barrier smaller than this share of the higher end's loss is read as noise, not a second minimum. */
const BARRIER_TOLERANCE = 0.05;

export interface InterpolationReading {
  /** The highest training loss strictly between the two snapshots, above the higher of the two ends. */
  barrier: number;
  verdict: "same" | "different";
  sentence: string;
}

export function readInterpolation(trainLoss: readonly [number, number][]): InterpolationReading | null {
  const at = (alpha: number) => trainLoss.find(([x]) => Math.abs(x - alpha) < 1e-9)?.[1];
  const [b, a] = [at(0), at(1)];
  if (a === undefined || b === undefined || !Number.isFinite(a) || !Number.isFinite(b)) return null;
  const ends = Math.max(a, b);
  const between = trainLoss.filter(([x]) => x > 1e-9 && x < 1 - 1e-9).map(([, y]) => (Number.isFinite(y) ? y : Infinity));
  const barrier = Math.max(0, ...between.map((y) => y - ends));
  const different = barrier > BARRIER_TOLERANCE * ends;
  const loss = (v: number) => (Number.isFinite(v) ? v.toPrecision(3) : "not finite");
  return {
    barrier,
    verdict: different ? "different" : "same",
    sentence: different
      ? `Between the two snapshots the training loss rises to ${loss(ends + barrier)}, above both ends (${loss(b)} and ${loss(a)}): a barrier, so they sit in different minima.`
      : `The training loss between the two snapshots stays within ${BARRIER_TOLERANCE * 100}% of the higher end (${loss(ends)}): no barrier, so they sit in the same basin.`,
  };
}
