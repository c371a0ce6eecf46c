import type { Database } from "@/db";
import { createSchedule, deleteSchedule, getScheduleById, scheduleHasResults, updateSchedule, type ScheduleChanges } from "@/db/queries/schedules";
import type { Schedule } from "@/db/schema";
import { assertCan, audienceOf, can, canRead, type Actor } from "@/lib/auth/policy";
import type { CreateScheduleInput } from "@/db/queries/schedules";
import { AppError, notFound } from "@/lib/errors";
import { scheduleChanged, scheduleCreated } from "../page-cache";

/** What pages, server actions and the API do with schedules, each behind the one policy. */
export async function createScheduleAs(db: Database, actor: Actor, input: Omit<CreateScheduleInput, "ownerId">): Promise<Schedule> {
  assertCan(actor, "schedule:create");
  const created = await createSchedule(db, { ...input, ownerId: actor.kind === "anonymous" ? null : actor.userId });
  scheduleCreated();
  return created;
}

/** A schedule the actor may read: public and unlisted ones for anyone, private ones for the owner and admins. */
export async function readScheduleAs(db: Database, actor: Actor, id: string): Promise<Schedule | null> {
  const schedule = await getScheduleById(db, id);
  if (!schedule) return null;
  return canRead(audienceOf(actor), schedule) ? schedule : null;
}

export async function deleteScheduleAs(db: Database, actor: Actor, id: string): Promise<void> {
  const schedule = await readScheduleAs(db, actor, id);
  if (!schedule) throw notFound("schedule");
  assertCan(actor, "schedule:delete", schedule);
  await deleteSchedule(db, id);
  scheduleChanged(id);
}

/** A schedule the actor may change: 404 when they may not read it, 401/403 when they may not change it. */
export async function ownSchedule(db: Database, actor: Actor, id: string): Promise<Schedule> {
  const schedule = await readScheduleAs(db, actor, id);
  if (!schedule) throw notFound("schedule");
  assertCan(actor, "schedule:update", schedule);
  return schedule;
}

/** What the schedule page offers its viewer: edit while nothing was measured with it, fork once something was. */
export async function editableBy(db: Database, actor: Actor, schedule: Schedule): Promise<{ canEdit: boolean; hasResults: boolean }> {
  const owner = can(actor, "schedule:update", schedule);
  const hasResults = owner ? await scheduleHasResults(db, schedule.id) : false;
  return { canEdit: owner && !hasResults, hasResults };
}

/**
 * Changes a schedule while nothing was measured or queued with it; after that its runs and jobs are
 * results of its definition as it is, so a change is a new schedule (a fork): 409.
 */
export async function updateScheduleAs(db: Database, actor: Actor, id: string, changes: ScheduleChanges): Promise<Schedule> {
  await ownSchedule(db, actor, id);
  if (await scheduleHasResults(db, id)) {
    throw new AppError("conflict", "This schedule has runs or replay jobs, which were measured with its definition as it is; fork it to change it.");
  }
  const updated = await updateSchedule(db, id, changes);
  scheduleChanged(id);
  return updated;
}
