import { MAX_POINTS_PER_BATCH } from "./runs";

/**
 * Vercel refuses request bodies over 4.5 MB, whatever the platform's own limits; a batch stays below
 * this many bytes of JSON (with room for the envelope: seq, attemptId) as well as below the point limit.
 */
export const MAX_BATCH_BYTES = 3_500_000;

/** Splits points into consecutive batches, each within MAX_POINTS_PER_BATCH points and `maxBytes` of JSON. */
export function batchesOf<T>(points: readonly T[], maxBytes = MAX_BATCH_BYTES, maxPoints = MAX_POINTS_PER_BATCH): T[][] {
  const batches: T[][] = [];
  let current: T[] = [];
  let bytes = 2; // []
  for (const point of points) {
    const size = Buffer.byteLength(JSON.stringify(point)) + 1; // and its comma
    if (size + 2 > maxBytes) throw new Error(`one point is ${size} bytes of JSON, more than a batch may hold (${maxBytes})`);
    if (current.length > 0 && (current.length >= maxPoints || bytes + size > maxBytes)) {
      batches.push(current);
      current = [];
      bytes = 2;
    }
    current.push(point);
    bytes += size;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}
