"use server";

import { redirect } from "next/navigation";
import { getDb } from "@/db";
import { createSchedule } from "@/db/queries/schedules";
import { scheduleFormSchema } from "@/lib/api/schedules";
import { validatedAction } from "../../_lib/validated-action";

export const saveSchedule = validatedAction(scheduleFormSchema, async (input) => {
  const { db, driver } = await getDb();
  // Until sign-in exists, only the single-user embedded default may write without an account.
  if (driver !== "pglite") {
    return { formError: "Saving schedules needs sign-in, which this deployment does not offer yet." };
  }
  let id: string;
  try {
    id = (await createSchedule(db, input)).id;
  } catch (error) {
    console.error("saveSchedule failed", error);
    return { formError: "The schedule could not be saved; nothing was stored. Please try again." };
  }
  redirect(`/schedules/${id}`);
});
