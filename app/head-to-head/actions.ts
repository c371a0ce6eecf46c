"use server";

import { revalidatePath } from "next/cache";
import { getDb } from "@/db";
import { replayFormSchema } from "@/lib/api/jobs";
import { assertCan } from "@/lib/auth/policy";
import { notFound } from "@/lib/errors";
import { actionError } from "../_lib/action-error";
import { currentActor } from "../_lib/auth/actor";
import { submitJobsAs } from "../_lib/operations/jobs";
import { readScheduleAs } from "../_lib/operations/schedules";
import { validatedAction } from "../_lib/validated-action";

/**
 * The verdict's "queue the missing seeds": the schedule's owner or an admin (whoever may change the
 * schedule) spends worker time on it from here; anyone else may still replay it from its own page.
 */
export const queueMissingSeedsAction = validatedAction(replayFormSchema, async (input) => {
  const { db } = await getDb();
  try {
    const actor = await currentActor(db);
    const schedule = await readScheduleAs(db, actor, input.scheduleId);
    if (!schedule) throw notFound("schedule");
    assertCan(actor, "schedule:update", schedule);
    const jobs = await submitJobsAs(db, actor, input);
    revalidatePath("/head-to-head");
    return { message: `Queued ${jobs.length} replay${jobs.length === 1 ? "" : "s"} of ${schedule.name}: seeds ${input.seeds.join(", ")}. The verdict updates as workers finish them.` };
  } catch (error) {
    return actionError(error);
  }
});
