import { lttb, MAX_CHART_POINTS } from "../analysis";

export type PreviewPoints = [number, number | null][];

/**
 * A series as a chart needs it: at most MAX_CHART_POINTS finite points picked by LTTB, plus every
 * non-finite point as null, because a NaN loss is the most important point of a diverged run.
 */
export function previewSeries(points: [number, number][], maxPoints = MAX_CHART_POINTS): PreviewPoints {
  const finite = points.filter(([, y]) => Number.isFinite(y));
  const broken = points.filter(([, y]) => !Number.isFinite(y)).map(([x]): [number, null] => [x, null]);
  const kept: PreviewPoints = lttb(finite, Math.max(2, maxPoints - broken.length));
  return broken.length === 0 ? kept : [...kept, ...broken].sort((a, b) => a[0] - b[0]);
}

/** Every series of a run as previewSeries gives it. */
export function previewAll(series: Record<string, [number, number][]>): Record<string, PreviewPoints> {
  return Object.fromEntries(Object.entries(series).map(([name, points]) => [name, previewSeries(points)]));
}
