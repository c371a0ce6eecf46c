import { sql } from "drizzle-orm";
import type { LeaderboardRowInput } from "../../lib/leaderboard";
import type { Database } from "../client";

/**
 * One row per schedule and source (replayed by a worker, or self-reported) on a task and tier,
 * aggregated in SQL from the facts each run got when it finished: no run is loaded into memory.
 */
export async function leaderboardAggregates(
  db: Database,
  filters: { taskId: string; tier: string; verifiedOnly?: boolean; engine?: string },
): Promise<LeaderboardRowInput[]> {
  const result = await db.execute(sql`
    select r.schedule_id as "scheduleId", s.name as "scheduleName", s.kind, r.source,
           case when count(distinct r.engine) = 1 then min(r.engine) end as engine,
           count(*)::int as seeds,
           avg((r.summary->'accuracy'->>'final')::float8) as "meanFinal",
           stddev_samp((r.summary->'accuracy'->>'final')::float8) as "stdFinal",
           avg((r.summary->'accuracy'->>'best')::float8) as "meanBest",
           avg((r.summary->>'epochs')::float8) as "meanEpochs",
           avg((r.summary->'timeToTarget'->>'x')::float8) as "meanEpochsToTarget",
           avg((r.summary->'timeToTarget'->>'wallSeconds')::float8) as "meanWallToTarget",
           count(r.summary->'timeToTarget'->>'x')::int as "reachedTarget",
           min(r.device) as hardware
    from runs r join schedules s on s.id = r.schedule_id
    where r.task_id = ${filters.taskId} and r.tier = ${filters.tier} and r.status = 'finished' and r.visibility = 'public'
      and r.summary->'accuracy'->>'final' is not null
      ${filters.verifiedOnly ? sql`and r.source = 'replayed'` : sql``}
      ${filters.engine ? sql`and r.engine = ${filters.engine}` : sql``}
    group by r.schedule_id, s.name, s.kind, r.source
    order by "meanFinal" desc`);
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
  source: "uploaded" | "replayed";
}

/** The finished runs of one schedule on a task and tier, one per seed (the newest, replays first). */
export async function seedResults(db: Database, scheduleId: string, taskId: string, tier: string): Promise<SeedResult[]> {
  const result = await db.execute(sql`
    select distinct on (r.seed) r.id as "runId", r.seed, (r.summary->'accuracy'->>'final')::float8 as final,
           (r.summary->>'epochs')::float8 as epochs, (r.summary->'timeToTarget'->>'x')::float8 as "epochsToTarget", r.source
    from runs r
    where r.schedule_id = ${scheduleId} and r.task_id = ${taskId} and r.tier = ${tier} and r.status = 'finished'
      and r.visibility = 'public' and r.summary->'accuracy'->>'final' is not null
    order by r.seed, (r.source = 'replayed') desc, r.created_at desc`);
  return (result as unknown as { rows: Record<string, unknown>[] }).rows.map((row) => ({
    runId: String(row.runId),
    seed: row.seed === null ? null : Number(row.seed),
    final: Number(row.final),
    epochs: row.epochs === null ? null : Number(row.epochs),
    epochsToTarget: row.epochsToTarget === null ? null : Number(row.epochsToTarget),
    source: row.source as SeedResult["source"],
  }));
}
