import type { RunSource } from "./runs/source";
import { confidenceFromSummary } from "./stats";

export interface LeaderboardRowInput {
  scheduleId: string;
  scheduleName: string;
  kind: string;
  source: RunSource;
  engine: string | null;
  seeds: number;
  meanFinal: number;
  stdFinal: number | null;
  meanBest: number | null;
  meanEpochs: number | null;
  meanEpochsToTarget: number | null;
  meanWallToTarget: number | null;
  reachedTarget: number;
  hardware: string | null;
}

export interface LeaderboardRow extends LeaderboardRowInput {
  ci95: [number, number] | null;
  verified: boolean;
  /** Fewer than 3 seeds: a mean to read with care. */
  fewSeeds: boolean;
}

export const LEADERBOARD_SORTS = ["final", "best", "epochs", "timeToTarget", "seeds"] as const;
export type LeaderboardSort = (typeof LEADERBOARD_SORTS)[number];

const sortKey: Record<LeaderboardSort, (row: LeaderboardRow) => number> = {
  final: (r) => -r.meanFinal,
  best: (r) => -(r.meanBest ?? -Infinity),
  epochs: (r) => r.meanEpochs ?? Infinity,
  timeToTarget: (r) => r.meanEpochsToTarget ?? Infinity,
  seeds: (r) => -r.seeds,
};

/** Adds each row's 95% t interval and flags, and orders the rows. */
export function rankLeaderboard(rows: LeaderboardRowInput[], sort: LeaderboardSort = "final"): LeaderboardRow[] {
  return rows
    .map((row) => {
      const ci = confidenceFromSummary(row.meanFinal, row.stdFinal, row.seeds);
      return {
        ...row,
        ci95: ci.lower !== null && ci.upper !== null ? ([ci.lower, ci.upper] as [number, number]) : null,
        verified: row.source === "replayed",
        fewSeeds: row.seeds < 3,
      };
    })
    .sort((a, b) => sortKey[sort](a) - sortKey[sort](b));
}

const CSV_COLUMNS: [string, (r: LeaderboardRow) => unknown][] = [
  ["schedule", (r) => r.scheduleName],
  ["kind", (r) => r.kind],
  ["source", (r) => r.source],
  ["seeds", (r) => r.seeds],
  ["mean_final_test_acc", (r) => r.meanFinal],
  ["ci95_low", (r) => r.ci95?.[0] ?? ""],
  ["ci95_high", (r) => r.ci95?.[1] ?? ""],
  ["mean_best_test_acc", (r) => r.meanBest ?? ""],
  ["mean_epochs", (r) => r.meanEpochs ?? ""],
  ["mean_epochs_to_target", (r) => r.meanEpochsToTarget ?? ""],
  ["mean_wall_seconds_to_target", (r) => r.meanWallToTarget ?? ""],
  ["engine", (r) => r.engine ?? ""],
  ["hardware", (r) => r.hardware ?? ""],
];

/**
 * One CSV field. Text that a spreadsheet would read as a formula (OWASP's CSV injection: a cell
 * starting with = + - @ TAB or CR) gets a leading single quote; numbers are written as numbers,
 * negative ones included, since only text comes from users (schedule names, engine, hardware).
 */
function csvCell(value: unknown): string {
  if (typeof value === "number") return String(value);
  const raw = String(value);
  const text = /^[=+\-@\t\r]/.test(raw) ? `'${raw}` : raw;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function leaderboardCsv(rows: LeaderboardRow[]): string {
  return [CSV_COLUMNS.map(([name]) => name).join(","), ...rows.map((row) => CSV_COLUMNS.map(([, get]) => csvCell(get(row))).join(","))].join("\n") + "\n";
}
