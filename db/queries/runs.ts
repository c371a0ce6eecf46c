import { and, asc, count, desc, eq, inArray, sql, type SQL } from "drizzle-orm";
import type { ScheduleDefinition } from "../../lib/schedules";
import type { Database } from "../client";
import { metricPoints, runBatches, runEvents, runSeriesPreviews, runs, schedules, users, type Run, type RunEvent } from "../schema";

export interface MetricPointInput {
  name: string;
  x: number;
  value: number;
  step?: number | null;
  epoch?: number | null;
  wallTime?: number | null;
}

export interface CreateRunInput {
  ownerId: string | null;
  taskId: string;
  tier: string;
  name?: string | null;
  scheduleId?: string | null;
  scheduleDefinition?: ScheduleDefinition | null;
  seed?: number | null;
  engine?: string | null;
  backend?: string | null;
  device?: string | null;
  hardware?: Record<string, unknown> | null;
  source: "uploaded" | "replayed";
  format?: string | null;
  xAxis: "epoch" | "step";
}

export async function createRun(db: Database, input: CreateRunInput): Promise<Run> {
  const [row] = await db.insert(runs).values(input).returning();
  return row;
}

// One bound parameter holding a whole array; a plain ${array} would become one parameter per element.
const column = <T>(points: MetricPointInput[], pick: (p: MetricPointInput) => T) => sql.param(points.map(pick));

/**
 * Inserts points as column arrays through unnest: one statement and seven parameters however many
 * points, where a multi-row VALUES would hit PostgreSQL's 65,535-parameter limit at ~9,000 points.
 */
export async function insertPoints(db: Database, runId: string, points: MetricPointInput[]): Promise<void> {
  if (points.length === 0) return;
  await db.execute(sql`
    insert into ${metricPoints} (run_id, name, x, value, step, epoch, wall_time)
    select ${runId}::uuid, p.name, p.x, p.value, p.step, p.epoch, p.wall_time
    from unnest(
      ${column(points, (p) => p.name)}::text[],
      ${column(points, (p) => p.x)}::float8[],
      ${column(points, (p) => p.value)}::float8[],
      ${column(points, (p) => p.step ?? null)}::float8[],
      ${column(points, (p) => p.epoch ?? null)}::float8[],
      ${column(points, (p) => p.wallTime ?? null)}::float8[]
    ) as p(name, x, value, step, epoch, wall_time)`);
  await db
    .update(runs)
    .set({ pointCount: sql`${runs.pointCount} + ${points.length}` })
    .where(eq(runs.id, runId));
}

/**
 * Stores one batch all-or-nothing. The batch's sequence number is claimed first: a retry of a batch
 * already stored, or a concurrent duplicate (which waits on the same key), stores nothing.
 */
export async function appendBatch(
  db: Database,
  runId: string,
  seq: number,
  points: MetricPointInput[],
): Promise<{ duplicate: boolean; stored: number }> {
  return db.transaction(async (tx) => {
    const claimed = await tx
      .insert(runBatches)
      .values({ runId, seq, pointCount: points.length })
      .onConflictDoNothing()
      .returning({ seq: runBatches.seq });
    if (claimed.length === 0) return { duplicate: true, stored: 0 };
    await insertPoints(tx as unknown as Database, runId, points);
    return { duplicate: false, stored: points.length };
  });
}

export async function getRun(db: Database, id: string): Promise<Run | null> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
  const [row] = await db.select().from(runs).where(eq(runs.id, id)).limit(1);
  return row ?? null;
}

export interface FinishRunInput {
  status: "finished" | "failed";
  summary: Record<string, unknown>;
  events: { x: number; type: RunEvent["type"]; data: Record<string, unknown> }[];
}

/** Records the derived facts and events; finishing again replaces them, so a retry is harmless. */
export async function finishRun(db: Database, runId: string, input: FinishRunInput): Promise<Run> {
  return db.transaction(async (tx) => {
    await tx.delete(runEvents).where(eq(runEvents.runId, runId));
    if (input.events.length > 0) await tx.insert(runEvents).values(input.events.map((e) => ({ ...e, runId })));
    const [row] = await tx
      .update(runs)
      .set({ status: input.status, summary: input.summary, finishedAt: sql`coalesce(${runs.finishedAt}, now())` })
      .where(eq(runs.id, runId))
      .returning();
    return row;
  });
}

export async function listRunEvents(db: Database, runId: string): Promise<RunEvent[]> {
  return db.select().from(runEvents).where(eq(runEvents.runId, runId)).orderBy(asc(runEvents.x));
}

/** Every series of a run (or the named ones), each sorted by x. */
export async function readSeries(
  db: Database,
  runId: string,
  options: { names?: string[]; from?: number; to?: number } = {},
): Promise<Record<string, [number, number][]>> {
  const conditions: SQL[] = [eq(metricPoints.runId, runId)];
  if (options.names?.length) conditions.push(inArray(metricPoints.name, options.names));
  if (options.from !== undefined) conditions.push(sql`${metricPoints.x} >= ${options.from}`);
  if (options.to !== undefined) conditions.push(sql`${metricPoints.x} <= ${options.to}`);
  const rows = await db
    .select({ name: metricPoints.name, x: metricPoints.x, value: metricPoints.value })
    .from(metricPoints)
    .where(and(...conditions))
    .orderBy(asc(metricPoints.name), asc(metricPoints.x));
  const series: Record<string, [number, number][]> = {};
  for (const row of rows) (series[row.name] ??= []).push([row.x, row.value]);
  return series;
}

/** The names of the metrics a run has, sorted. */
export async function readSeriesNames(db: Database, runId: string): Promise<string[]> {
  const rows = await db.selectDistinct({ name: metricPoints.name }).from(metricPoints).where(eq(metricPoints.runId, runId));
  return rows.map((r) => r.name).sort();
}

export interface RunFilters {
  taskId?: string;
  scheduleId?: string;
  source?: "uploaded" | "replayed";
  ownerId?: string;
}

export const RUNS_PAGE_SIZE = 25;

export async function listRuns(db: Database, filters: RunFilters, page = 1) {
  const conditions: SQL[] = [eq(runs.visibility, "public")];
  if (filters.taskId) conditions.push(eq(runs.taskId, filters.taskId));
  if (filters.scheduleId) conditions.push(eq(runs.scheduleId, filters.scheduleId));
  if (filters.source) conditions.push(eq(runs.source, filters.source));
  if (filters.ownerId) conditions.push(eq(runs.ownerId, filters.ownerId));
  const where = and(...conditions);
  const [rows, [{ total }]] = await Promise.all([
    db
      .select({ run: runs, scheduleName: schedules.name, ownerEmail: users.email })
      .from(runs)
      .leftJoin(schedules, eq(schedules.id, runs.scheduleId))
      .leftJoin(users, eq(users.id, runs.ownerId))
      .where(where)
      .orderBy(desc(runs.createdAt))
      .limit(RUNS_PAGE_SIZE)
      .offset((Math.max(1, page) - 1) * RUNS_PAGE_SIZE),
    db.select({ total: count() }).from(runs).where(where),
  ]);
  return { rows, total, page: Math.max(1, page), pageSize: RUNS_PAGE_SIZE };
}

export type PreviewPoints = [number, number | null][];

/** Replaces a run's chart previews (downsampled series) in one go. */
export async function saveSeriesPreviews(db: Database, runId: string, previews: Record<string, { pointCount: number; points: PreviewPoints }>) {
  await db.delete(runSeriesPreviews).where(eq(runSeriesPreviews.runId, runId));
  const rows = Object.entries(previews).map(([name, p]) => ({ runId, name, pointCount: p.pointCount, points: p.points }));
  if (rows.length > 0) await db.insert(runSeriesPreviews).values(rows);
}

export async function readSeriesPreviews(db: Database, runIds: string[], names?: string[]) {
  const conditions: SQL[] = [inArray(runSeriesPreviews.runId, runIds)];
  if (names?.length) conditions.push(inArray(runSeriesPreviews.name, names));
  return db.select().from(runSeriesPreviews).where(and(...conditions));
}

export async function getRuns(db: Database, ids: string[]) {
  const valid = ids.filter((id) => /^[0-9a-f-]{36}$/i.test(id));
  if (valid.length === 0) return [];
  return db
    .select({ run: runs, scheduleName: schedules.name })
    .from(runs)
    .leftJoin(schedules, eq(schedules.id, runs.scheduleId))
    .where(inArray(runs.id, valid));
}
