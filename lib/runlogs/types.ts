export const RUN_LOG_FORMATS = [
  "lrbench-json",
  "jsonl",
  "keras-csv",
  "lightning-csv",
  "csv",
  "dawnbench",
  "mllog",
  "tensorboard",
  "detectron2",
  "mlflow",
  "wandb",
] as const;

export type RunLogFormat = (typeof RUN_LOG_FORMATS)[number];

/**
 * What x counts. Runs are stored per epoch or per step; samples (MLPerf's samples_count) and time
 * (seconds since the run began, when nothing else tells evaluations apart) are stored as steps.
 */
export type XAxis = "epoch" | "step" | "samples" | "time";
export type StoredXAxis = "epoch" | "step";

export function storedXAxis(xAxis: XAxis): StoredXAxis {
  return xAxis === "epoch" ? "epoch" : "step";
}

/** Whether a larger value is better, and whether it is an accuracy (a fraction the leaderboards may rank). */
export interface MetricInfo {
  direction: "max" | "min";
  isAccuracy: boolean;
}

/**
 * A run log in one shape whatever it was uploaded as. Each series is sorted by x with one point per x;
 * values may be NaN or ±Infinity (a diverged run logs them, and divergence detection needs to see them).
 * `metrics` describes the series whose meaning the format states (MLPerf's quality metric, Detectron2's
 * AP); it is absent when the format says nothing beyond the names.
 */
export interface ParsedRunLog {
  format: RunLogFormat;
  xAxis: XAxis;
  series: Record<string, [number, number][]>;
  metrics?: Record<string, MetricInfo>;
}

export interface ParseRunLogOptions {
  format?: RunLogFormat;
  filename?: string;
}

export function isRunLogFormat(value: unknown): value is RunLogFormat {
  return typeof value === "string" && (RUN_LOG_FORMATS as readonly string[]).includes(value);
}
