"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { getDb } from "@/db";
import { editScheduleFormSchema, scheduleFormSchema } from "@/lib/api/schedules";
import { actionError } from "../../_lib/action-error";
import { writingActor } from "../../_lib/auth/actor";
import { createScheduleAs, updateScheduleAs } from "../../_lib/operations/schedules";
import { validatedAction } from "../../_lib/validated-action";

export const saveSchedule = validatedAction(scheduleFormSchema, async (input) => {
  const { db } = await getDb();
  let id: string;
  try {
    id = (await createScheduleAs(db, await writingActor(db), input)).id;
  } catch (error) {
    return actionError(error);
  }
  redirect(`/schedules/${id}`);
});

export const updateScheduleAction = validatedAction(editScheduleFormSchema, async ({ id, ...input }) => {
  const { db } = await getDb();
  try {
    // An emptied description is cleared, not left as it was.
    await updateScheduleAs(db, await writingActor(db), id, { ...input, description: input.description ?? null });
  } catch (error) {
    return actionError(error);
  }
  revalidatePath(`/schedules/${id}`);
  redirect(`/schedules/${id}`);
});
