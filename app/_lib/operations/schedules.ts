import type { Database } from "@/db";
import { createSchedule, deleteSchedule, getScheduleById } from "@/db/queries/schedules";
import type { Schedule } from "@/db/schema";
import { assertCan, audienceOf, canRead, type Actor } from "@/lib/auth/policy";
import type { CreateScheduleInput } from "@/db/queries/schedules";
import { notFound } from "@/lib/errors";

/** What pages, server actions and the API do with schedules, each behind the one policy. */
export async function createScheduleAs(db: Database, actor: Actor, input: Omit<CreateScheduleInput, "ownerId">): Promise<Schedule> {
  assertCan(actor, "schedule:create");
  return createSchedule(db, { ...input, ownerId: actor.kind === "anonymous" ? null : actor.userId });
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
}
