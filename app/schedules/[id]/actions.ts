"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { getDb } from "@/db";
import { replayFormSchema } from "@/lib/api/jobs";
import { idBodySchema } from "@/lib/api/tokens";
import { actionError } from "../../_lib/action-error";
import { writingActor } from "../../_lib/auth/actor";
import { submitJobsAs } from "../../_lib/operations/jobs";
import { deleteScheduleAs } from "../../_lib/operations/schedules";
import { validatedAction } from "../../_lib/validated-action";

export const deleteScheduleAction = validatedAction(idBodySchema, async ({ id }) => {
  const { db } = await getDb();
  try {
    await deleteScheduleAs(db, await writingActor(db), id);
  } catch (error) {
    return actionError(error);
  }
  revalidatePath("/schedules");
  redirect("/schedules");
});

export const submitReplayAction = validatedAction(replayFormSchema, async (input) => {
  const { db } = await getDb();
  try {
    const jobs = await submitJobsAs(db, await writingActor(db), input);
    revalidatePath(`/schedules/${input.scheduleId}`);
    return { message: `Queued ${jobs.length} replay${jobs.length === 1 ? "" : "s"}: ${input.taskId} ${input.tier}, seeds ${input.seeds.join(", ")}.` };
  } catch (error) {
    return actionError(error);
  }
});
