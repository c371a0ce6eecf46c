import { sql } from "drizzle-orm";
import type { ProfileCoverage, ProfileInput } from "../../lib/profiles";
import { TASKS } from "../../lib/tasks/catalog";
import type { Database } from "../client";
import { rankable } from "./rankable";
import { runsListedForEveryone } from "./visibility";

// Profiles span every task: each run is held to its own task's current version.
const currentTaskVersionByTask = sql`case r.task_id ${sql.join(
  TASKS.map((task) => sql`when ${task.id} then ${sql.raw(String(task.taskVersion))}`),
  sql` `,
)} else 1 end`;

/**
 * Time to target per task, tier and schedule, aggregated in SQL from the runs' generated columns:
 * one result per seed (the newest, replays first), the mean epochs to target over the seeds that
 * reached it, and how many did. Only epoch-axis runs count: a step-axis run's time to target is in
 * steps and cannot be set against epochs.
 */
export async function profileAggregates(db: Database, filters: { tier?: string; verifiedOnly?: boolean } = {}): Promise<ProfileInput[]> {
  const result = await db.execute(sql`
    with picked as (
      select distinct on (r.task_id, r.tier, r.schedule_id, r.seed) r.task_id, r.tier, r.schedule_id, r.epochs_to_target
      from runs r
      where r.status = 'finished' and ${runsListedForEveryone()} and r.schedule_id is not null and r.final_acc is not null
        and r.x_axis = 'epoch' and ${rankable()}
        and r.task_version = ${currentTaskVersionByTask}
        ${filters.tier ? sql`and r.tier = ${filters.tier}` : sql``}
        ${filters.verifiedOnly ? sql`and r.source = 'replayed'` : sql``}
      order by r.task_id, r.tier, r.schedule_id, r.seed, (r.source = 'replayed') desc, r.created_at desc
    ),
    agg as (
      -- A 0-based logger (Keras) marks the first epoch 0: reaching the target there took one epoch, and
      -- a time of 0 would make every ratio on the task 0/0. greatest() skips nulls, so they are kept apart.
      select task_id, tier, schedule_id, count(*)::int as runs, count(epochs_to_target)::int as reached,
             avg(case when epochs_to_target is not null then greatest(epochs_to_target, 1) end) as "meanEpochsToTarget"
      from picked group by task_id, tier, schedule_id
    )
    select agg.task_id as "taskId", agg.tier, agg.schedule_id as "scheduleId", s.name as "scheduleName",
           agg.runs, agg.reached, agg."meanEpochsToTarget"
    from agg join schedules s on s.id = agg.schedule_id
    order by agg.task_id, agg.tier, s.name`);
  return (result as unknown as { rows: Record<string, unknown>[] }).rows.map((row) => ({
    taskId: String(row.taskId),
    tier: String(row.tier),
    scheduleId: String(row.scheduleId),
    scheduleName: String(row.scheduleName),
    runs: Number(row.runs),
    reached: Number(row.reached),
    meanEpochsToTarget: row.meanEpochsToTarget === null ? null : Number(row.meanEpochsToTarget),
  }));
}

/** Finished public runs, and how many of them each of profileAggregates' conditions leaves out. */
export async function profileCoverage(db: Database, filters: { tier?: string; verifiedOnly?: boolean } = {}): Promise<ProfileCoverage> {
  const result = await db.execute(sql`
    select count(*)::int as finished,
           count(*) filter (where r.schedule_id is null)::int as "withoutSchedule",
           count(*) filter (where r.final_acc is null)::int as "withoutAccuracy",
           count(*) filter (where r.x_axis <> 'epoch')::int as "perStep",
           count(*) filter (where ${filters.tier ? sql`r.tier <> ${filters.tier}` : sql`false`})::int as "otherTier",
           count(*) filter (where ${filters.verifiedOnly ? sql`r.source <> 'replayed'` : sql`false`})::int as unverified
    from runs r
    where r.status = 'finished' and ${runsListedForEveryone()}`);
  const row = (result as unknown as { rows: Record<string, unknown>[] }).rows[0];
  return {
    finished: Number(row.finished),
    withoutSchedule: Number(row.withoutSchedule),
    withoutAccuracy: Number(row.withoutAccuracy),
    perStep: Number(row.perStep),
    otherTier: Number(row.otherTier),
    unverified: Number(row.unverified),
  };
}
