import { and, asc, desc, sql } from "drizzle-orm";
import { EVERYONE } from "../../lib/auth/policy";
import type { Database } from "../client";
import { schedules, type Schedule } from "../schema";
import { runsListedForEveryone, schedulesVisibleTo } from "./visibility";

/**
 * The schedules a head-to-head on this task and tier can pick: listed for everyone, with at least one
 * finished run listed for everyone that has a final accuracy (what seedResults counts). Baselines first.
 */
export async function schedulesWithResults(db: Database, taskId: string, tier: string): Promise<Schedule[]> {
  return db
    .select()
    .from(schedules)
    .where(
      and(
        schedulesVisibleTo(EVERYONE, "list"),
        sql`${schedules.id} in (
          select r.schedule_id from runs r
          where r.task_id = ${taskId} and r.tier = ${tier} and r.status = 'finished' and r.final_acc is not null
            and ${runsListedForEveryone()})`,
      ),
    )
    .orderBy(desc(schedules.isBaseline), asc(schedules.name));
}
