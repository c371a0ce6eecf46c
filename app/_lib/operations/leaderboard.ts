import type { Database } from "@/db";
import { leaderboardAggregates } from "@/db/queries/leaderboard";
import { getTask, listTasks } from "@/db/queries/tasks";
import type { LeaderboardQuery } from "@/lib/api/leaderboard";
import { AppError } from "@/lib/errors";
import { rankLeaderboard, type LeaderboardRow, type LeaderboardSource } from "@/lib/leaderboard";

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
  return rankLeaderboard(aggregates, query.sort);
}
