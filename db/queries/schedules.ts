import { and, asc, count, desc, eq, ilike, or, sql } from "drizzle-orm";
import { isUuid } from "../../lib/ids";
import { EVERYONE, type Audience } from "../../lib/auth/policy";
import type { ScheduleDefinition } from "../../lib/schedules";
import type { Database } from "../client";
import { jobs, runs, schedules, type Schedule } from "../schema";
import { cancelJobsOfSchedule } from "./jobs";
import { schedulesVisibleTo } from "./visibility";

export type ScheduleVisibility = Schedule["visibility"];

export interface GalleryFilters {
  kind?: string;
  /** Words to find in the name or description, case-insensitive. */
  search?: string;
}

/** `%` and `_` typed in a search are the characters themselves, not LIKE wildcards. */
const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** Public schedules for the gallery: baselines first, then the newest. */
export async function listPublicSchedules(db: Database, filters: GalleryFilters = {}): Promise<Schedule[]> {
  const search = filters.search?.trim();
  return db
    .select()
    .from(schedules)
    .where(
      and(
        schedulesVisibleTo(EVERYONE, "list"),
        filters.kind ? eq(schedules.kind, filters.kind) : undefined,
        search ? or(ilike(schedules.name, likePattern(search)), ilike(schedules.description, likePattern(search))) : undefined,
      ),
    )
    .orderBy(desc(schedules.isBaseline), asc(schedules.taskId), desc(schedules.createdAt));
}

/** The kinds public schedules have, for the gallery's filter. */
export async function listPublicKinds(db: Database): Promise<string[]> {
  const rows = await db.selectDistinct({ kind: schedules.kind }).from(schedules).where(schedulesVisibleTo(EVERYONE, "list")).orderBy(asc(schedules.kind));
  return rows.map((r) => r.kind);
}

/**
 * Whether anything was measured or queued with the schedule (a run, or a replay job in any state):
 * its definition is then what those results mean, so it may no longer change.
 */
export async function scheduleHasResults(db: Database, id: string): Promise<boolean> {
  const [row] = await db.execute(sql`
    select exists(select 1 from ${runs} where ${runs.scheduleId} = ${id})
        or exists(select 1 from ${jobs} where ${jobs.scheduleId} = ${id}) as "has"`).then((r) => (r as unknown as { rows: { has: boolean }[] }).rows);
  return row.has;
}

export type ScheduleChanges = Partial<Pick<CreateScheduleInput, "name" | "description" | "definition" | "visibility">>;

export async function updateSchedule(db: Database, id: string, changes: ScheduleChanges): Promise<Schedule> {
  const [row] = await db
    .update(schedules)
    .set({ ...changes, ...(changes.definition ? { kind: changes.definition.kind } : {}) })
    .where(eq(schedules.id, id))
    .returning();
  return row;
}

/** Schedules listed for the audience (public ones and their own), baselines first: what a picker offers. */
export async function listSchedulesFor(db: Database, audience: Audience, limit = 500): Promise<Schedule[]> {
  return db
    .select()
    .from(schedules)
    .where(schedulesVisibleTo(audience, "list"))
    .orderBy(desc(schedules.isBaseline), asc(schedules.name))
    .limit(limit);
}

export async function getScheduleById(db: Database, id: string): Promise<Schedule | null> {
  // An id that is not a UUID cannot exist; asking PostgreSQL would only raise a cast error.
  if (!isUuid(id)) return null;
  const [row] = await db.select().from(schedules).where(eq(schedules.id, id)).limit(1);
  return row ?? null;
}

export async function deleteSchedule(db: Database, id: string): Promise<void> {
  await db.transaction(async (tx) => {
    await cancelJobsOfSchedule(tx as unknown as Database, id);
    await tx.delete(schedules).where(eq(schedules.id, id));
  });
}

/** Schedules a user made, newest first, whatever their visibility. */
export async function listSchedulesOfOwner(db: Database, ownerId: string): Promise<Schedule[]> {
  return db.select().from(schedules).where(eq(schedules.ownerId, ownerId)).orderBy(desc(schedules.createdAt));
}

export interface CreateScheduleInput {
  name: string;
  description?: string | null;
  definition: ScheduleDefinition;
  visibility: ScheduleVisibility;
  ownerId?: string | null;
}

export async function createSchedule(db: Database, input: CreateScheduleInput): Promise<Schedule> {
  const [row] = await db
    .insert(schedules)
    .values({
      name: input.name,
      description: input.description ?? null,
      kind: input.definition.kind,
      definition: input.definition,
      visibility: input.visibility,
      ownerId: input.ownerId ?? null,
    })
    .returning();
  return row;
}

export async function countPublicSchedules(db: Database): Promise<number> {
  const [row] = await db.select({ n: count() }).from(schedules).where(schedulesVisibleTo(EVERYONE, "list"));
  return row.n;
}

/**
 * A schedule the audience may list whose definition is the same as `definition`: jsonb equality
 * ignores key order and number spelling, so it compares canonical forms. The audience's own first,
 * then baselines, then the oldest.
 */
export async function findScheduleByDefinition(db: Database, audience: Audience, definition: ScheduleDefinition): Promise<Schedule | null> {
  const mine = audience.kind === "owner" ? sql`${schedules.ownerId} = ${audience.userId}` : sql`false`;
  const [row] = await db
    .select()
    .from(schedules)
    .where(and(sql`${schedules.definition} = ${JSON.stringify(definition)}::jsonb`, schedulesVisibleTo(audience, "list")))
    .orderBy(desc(mine), desc(schedules.isBaseline), asc(schedules.createdAt))
    .limit(1);
  return row ?? null;
}
