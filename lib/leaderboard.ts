import type { RunSource } from "./runs/source";
import { confidenceFromSummary } from "./stats";

export interface LeaderboardRowInput {
  scheduleId: string;
  scheduleName: string;
  kind: string;
  source: RunSource;
  /** Numeric precision the runs trained in ("fp32", "bf16"); null where it was not recorded. Never mixed in one row. */
  precision: string | null;
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
  /** Fewer than MIN_RANKED_SEEDS seeds: listed, never ranked. */
  fewSeeds: boolean;
  /** Rank by final test accuracy within the row's source (see rankGroups); null for an unranked row. */
  rank: number | null;
  /** "1", or "=2" when another row of the same source shares the rank. */
  rankLabel: string | null;
  /** Why an unranked row is not ranked. */
  unrankedReason: string | null;
}

/** A row's anchor on its leaderboard page, which other pages link to. */
export const rowAnchor = (row: Pick<LeaderboardRow, "scheduleId" | "source" | "precision">) => `row-${row.scheduleId}-${row.source}-${row.precision ?? "none"}`;

/** Rows with fewer seeds are listed below the ranking: a mean of one or two seeds says too little. */
export const MIN_RANKED_SEEDS = 3;

/** "replayed": verified replays, the default view; "uploaded": self-reported uploads; "all": both, ranked apart. */
export const LEADERBOARD_SOURCES = ["replayed", "uploaded", "all"] as const;
export type LeaderboardSource = (typeof LEADERBOARD_SOURCES)[number];

export const LEADERBOARD_SORTS = ["final", "best", "epochs", "timeToTarget", "seeds"] as const;
export type LeaderboardSort = (typeof LEADERBOARD_SORTS)[number];

export const SORT_DIRECTIONS = ["asc", "desc"] as const;
export type SortDirection = (typeof SORT_DIRECTIONS)[number];

/** Each column's natural order, best first: higher accuracy and more seeds, fewer epochs. */
export const DEFAULT_DIRECTION: Record<LeaderboardSort, SortDirection> = { final: "desc", best: "desc", epochs: "asc", timeToTarget: "asc", seeds: "desc" };

// Ascending values; a missing one sorts last whichever the direction.
const sortValue: Record<LeaderboardSort, (row: LeaderboardRow) => number | null> = {
  final: (r) => r.meanFinal,
  best: (r) => r.meanBest,
  epochs: (r) => r.meanEpochs,
  timeToTarget: (r) => r.meanEpochsToTarget,
  seeds: (r) => r.seeds,
};

function compareBy(sort: LeaderboardSort, direction: SortDirection) {
  const sign = direction === "asc" ? 1 : -1;
  return (a: LeaderboardRow, b: LeaderboardRow) => {
    const [va, vb] = [sortValue[sort](a), sortValue[sort](b)];
    if (va === null || vb === null) return va === vb ? 0 : va === null ? 1 : -1;
    return sign * (va - vb);
  };
}

/**
 * The tie rule. A row's rank is 1 + the number of rows whose 95% interval lies wholly above its own
 * (their lower bound > its upper bound): the rows it is measurably worse than. Rows whose intervals
 * overlap are never separated by each other, so two overlapping rows share a rank unless a third row
 * is measurably better than one of them only. The rule is not transitive on purpose: chaining overlaps
 * (A overlaps B, B overlaps C, so A ties C) would tie clearly different rows on a board of wide
 * intervals. It is the rule LMSYS's Chatbot Arena ranks with, and it depends on no order of the rows.
 */
export function rankGroups(intervals: readonly (readonly [number, number])[]): number[] {
  return intervals.map(([, upper]) => 1 + intervals.filter(([lower]) => lower > upper).length);
}

/**
 * Adds each row's 95% t interval, its rank within its source, and orders the rows: ranked ones first,
 * by rank (reversed for final accuracy ascending) or by the chosen column in either direction.
 */
export function rankLeaderboard(rows: LeaderboardRowInput[], sort: LeaderboardSort = "final", direction: SortDirection = DEFAULT_DIRECTION[sort]): LeaderboardRow[] {
  const withCi = rows.map((row) => {
    const ci = confidenceFromSummary(row.meanFinal, row.stdFinal, row.seeds);
    const ci95 = ci.lower !== null && ci.upper !== null ? ([ci.lower, ci.upper] as [number, number]) : null;
    const fewSeeds = row.seeds < MIN_RANKED_SEEDS;
    return {
      ...row,
      ci95,
      verified: row.source === "replayed",
      fewSeeds,
      rank: null as number | null,
      rankLabel: null as string | null,
      unrankedReason: fewSeeds
        ? `${row.seeds} seed${row.seeds === 1 ? "" : "s"}: ranking needs at least ${MIN_RANKED_SEEDS}`
        : ci95 === null
          ? "no 95% interval: the spread of its seeds is unknown"
          : null,
    };
  });
  // Verified and self-reported results are ranked apart: an upload never takes a replay's place.
  for (const source of ["replayed", "uploaded"] as const) {
    const ranked = withCi.filter((row) => row.source === source && row.unrankedReason === null);
    const ranks = rankGroups(ranked.map((row) => row.ci95!));
    ranked.forEach((row, i) => {
      row.rank = ranks[i];
      row.rankLabel = `${ranks.filter((r) => r === ranks[i]).length > 1 ? "=" : ""}${ranks[i]}`;
    });
  }
  const rankSign = sort === "final" && direction === "asc" ? -1 : 1;
  const order = (row: LeaderboardRow) => [row.source === "replayed" ? 0 : 1, row.rank === null ? 1 : 0, sort === "final" ? rankSign * (row.rank ?? 0) : 0];
  const byColumn = compareBy(sort, direction);
  return withCi.sort((a, b) => {
    const [oa, ob] = [order(a), order(b)];
    return oa[0] - ob[0] || oa[1] - ob[1] || oa[2] - ob[2] || byColumn(a, b);
  });
}

const CSV_COLUMNS: [string, (r: LeaderboardRow) => unknown][] = [
  ["schedule", (r) => r.scheduleName],
  ["kind", (r) => r.kind],
  ["source", (r) => r.source],
  ["verified", (r) => (r.verified ? "yes" : "no")],
  ["precision", (r) => r.precision ?? ""],
  // "=2" would read as a formula in a spreadsheet: the rank is a number and the tie its own column.
  ["rank", (r) => r.rank ?? ""],
  ["rank_shared", (r) => (r.rankLabel?.startsWith("=") ? "yes" : r.rank === null ? "" : "no")],
  ["unranked_reason", (r) => r.unrankedReason ?? ""],
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
