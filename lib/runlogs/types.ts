export const RUN_LOG_FORMATS = [
  "lrbench-json",
  "jsonl",
  "keras-csv",
  "lightning-csv",
  "csv",
  "dawnbench",
  "mllog",
  "tensorboard",
] as const;

export type RunLogFormat = (typeof RUN_LOG_FORMATS)[number];

export type XAxis = "epoch" | "step";

/**
 * A run log in one shape whatever it was uploaded as. Each series is sorted by x with one point per x;
 * values may be NaN or ±Infinity (a diverged run logs them, and divergence detection needs to see them).
 */
export interface ParsedRunLog {
  format: RunLogFormat;
  xAxis: XAxis;
  series: Record<string, [number, number][]>;
}

export interface ParseRunLogOptions {
  format?: RunLogFormat;
  filename?: string;
}

export function isRunLogFormat(value: unknown): value is RunLogFormat {
  return typeof value === "string" && (RUN_LOG_FORMATS as readonly string[]).includes(value);
}
