"use server";

import { redirect } from "next/navigation";
import { getDb } from "@/db";
import { scheduleFormSchema } from "@/lib/api/schedules";
import { actionError } from "../../_lib/action-error";
import { writingActor } from "../../_lib/auth/actor";
import { createScheduleAs } from "../../_lib/operations/schedules";
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
