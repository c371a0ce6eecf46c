"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { getDb } from "@/db";
import { idBodySchema } from "@/lib/api/tokens";
import { actionError } from "../../_lib/action-error";
import { currentActor } from "../../_lib/auth/actor";
import { deleteScheduleAs } from "../../_lib/operations/schedules";
import { validatedAction } from "../../_lib/validated-action";

export const deleteScheduleAction = validatedAction(idBodySchema, async ({ id }) => {
  const { db } = await getDb();
  try {
    await deleteScheduleAs(db, await currentActor(db), id);
  } catch (error) {
    return actionError(error);
  }
  revalidatePath("/schedules");
  redirect("/schedules");
});
