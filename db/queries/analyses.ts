import { and, inArray, like, or, sql, type SQL } from "drizzle-orm";
import type { JumpAggregate } from "../../lib/analysis/jump-table";
import { currentTaskVersion } from "../../lib/tasks/catalog";
import type { Database } from "../client";
import { runEvents, runSeriesPreviews } from "../schema";
import { runsListedForEveryone, SOURCE_PREFERENCE } from "./visibility";

export interface AnalysisFilters {
  taskId: string;
  tier: string;
  verifiedOnly?: boolean;
}

/** Seeds per schedule an analysis page reads the curves of; more adds nothing a chart could show. */
export const MAX_SEEDS_PER_SCHEDULE = 20;

const rowsOf = (result: unknown) => (result as { rows: Record<string, unknown>[] }).rows;

/**
 * The public finished runs of a task and tier that count, one per schedule and seed: the newest, a
 * replay before an upload, as head-to-head picks them. A seed re-run or uploaded twice is one
 * result, not two. Runs without a seed share one slot per schedule, having nothing to tell them apart.
 */
export function latestRunPerSeed(filters: AnalysisFilters, extra: SQL = sql``): SQL {
  return sql`
    select distinct on (r.schedule_id, r.seed) r.id, r.schedule_id, r.seed, r.summary
    from runs r
    where r.task_id = ${filters.taskId} and r.tier = ${filters.tier} and r.status = 'finished' and ${runsListedForEveryone()}
      and r.schedule_id is not null
      and r.task_version = ${currentTaskVersion(filters.taskId)}
      ${filters.verifiedOnly ? sql`and r.source = 'replayed'` : sql``}
      ${extra}
    order by r.schedule_id, r.seed, ${SOURCE_PREFERENCE}, r.created_at desc`;
}

export interface AnalysisRun {
  runId: string;
  scheduleId: string;
  scheduleName: string;
  /** What the schedule is, for the analyses that find StepDecay, AutoDecay and the controls by role. */
  scheduleKind: string;
  scheduleDefinition: unknown;
  scheduleIsBaseline: boolean;
  seed: number | null;
  series: Record<string, [number, number][]>;
  /** Stored run events (decays and others), ordered by x. */
  events: { x: number; type: string }[];
}

/**
 * Runs with their chart previews of the wanted series, at most MAX_SEEDS_PER_SCHEDULE per schedule.
 * Previews hold every point of a run of up to 1,000 logged points (any per-epoch run); longer runs
 * come downsampled, which keeps extremes and the ends but may shift a stage's last value slightly.
 */
export async function analysisRuns(
  db: Database,
  filters: AnalysisFilters,
  wanted: { names: string[]; prefix?: string; signature: string[] | { prefix: string } },
): Promise<AnalysisRun[]> {
  // Only runs reporting a series specific to the analysis count (test_acc and lr alone do not): a
  // cifar-style upload has no ps10 subsets, and a run without transfer series has no table-2 row.
  const signature = wanted.signature;
  const specific = Array.isArray(signature)
    ? sql`p.name in (${sql.join(signature.map((n) => sql`${n}`), sql`, `)})`
    : sql`p.name like ${`${signature.prefix}%`}`;
  const picked = await db.execute(sql`
    with picked as (${latestRunPerSeed(filters, sql`and exists (select 1 from run_series_previews p where p.run_id = r.id and ${specific})`)}),
    ranked as (select picked.*, row_number() over (partition by picked.schedule_id order by picked.seed nulls last) as n from picked)
    select ranked.id as "runId", ranked.schedule_id as "scheduleId", s.name as "scheduleName", s.kind as "scheduleKind",
      s.definition as "scheduleDefinition", s.is_baseline as "scheduleIsBaseline", ranked.seed
    from ranked join schedules s on s.id = ranked.schedule_id
    where ranked.n <= ${MAX_SEEDS_PER_SCHEDULE}
    order by s.name, ranked.seed nulls last`);
  const runs: AnalysisRun[] = rowsOf(picked).map((row) => ({
    runId: String(row.runId),
    scheduleId: String(row.scheduleId),
    scheduleName: String(row.scheduleName),
    scheduleKind: String(row.scheduleKind),
    // PGlite and node-postgres both parse jsonb; a driver that hands back text gets parsed here.
    scheduleDefinition: typeof row.scheduleDefinition === "string" ? JSON.parse(row.scheduleDefinition) : row.scheduleDefinition,
    scheduleIsBaseline: row.scheduleIsBaseline === true,
    seed: row.seed === null ? null : Number(row.seed),
    series: {},
    events: [],
  }));
  if (runs.length === 0) return runs;
  const ids = runs.map((r) => r.runId);
  const byId = new Map(runs.map((r) => [r.runId, r]));
  const nameCondition = wanted.prefix
    ? or(inArray(runSeriesPreviews.name, wanted.names), like(runSeriesPreviews.name, `${wanted.prefix}%`))
    : inArray(runSeriesPreviews.name, wanted.names);
  const [previews, events] = await Promise.all([
    db.select().from(runSeriesPreviews).where(and(inArray(runSeriesPreviews.runId, ids), nameCondition)),
    db.select({ runId: runEvents.runId, x: runEvents.x, type: runEvents.type }).from(runEvents).where(inArray(runEvents.runId, ids)).orderBy(runEvents.x),
  ]);
  for (const preview of previews) {
    byId.get(preview.runId)!.series[preview.name] = preview.points.map(([x, y]): [number, number] => [x, y ?? Number.NaN]);
  }
  for (const event of events) byId.get(event.runId)!.events.push({ x: event.x, type: event.type });
  return runs;
}

/**
 * The n-th accuracy jump of every counted run (summary.jumps, in decay order), aggregated per
 * schedule and n in SQL: mean epoch of the decay, and mean, sample sd and count of the gains.
 */
export async function jumpAggregates(db: Database, filters: AnalysisFilters): Promise<JumpAggregate[]> {
  const result = await db.execute(sql`
    with picked as (${latestRunPerSeed(filters)}),
    j as (
      select picked.schedule_id, e.ord::int as decay, (e.jump ->> 'x')::double precision as x, (e.jump ->> 'gain')::double precision as gain
      from picked
      cross join lateral jsonb_array_elements(
        case when jsonb_typeof(picked.summary -> 'jumps') = 'array' then picked.summary -> 'jumps' else '[]'::jsonb end
      ) with ordinality as e(jump, ord)
    )
    select j.schedule_id as "scheduleId", s.name as "scheduleName", j.decay, count(*)::int as runs,
           avg(j.x) as "meanX", avg(j.gain) as "meanGain", stddev_samp(j.gain) as "stdGain", count(j.gain)::int as gains
    from j join schedules s on s.id = j.schedule_id
    group by j.schedule_id, s.name, j.decay
    order by s.name, j.decay`);
  return rowsOf(result).map((row) => ({
    scheduleId: String(row.scheduleId),
    scheduleName: String(row.scheduleName),
    decay: Number(row.decay),
    runs: Number(row.runs),
    meanX: Number(row.meanX),
    meanGain: row.meanGain === null ? null : Number(row.meanGain),
    stdGain: row.stdGain === null ? null : Number(row.stdGain),
    gains: Number(row.gains),
  }));
}
