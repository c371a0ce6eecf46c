import type { Point } from "../charts/downsample";

export type { Point };

/** Metric series of one run by name; x is the run's axis (epoch or step), sorted ascending. */
export type SeriesMap = Record<string, Point[]>;

/** Names the worker reports; other series may sit beside them. */
export const SERIES = {
  lr: "lr",
  trainLoss: "train_loss",
  trainAcc: "train_acc",
  testLoss: "test_loss",
  testAcc: "test_acc",
  wallTime: "wall_time",
} as const;

export function isFiniteNumber(value: unknown): value is number {
  return typeof value === "number" && Number.isFinite(value);
}

/** jsonb (and JSON.stringify) turn NaN and Infinity into null anyway; saying so keeps types honest. */
export function finiteOrNull(value: number | null | undefined): number | null {
  return isFiniteNumber(value) ? value : null;
}

/** Mean of the finite y whose x lies in [from, to); null when there is none. */
export function windowMean(points: Point[], from: number, to: number): { mean: number | null; n: number } {
  let sum = 0;
  let n = 0;
  for (const [x, y] of points) {
    if (x < from || x >= to || !Number.isFinite(y)) continue;
    sum += y;
    n += 1;
  }
  return { mean: n > 0 ? sum / n : null, n };
}

/** x formatted for messages: integers as they are, others to 3 significant digits. */
export function formatNumber(value: number): string {
  return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(3)));
}
