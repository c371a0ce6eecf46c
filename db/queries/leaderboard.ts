import { sql } from "drizzle-orm";
import type { LeaderboardRowInput } from "../../lib/leaderboard";
import { currentTaskVersion } from "../../lib/tasks/catalog";
import type { Database } from "../client";
import { rankable } from "./rankable";
import { runsListedForEveryone, SOURCE_PREFERENCE } from "./visibility";
import type { RunSource } from "../../lib/runs/source";

/**
 * One row per schedule, source (replayed by a worker, or self-reported) and precision on a task and
 * tier, aggregated in SQL from the facts each run got when it finished: no run is loaded into memory.
 * Each seed counts once (its newest run), so repeating a seed cannot make a row look measured more often.
 */
/** Reference replays (imported from a GPU run of the project's own worker) sit with the verified replays, labelled. */
function sourceFilter(source: RunSource | undefined) {
  if (!source) return sql``;
  return source === "replayed" ? sql`and r.source in ('replayed', 'reference')` : sql`and r.source = ${source}`;
}

export async function leaderboardAggregates(
  db: Database,
  filters: { taskId: string; tier: string; source?: "replayed" | "uploaded"; engine?: string },
): Promise<LeaderboardRowInput[]> {
  // Aggregate the runs first and join the few schedules after, so the plan never visits a schedule per run
  // (the visibility filter reads the schedules once, as a hash).
  const result = await db.execute(sql`
    with picked as (
      select distinct on (r.schedule_id, r.source, r.precision, r.seed) r.*
      from runs r
      where r.task_id = ${filters.taskId} and r.tier = ${filters.tier} and r.status = 'finished' and ${runsListedForEveryone()}
        and r.final_acc is not null and r.schedule_id is not null and ${rankable()}
        and r.task_version = ${currentTaskVersion(filters.taskId)}
        ${sourceFilter(filters.source)}
        ${filters.engine ? sql`and r.engine = ${filters.engine}` : sql``}
      order by r.schedule_id, r.source, r.precision, r.seed, r.created_at desc
    ),
    agg as (
      select r.schedule_id, r.source, r.precision,
             case when min(r.engine) = max(r.engine) then min(r.engine) end as engine,
             count(*)::int as seeds,
             avg(r.final_acc) as "meanFinal",
             stddev_samp(r.final_acc) as "stdFinal",
             avg(r.best_acc) as "meanBest",
             avg(r.epochs_used) as "meanEpochs",
             avg(r.epochs_to_target) as "meanEpochsToTarget",
             avg(r.wall_to_target) as "meanWallToTarget",
             count(r.epochs_to_target)::int as "reachedTarget",
             min(r.device) as hardware
      from picked r
      group by r.schedule_id, r.source, r.precision
    )
    select agg.schedule_id as "scheduleId", s.name as "scheduleName", s.kind, agg.source, agg.precision, agg.engine, agg.seeds,
           agg."meanFinal", agg."stdFinal", agg."meanBest", agg."meanEpochs", agg."meanEpochsToTarget",
           agg."meanWallToTarget", agg."reachedTarget", agg.hardware
    from agg join schedules s on s.id = agg.schedule_id
    order by agg."meanFinal" desc`);
  return ((result as unknown as { rows: Record<string, unknown>[] }).rows).map((row) => ({
    ...(row as unknown as LeaderboardRowInput),
    meanFinal: Number(row.meanFinal),
    stdFinal: row.stdFinal === null ? null : Number(row.stdFinal),
    meanBest: row.meanBest === null ? null : Number(row.meanBest),
    meanEpochs: row.meanEpochs === null ? null : Number(row.meanEpochs),
    meanEpochsToTarget: row.meanEpochsToTarget === null ? null : Number(row.meanEpochsToTarget),
    meanWallToTarget: row.meanWallToTarget === null ? null : Number(row.meanWallToTarget),
  }));
}

export interface SeedResult {
  runId: string;
  seed: number | null;
  final: number;
  epochs: number | null;
  epochsToTarget: number | null;
  source: RunSource;
}

/** The finished runs of one schedule on a task and tier, one per seed (the newest, replays first). */
export async function seedResults(db: Database, scheduleId: string, taskId: string, tier: string): Promise<SeedResult[]> {
  const result = await db.execute(sql`
    select distinct on (r.seed) r.id as "runId", r.seed, r.final_acc as final,
           r.epochs_used as epochs, r.epochs_to_target as "epochsToTarget", r.source
    from runs r
    where r.schedule_id = ${scheduleId} and r.task_id = ${taskId} and r.tier = ${tier} and r.status = 'finished'
      and ${runsListedForEveryone()} and r.final_acc is not null and ${rankable()}
      and r.task_version = ${currentTaskVersion(taskId)}
    order by r.seed, ${SOURCE_PREFERENCE}, r.created_at desc`);
  return (result as unknown as { rows: Record<string, unknown>[] }).rows.map((row) => ({
    runId: String(row.runId),
    seed: row.seed === null ? null : Number(row.seed),
    final: Number(row.final),
    epochs: row.epochs === null ? null : Number(row.epochs),
    epochsToTarget: row.epochsToTarget === null ? null : Number(row.epochsToTarget),
    source: row.source as SeedResult["source"],
  }));
}

/** The tasks and tiers a schedule has leaderboard results on (runs any board counts), in task and tier order. */
export async function scheduleTaskTiers(db: Database, scheduleId: string): Promise<{ taskId: string; tier: string }[]> {
  const result = await db.execute(sql`
    select distinct r.task_id as "taskId", r.tier
    from runs r
    where r.schedule_id = ${scheduleId} and r.status = 'finished' and r.final_acc is not null
      and ${runsListedForEveryone()} and ${rankable()}
    order by r.task_id, r.tier`);
  return (result as unknown as { rows: { taskId: string; tier: string }[] }).rows
    .map((row) => ({ taskId: String(row.taskId), tier: String(row.tier) }));
}

/** The engines of the runs a task and tier's board counts, for its engine filter. */
export async function leaderboardEngines(db: Database, taskId: string, tier: string): Promise<string[]> {
  const result = await db.execute(sql`
    select distinct r.engine from runs r
    where r.task_id = ${taskId} and r.tier = ${tier} and r.status = 'finished' and r.engine is not null
      and r.schedule_id is not null and ${runsListedForEveryone()} and ${rankable()}
      and r.task_version = ${currentTaskVersion(taskId)}
    order by r.engine`);
  return (result as unknown as { rows: { engine: string }[] }).rows.map((row) => String(row.engine));
}
