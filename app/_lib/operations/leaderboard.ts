import type { Database } from "@/db";
import { leaderboardAggregates, scheduleTaskTiers } from "@/db/queries/leaderboard";
import { listPublicSchedules } from "@/db/queries/schedules";
import { LEADERBOARD_PAGE_SIZE } from "@/lib/api/leaderboard";
import { taskRecipe } from "@/lib/baselines";
import { TIER_NAMES } from "@/lib/tasks/catalog";
import { getTask, listTasks } from "@/db/queries/tasks";
import type { LeaderboardQuery } from "@/lib/api/leaderboard";
import { AppError } from "@/lib/errors";
import { rankLeaderboard, rowAnchor, type LeaderboardRow, type LeaderboardSource } from "@/lib/leaderboard";

/** A 404 that names what exists, so a mistyped task or tier is fixed at a glance. */
async function assertTaskAndTier(db: Database, taskId: string, tier: string) {
  const task = await getTask(db, taskId);
  if (!task) {
    const names = (await listTasks(db)).map((t) => t.id);
    throw new AppError("not_found", `task '${taskId}' is not a task; the tasks are ${names.join(", ")}.`);
  }
  const tiers = task.tiers.map((t) => t.tier);
  if (!tiers.includes(tier as (typeof tiers)[number])) {
    throw new AppError("not_found", `tier '${tier}' is not a tier of ${taskId}; its tiers are ${tiers.join(", ")}.`);
  }
}

/** A task and tier's leaderboard rows, ranked; `source` defaults to the verified replays. */
export async function leaderboardFor(db: Database, query: LeaderboardQuery, source: LeaderboardSource = query.source ?? "replayed"): Promise<LeaderboardRow[]> {
  await assertTaskAndTier(db, query.task, query.tier);
  const aggregates = await leaderboardAggregates(db, {
    taskId: query.task,
    tier: query.tier,
    source: source === "all" ? undefined : source,
    engine: query.engine,
  });
  return rankLeaderboard(aggregates, query.sort, query.dir);
}

export interface ScheduleResult {
  taskId: string;
  tier: string;
  /** The schedule's row as the task and tier's leaderboard shows it (rank included). */
  row: LeaderboardRow;
  /** The leaderboard page the row is on, and its anchor there. */
  href: string;
  /** A head-to-head against the task's StepDecay recipe; null for the recipe itself. */
  headToHead: string | null;
}

/**
 * A schedule's results on every task and tier where a leaderboard counts its runs: the very rows the
 * leaderboard shows (both sections, ranked over the whole board), so the rank is the board's number.
 */
export async function scheduleResults(db: Database, scheduleId: string): Promise<ScheduleResult[]> {
  const pairs = (await scheduleTaskTiers(db, scheduleId)).sort(
    (a, b) => a.taskId.localeCompare(b.taskId) || TIER_NAMES.indexOf(a.tier as never) - TIER_NAMES.indexOf(b.tier as never),
  );
  const recipes = new Map((await listPublicSchedules(db)).filter((s) => s.isBaseline).map((s) => [s.name, s.id]));
  const results: ScheduleResult[] = [];
  for (const { taskId, tier } of pairs) {
    const board = rankLeaderboard(await leaderboardAggregates(db, { taskId, tier }), "final");
    const recipeId = recipes.get(taskRecipe(taskId).name);
    for (const row of board.filter((r) => r.scheduleId === scheduleId)) {
      const index = board.filter((r) => r.verified === row.verified).indexOf(row);
      const page = String(Math.floor(index / LEADERBOARD_PAGE_SIZE) + 1);
      const query = new URLSearchParams({ task: taskId, tier, [row.verified ? "page" : "upage"]: page });
      results.push({
        taskId,
        tier,
        row,
        href: `/leaderboard?${query}#${rowAnchor(row)}`,
        headToHead: recipeId && recipeId !== scheduleId ? `/head-to-head?${new URLSearchParams({ a: recipeId, b: scheduleId, task: taskId, tier })}` : null,
      });
    }
  }
  return results;
}

export interface OverviewCell {
  meanFinal: number;
  ci95: [number, number] | null;
  seeds: number;
  rankLabel: string | null;
  href: string;
}

export interface LeaderboardOverview {
  columns: { taskId: string; tier: string }[];
  rows: { scheduleId: string; scheduleName: string; cells: (OverviewCell | null)[] }[];
}

/**
 * Every schedule's verified result on every task and tier: public aggregates only, the cells linking to
 * their leaderboard rows. Rows with several precisions on a board show the best-ranked one.
 */
export async function leaderboardOverview(db: Database): Promise<LeaderboardOverview> {
  const tasks = await listTasks(db);
  const columns = tasks.flatMap((task) => TIER_NAMES.filter((tier) => task.tiers.some((t) => t.tier === tier)).map((tier) => ({ taskId: task.id, tier })));
  const boards = await Promise.all(columns.map(async ({ taskId, tier }) => rankLeaderboard(await leaderboardAggregates(db, { taskId, tier, source: "replayed" }), "final")));
  const rows = new Map<string, LeaderboardOverview["rows"][number]>();
  boards.forEach((board, column) => {
    board.forEach((row, index) => {
      const entry = rows.get(row.scheduleId) ?? { scheduleId: row.scheduleId, scheduleName: row.scheduleName, cells: columns.map(() => null) };
      rows.set(row.scheduleId, entry);
      if (entry.cells[column]) return;
      const { taskId, tier } = columns[column];
      const query = new URLSearchParams({ task: taskId, tier, page: String(Math.floor(index / LEADERBOARD_PAGE_SIZE) + 1) });
      entry.cells[column] = { meanFinal: row.meanFinal, ci95: row.ci95, seeds: row.seeds, rankLabel: row.rankLabel, href: `/leaderboard?${query}#${rowAnchor(row)}` };
    });
  });
  const filled = (r: LeaderboardOverview["rows"][number]) => r.cells.filter(Boolean).length;
  return { columns, rows: [...rows.values()].sort((a, b) => filled(b) - filled(a) || a.scheduleName.localeCompare(b.scheduleName)) };
}
