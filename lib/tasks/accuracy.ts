/** Classification accuracy: the share of predictions equal to their labels, over every sample or a subset. */

/** null when no sample counts (an empty split, or a mask that selects none). */
export function accuracy(predictions: ArrayLike<number>, labels: ArrayLike<number>, mask: readonly boolean[] | null = null): number | null {
  let hits = 0;
  let total = 0;
  for (let i = 0; i < labels.length; i++) {
    if (mask !== null && !mask[i]) continue;
    total += 1;
    if (predictions[i] === labels[i]) hits += 1;
  }
  return total === 0 ? null : hits / total;
}

/** The class of each row of an n x classes array of scores (row-major): the first highest. */
export function argmaxRows(scores: ArrayLike<number>, classes: number): Int32Array {
  const n = Math.floor(scores.length / classes);
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let best = 0;
    for (let c = 1; c < classes; c++) if (scores[i * classes + c] > scores[i * classes + best]) best = c;
    out[i] = best;
  }
  return out;
}
