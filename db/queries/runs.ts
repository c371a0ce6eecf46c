import { createHash } from "node:crypto";
import { and, asc, count, desc, eq, inArray, sql, type SQL } from "drizzle-orm";
import { AppError } from "../../lib/errors";
import type { Audience, Visibility } from "../../lib/auth/policy";
import type { ResolvedDefinition, ScheduleDefinition } from "../../lib/schedules";
import { currentTaskVersion } from "../../lib/tasks/catalog";
import type { Database } from "../client";
import { artifacts, metricChunks, runBatches, runEvents, runSeriesPreviews, runs, schedules, users, type Run, type RunEvent } from "../schema";
import { isUuid } from "../../lib/ids";
import type { RunSource } from "../../lib/runs/source";
import { userDisplayName, userEmailFor } from "./users";
import { runsVisibleTo } from "./visibility";

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
  resolvedDefinition?: ResolvedDefinition | null;
  seed?: number | null;
  engine?: string | null;
  backend?: string | null;
  device?: string | null;
  hardware?: Record<string, unknown> | null;
  precision?: string | null;
  source: RunSource;
  format?: string | null;
  xAxis: "epoch" | "step";
  /** Its schedule's, so a run never shows what its schedule hides; public when absent. */
  visibility?: Visibility;
}

export async function createRun(db: Database, input: CreateRunInput): Promise<Run> {
  // Uploads and replays alike run on the task as it is now.
  const [row] = await db.insert(runs).values({ ...input, taskVersion: currentTaskVersion(input.taskId) }).returning();
  return row;
}

/**
 * A PostgreSQL array literal, built with one join: node-postgres' own array serialiser costs more
 * than the insert. String(NaN) and String(Infinity) are exactly what float8 input accepts.
 */
function floatArray(values: (number | null | undefined)[]): string {
  return `{${values.map((v) => (v === null || v === undefined ? "NULL" : String(v))).join(",")}}`;
}

function optionalColumn(points: MetricPointInput[], pick: (p: MetricPointInput) => number | null | undefined): string | null {
  return points.some((p) => pick(p) !== null && pick(p) !== undefined) ? floatArray(points.map(pick)) : null;
}

/** Stores points as one chunk per metric, each sorted by x. */
export async function insertPoints(db: Database, runId: string, points: MetricPointInput[]): Promise<void> {
  if (points.length === 0) return;
  const byName = new Map<string, MetricPointInput[]>();
  for (const point of points) {
    const list = byName.get(point.name);
    if (list) list.push(point);
    else byName.set(point.name, [point]);
  }
  const rows = [...byName].map(([name, list]) => {
    list.sort((a, b) => a.x - b.x);
    return {
      runId,
      name,
      xMin: list[0].x,
      xMax: list[list.length - 1].x,
      count: list.length,
      xs: sql`${floatArray(list.map((p) => p.x))}::float8[]`,
      values: sql`${floatArray(list.map((p) => p.value))}::float8[]`,
      steps: sql`${optionalColumn(list, (p) => p.step)}::float8[]`,
      epochs: sql`${optionalColumn(list, (p) => p.epoch)}::float8[]`,
      wallTimes: sql`${optionalColumn(list, (p) => p.wallTime)}::float8[]`,
    };
  });
  await db.insert(metricChunks).values(rows as unknown as (typeof metricChunks.$inferInsert)[]);
  await db
    .update(runs)
    .set({ pointCount: sql`${runs.pointCount} + ${points.length}` })
    .where(eq(runs.id, runId));
}

/**
 * Stores one batch all-or-nothing. The batch's sequence number is claimed first: a retry of a batch
 * already stored, or a concurrent duplicate (which waits on the same key), stores nothing.
 */
/** What identifies a batch's content: non-finite values spelt out, since JSON would make them all null. */
function batchHash(points: MetricPointInput[]): string {
  const canonical = points.map((p) => [p.name, p.x, String(p.value), p.step ?? null, p.epoch ?? null, p.wallTime ?? null]);
  return createHash("sha256").update(JSON.stringify(canonical)).digest("hex");
}

/**
 * Stores a numbered batch once: the same seq with the same points again is acknowledged as a duplicate,
 * with other points it is a 409 (a client bug that would otherwise lose data silently). Batches stored
 * before hashes were kept have none and are taken as matching.
 */
export async function appendBatch(
  db: Database,
  runId: string,
  seq: number,
  points: MetricPointInput[],
): Promise<{ duplicate: boolean; stored: number }> {
  const contentHash = batchHash(points);
  return db.transaction(async (tx) => {
    const claimed = await tx
      .insert(runBatches)
      .values({ runId, seq, pointCount: points.length, contentHash })
      .onConflictDoNothing()
      .returning({ seq: runBatches.seq });
    if (claimed.length === 0) {
      const [stored] = await tx.select({ contentHash: runBatches.contentHash }).from(runBatches).where(and(eq(runBatches.runId, runId), eq(runBatches.seq, seq)));
      if (stored?.contentHash && stored.contentHash !== contentHash) {
        throw new AppError("conflict", `Batch seq ${seq} was already stored with different points; send new points under a new seq.`);
      }
      return { duplicate: true, stored: 0 };
    }
    await insertPoints(tx as unknown as Database, runId, points);
    return { duplicate: false, stored: points.length };
  });
}

/** A run whatever its visibility: for its writers (owner, worker) and checks that come after. */
export async function getRun(db: Database, id: string): Promise<Run | null> {
  if (!isUuid(id)) return null;
  const [row] = await db.select().from(runs).where(eq(runs.id, id)).limit(1);
  return row ?? null;
}

/** A run the audience may read by id; null when it does not exist or is hidden from them alike. */
export async function readRun(db: Database, audience: Audience, id: string): Promise<Run | null> {
  if (!isUuid(id)) return null;
  const [row] = await db.select().from(runs).where(and(eq(runs.id, id), runsVisibleTo(audience, "read"))).limit(1);
  return row ?? null;
}

export interface FinishRunInput {
  status: "finished" | "failed" | "diverged";
  summary: Record<string, unknown>;
  events: { x: number; type: RunEvent["type"]; data: Record<string, unknown> }[];
  /** An upload's claim check; absent leaves the stored one. */
  claimCheck?: Run["claimCheck"];
}

/** Records the derived facts and events; finishing again replaces them, so a retry is harmless. */
export async function finishRun(db: Database, runId: string, input: FinishRunInput): Promise<Run> {
  return db.transaction(async (tx) => {
    await tx.delete(runEvents).where(eq(runEvents.runId, runId));
    if (input.events.length > 0) await tx.insert(runEvents).values(input.events.map((e) => ({ ...e, runId })));
    const [row] = await tx
      .update(runs)
      .set({
        status: input.status,
        summary: input.summary,
        ...(input.claimCheck !== undefined ? { claimCheck: input.claimCheck } : {}),
        finishedAt: sql`coalesce(${runs.finishedAt}, now())`,
      })
      .where(eq(runs.id, runId))
      .returning();
    return row;
  });
}

/** The run of an attempt that failed: kept for its owner to look at until a new attempt replaces it. */
/** The schedule a replay steps through, resolved for its budget, stored beside the one submitted. */
export async function setResolvedDefinition(db: Database, runId: string, definition: ResolvedDefinition): Promise<void> {
  await db.update(runs).set({ resolvedDefinition: definition }).where(eq(runs.id, runId));
}

export async function markRunFailed(db: Database, runId: string): Promise<void> {
  await db.update(runs).set({ status: "failed", finishedAt: sql`now()` }).where(eq(runs.id, runId));
}

export async function listRunEvents(db: Database, runId: string): Promise<RunEvent[]> {
  return db.select().from(runEvents).where(eq(runEvents.runId, runId)).orderBy(asc(runEvents.x));
}

/** Every series of a run (or the named ones), each sorted by x, optionally within [from, to]. */
export async function readSeries(
  db: Database,
  runId: string,
  options: { names?: string[]; from?: number; to?: number } = {},
): Promise<Record<string, [number, number][]>> {
  const conditions: SQL[] = [eq(metricChunks.runId, runId)];
  if (options.names?.length) conditions.push(inArray(metricChunks.name, options.names));
  if (options.from !== undefined) conditions.push(sql`${metricChunks.xMax} >= ${options.from}`);
  if (options.to !== undefined) conditions.push(sql`${metricChunks.xMin} <= ${options.to}`);
  const chunks = await db
    .select({ name: metricChunks.name, xs: metricChunks.xs, values: metricChunks.values })
    .from(metricChunks)
    .where(and(...conditions))
    .orderBy(asc(metricChunks.name), asc(metricChunks.xMin), asc(metricChunks.id));
  const from = options.from ?? -Infinity;
  const to = options.to ?? Infinity;
  const series: Record<string, [number, number][]> = {};
  for (const chunk of chunks) {
    const target = (series[chunk.name] ??= []);
    for (let i = 0; i < chunk.xs.length; i++) {
      const x = Number(chunk.xs[i]);
      if (x >= from && x <= to) target.push([x, Number(chunk.values[i])]);
    }
  }
  // Chunks of later batches may overlap earlier ones in x (a resumed run); keep each series ordered.
  for (const points of Object.values(series)) {
    for (let i = 1; i < points.length; i++) {
      if (points[i][0] < points[i - 1][0]) {
        points.sort((a, b) => a[0] - b[0]);
        break;
      }
    }
  }
  return series;
}

/** The names of the metrics a run has, sorted. */
export async function readSeriesNames(db: Database, runId: string): Promise<string[]> {
  const rows = await db.selectDistinct({ name: metricChunks.name }).from(metricChunks).where(eq(metricChunks.runId, runId));
  return rows.map((r) => r.name).sort();
}

export interface RunFilters {
  taskId?: string;
  scheduleId?: string;
  source?: RunSource;
  ownerId?: string;
}

export const RUNS_PAGE_SIZE = 25;

/**
 * The runs list. Naming a schedule is reading by its link, so an unlisted schedule's runs show;
 * otherwise only what is listed for this audience. Owners are shown by display name, never by e-mail
 * (except to themselves and admins).
 */
export async function listRuns(db: Database, audience: Audience, filters: RunFilters, page = 1) {
  const conditions: SQL[] = [runsVisibleTo(audience, filters.scheduleId ? "read" : "list")];
  if (filters.taskId) conditions.push(eq(runs.taskId, filters.taskId));
  if (filters.scheduleId) conditions.push(eq(runs.scheduleId, filters.scheduleId));
  if (filters.source) conditions.push(eq(runs.source, filters.source));
  if (filters.ownerId) conditions.push(eq(runs.ownerId, filters.ownerId));
  const where = and(...conditions);
  const [rows, [{ total }]] = await Promise.all([
    db
      .select({ run: runs, scheduleName: schedules.name, ownerName: userDisplayName, ownerEmail: userEmailFor(audience) })
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

/** The runs of these ids the audience may read; the others are left out as if they did not exist. */
export async function getRuns(db: Database, audience: Audience, ids: string[]) {
  const valid = ids.filter(isUuid);
  if (valid.length === 0) return [];
  return db
    .select({ run: runs, scheduleName: schedules.name })
    .from(runs)
    .leftJoin(schedules, eq(schedules.id, runs.scheduleId))
    .where(and(inArray(runs.id, valid), runsVisibleTo(audience, "read")));
}

/** A worker's measurement of an uploaded run's model. */
export async function recordVerification(db: Database, runId: string, verifiedAcc: number, verification: Record<string, unknown>): Promise<void> {
  await db.update(runs).set({ verifiedAcc, verification }).where(eq(runs.id, runId));
}

export async function renameRun(db: Database, id: string, name: string | null): Promise<Run> {
  const [row] = await db.update(runs).set({ name }).where(eq(runs.id, id)).returning();
  return row;
}

/**
 * Deletes a run and, through the schema's cascades, its points, batches, previews, events, artifact rows
 * and the verification jobs of its model, in one statement. Returns the S3 keys of its artifacts: bytes
 * in a bucket are outside the transaction and are removed after it commits.
 */
export async function deleteRun(db: Database, id: string): Promise<string[]> {
  return db.transaction(async (tx) => {
    const stored = await tx.select({ s3Key: artifacts.s3Key }).from(artifacts).where(and(eq(artifacts.runId, id), eq(artifacts.storage, "s3")));
    await tx.delete(runs).where(eq(runs.id, id));
    return stored.flatMap((a) => (a.s3Key ? [a.s3Key] : []));
  });
}
