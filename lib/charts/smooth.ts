import { smoothEma } from "../analysis";

/**
 * TensorBoard's debiased EMA, restarted at every decay: an average carried across a decay would
 * smear the jump it causes over dozens of points, and the jump is what these charts are for.
 * `breaks` are the x values where the learning rate changed; points at or after a break start afresh.
 */
export function smoothSegments(points: [number, number][], weight: number, breaks: readonly number[] = []): [number, number][] {
  if (weight <= 0 || points.length === 0) return points;
  const sorted = [...breaks].sort((a, b) => a - b);
  const out: [number, number][] = [];
  let start = 0;
  for (const at of [...sorted, Infinity]) {
    let end = start;
    while (end < points.length && points[end][0] < at) end++;
    if (end > start) out.push(...smoothEma(points.slice(start, end), weight));
    start = end;
  }
  return out;
}
