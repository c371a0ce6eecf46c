import { isFiniteNumber, type SeriesMap } from "./series";

/** The smallest and largest finite x of any series; nulls for a run without points. */
export function xRange(series: SeriesMap): { firstX: number | null; lastX: number | null } {
  let firstX: number | null = null;
  let lastX: number | null = null;
  for (const points of Object.values(series)) {
    for (const [x] of points) {
      if (!isFiniteNumber(x)) continue;
      if (firstX === null || x < firstX) firstX = x;
      if (lastX === null || x > lastX) lastX = x;
    }
  }
  return { firstX, lastX };
}

/**
 * How many epochs (or steps) a log spans. Loggers number them two ways: 0-based ones (the worker,
 * Keras, Lightning) write 0..29 for 30 epochs, 1-based ones write 1..30. A log whose first x is 0 is
 * read as 0-based (the last x is the index of the last epoch: count = floor(last) + 1), any other as
 * 1-based (the last x is the number of epochs done: count = ceil(last)). Fractional x (half-epoch
 * evaluations) count the epoch they fall in. A log whose x starts above 1 (resumed training) is
 * counted to its last x, the epochs before the first point included.
 */
export function countEpochs(firstX: number | null, lastX: number | null): number | null {
  if (firstX === null || lastX === null) return null;
  return firstX === 0 ? Math.floor(lastX) + 1 : Math.ceil(lastX);
}

/** The 0-based index of the epoch (or step) an x stands for, by the same reading as countEpochs. */
export function zeroBasedIndex(x: number, firstX: number): number {
  return firstX === 0 ? x : x - 1;
}
