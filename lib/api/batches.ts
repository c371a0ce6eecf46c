import type { ParsedRunLog } from "../runlogs";
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
    const size = utf8Length(JSON.stringify(point)) + 1; // and its comma
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

// Counted rather than encoded (Buffer is Node's, TextEncoder allocates): browsers batch uploads too.
// JSON.stringify escapes lone surrogates, so a surrogate here is always half of a 4-byte pair.
function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code < 0xd800 || code > 0xdbff) bytes += 3;
    else {
      bytes += 4;
      i++;
    }
  }
  return bytes;
}

export interface LogPoint {
  name: string;
  x: number;
  value: number | string;
}

/** A parsed log's points as the points API takes them: NaN and ±Infinity as strings, since JSON has neither. */
export function logPoints(log: Pick<ParsedRunLog, "series">): LogPoint[] {
  return Object.entries(log.series).flatMap(([name, series]) =>
    series.map(([x, value]) => ({ name, x, value: Number.isFinite(value) ? value : String(value) })),
  );
}
