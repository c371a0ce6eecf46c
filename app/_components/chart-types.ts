/** A series as the browser's chart receives it: JSON-safe (null, not NaN), already downsampled. */
export interface InteractiveSeries {
  label: string;
  color: string;
  points: [number, number | null][];
  stepped?: boolean;
  faint?: boolean;
  dashed?: boolean;
  /** The legend entry that shows and hides it (a schedule, for all its seeds); its own label otherwise. */
  legend?: string;
  /** Where finer points come from when the chart is zoomed: a run and the series' name in it. */
  runId?: string;
  metric?: string;
}

export interface InteractiveBand {
  label: string;
  color: string;
  legend?: string;
  points: { x: number; lo: number; hi: number }[];
}
