import { isFiniteNumber, type Point } from "./series";

/** The most points a chart gets per series. */
export const MAX_CHART_POINTS = 2000;

/**
 * Largest-Triangle-Three-Buckets (Steinarsson, 2013): keeps the first and last point and, from
 * each of threshold - 2 equal buckets in between, the point forming the largest triangle with
 * the point kept from the previous bucket and the mean of the next bucket. Unlike
 * downsampleMinMax (../charts/downsample) it returns exactly `threshold` points, which suits
 * smooth curves; min-max suits cyclic rates whose every peak must survive.
 *
 * Series no longer than threshold come back as a copy; threshold < 3 leaves the endpoints only.
 * Non-finite y never beats a finite candidate (their triangle area is NaN) and stay out of the
 * next bucket's mean; a bucket of only non-finite points keeps its first.
 */
export function lttb(points: Point[], maxPoints = MAX_CHART_POINTS): Point[] {
  const threshold = Math.floor(maxPoints);
  const n = points.length;
  if (n <= threshold) return points.slice();
  if (threshold < 3) return threshold <= 0 ? [] : threshold === 1 ? [points[0]] : [points[0], points[n - 1]];

  const out: Point[] = [points[0]];
  const buckets = threshold - 2;
  // Integer product before the division keeps bucket edges exact (the last bucket ends at n - 1).
  const edge = (i: number) => Math.floor((i * (n - 2)) / buckets) + 1;
  let a = 0;
  for (let i = 0; i < buckets; i++) {
    const start = edge(i);
    const end = edge(i + 1);

    // The next bucket's mean; the last bucket's successor is the final point.
    const nextStart = end;
    const nextEnd = Math.min(n, edge(i + 2));
    let avgX = 0;
    let avgY = 0;
    let count = 0;
    for (let j = nextStart; j < nextEnd; j++) {
      if (!isFiniteNumber(points[j][1])) continue;
      avgX += points[j][0];
      avgY += points[j][1];
      count += 1;
    }
    if (count > 0) {
      avgX /= count;
      avgY /= count;
    } else {
      [avgX, avgY] = points[Math.min(nextStart, n - 1)];
    }

    const [ax, ay] = points[a];
    let chosen = start;
    let maxArea = -1;
    for (let j = start; j < end; j++) {
      const area = Math.abs((ax - avgX) * (points[j][1] - ay) - (ax - points[j][0]) * (avgY - ay));
      if (area > maxArea) {
        maxArea = area;
        chosen = j;
      }
    }
    out.push(points[chosen]);
    a = chosen;
  }
  out.push(points[n - 1]);
  return out;
}
