import { meanAndBand, type BandPoint } from "../analysis";
import type { PreviewPoints } from "./preview";

export type CompareAxis = "epoch" | "step" | "wall";

export interface CompareRunInput {
  id: string;
  label: string;
  /** Runs of one schedule form a group: mean and spread over their seeds. */
  group: string;
  xAxis: "epoch" | "step";
  series: Record<string, PreviewPoints>;
}

export interface Comparison {
  axis: CompareAxis;
  metric: string;
  runs: { id: string; label: string; group: string; points: PreviewPoints }[];
  groups: { group: string; runIds: string[]; band: BandPoint[] }[];
  /** Runs left out, and why (no such metric, no wall time, another axis). */
  skipped: { id: string; reason: string }[];
}

/** Piecewise-linear lookup of wall time at x; null outside the recorded range. */
function wallTimeAt(wall: PreviewPoints, x: number): number | null {
  for (let i = 0; i < wall.length; i++) {
    const [x1, y1] = wall[i];
    if (y1 === null) continue;
    if (x1 === x) return y1;
    if (x1 > x) {
      const previous = wall[i - 1];
      if (!previous || previous[1] === null) return null;
      const [x0, y0] = previous;
      return y0 + ((y1 - y0) * (x - x0)) / (x1 - x0);
    }
  }
  return null;
}

const BAND_GRID_POINTS = 1000;

/** Linear interpolation of a sorted series at x; null outside its range or next to a gap. */
function interpolate(points: [number, number][], x: number): number | null {
  let lo = 0;
  let hi = points.length - 1;
  if (hi < 0 || x < points[0][0] || x > points[hi][0]) return null;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (points[mid][0] <= x) lo = mid;
    else hi = mid;
  }
  const [x0, y0] = points[lo];
  const [x1, y1] = points[hi];
  return x1 === x0 ? y0 : y0 + ((y1 - y0) * (x - x0)) / (x1 - x0);
}

/**
 * Seeds logged on the same epochs align exactly. Downsampled long runs keep different x values per
 * seed, so they are first resampled onto one shared grid; otherwise every row would hold one seed.
 */
function groupBand(members: { points: PreviewPoints }[]): BandPoint[] {
  const series = members.map((m) => m.points.filter((p): p is [number, number] => p[1] !== null));
  const xs = new Set(series.flatMap((s) => s.map((p) => p[0])));
  if (xs.size <= BAND_GRID_POINTS * 2) return meanAndBand(series);
  const min = Math.min(...xs);
  const max = Math.max(...xs);
  const grid = Array.from({ length: BAND_GRID_POINTS }, (_, i) => min + ((max - min) * i) / (BAND_GRID_POINTS - 1));
  return meanAndBand(
    series.map((s) => grid.flatMap((x): [number, number][] => {
      const y = interpolate(s, x);
      return y === null ? [] : [[x, y]];
    })),
  );
}

/** Puts up to 20 runs on one axis for one metric and summarises each schedule over its seeds. */
export function buildComparison(runs: CompareRunInput[], metric: string, axis: CompareAxis): Comparison {
  const placed: Comparison["runs"] = [];
  const skipped: Comparison["skipped"] = [];
  for (const run of runs) {
    const points = run.series[metric];
    if (!points?.length) {
      skipped.push({ id: run.id, reason: `has no '${metric}' series` });
      continue;
    }
    if (axis === "wall") {
      const wall = run.series.wall_time;
      if (!wall?.length) {
        skipped.push({ id: run.id, reason: "has no wall_time series" });
        continue;
      }
      // Relative to the run's first logged instant: logs carry Unix timestamps, and runs started on
      // different days belong side by side.
      const start = wall.find((p) => p[1] !== null)?.[1] ?? 0;
      const onWall = points
        .map(([x, y]): [number | null, number | null] => {
          const at = wallTimeAt(wall, x);
          return [at === null ? null : at - start, y];
        })
        .filter((p): p is [number, number | null] => p[0] !== null);
      placed.push({ id: run.id, label: run.label, group: run.group, points: onWall });
    } else if (axis !== run.xAxis) {
      skipped.push({ id: run.id, reason: `is logged per ${run.xAxis}, not per ${axis}` });
    } else {
      placed.push({ id: run.id, label: run.label, group: run.group, points });
    }
  }
  const byGroup = new Map<string, Comparison["runs"]>();
  for (const run of placed) byGroup.set(run.group, [...(byGroup.get(run.group) ?? []), run]);
  const groups = [...byGroup].map(([group, members]) => ({
    group,
    runIds: members.map((m) => m.id),
    // Seeds share epochs and steps but never wall-clock instants, so a wall-time band would be empty noise.
    band: axis === "wall" ? [] : groupBand(members),
  }));
  return { axis, metric, runs: placed, groups, skipped };
}
