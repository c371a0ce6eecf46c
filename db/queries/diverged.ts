import { sql } from "drizzle-orm";
import { currentTaskVersion } from "../../lib/tasks/catalog";
import type { Database } from "../client";
import { runsListedForEveryone } from "./visibility";

export interface DivergedCount {
  scheduleId: string;
  scheduleName: string;
  runs: number;
}

/**
 * Per schedule, how many of its listed runs on a task and tier ended `diverged`. They have no final
 * accuracy to rank: the leaderboard counts them beside the ranked rows instead.
 */
export async function divergedCounts(db: Database, filters: { taskId: string; tier: string; engine?: string }): Promise<DivergedCount[]> {
  const result = await db.execute(sql`
    with agg as (
      select r.schedule_id, count(*)::int as runs
      from runs r
      where r.task_id = ${filters.taskId} and r.tier = ${filters.tier} and r.status = 'diverged' and ${runsListedForEveryone()}
        and r.schedule_id is not null and r.task_version = ${currentTaskVersion(filters.taskId)}
        ${filters.engine ? sql`and r.engine = ${filters.engine}` : sql``}
      group by r.schedule_id
    )
    select agg.schedule_id as "scheduleId", s.name as "scheduleName", agg.runs
    from agg join schedules s on s.id = agg.schedule_id
    order by agg.runs desc, s.name`);
  return (result as unknown as { rows: DivergedCount[] }).rows.map((row) => ({ scheduleId: String(row.scheduleId), scheduleName: String(row.scheduleName), runs: Number(row.runs) }));
}
