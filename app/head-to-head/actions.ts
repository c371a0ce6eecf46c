"use server";

import { revalidatePath } from "next/cache";
import { getDb } from "@/db";
import { replayFormSchema } from "@/lib/api/jobs";
import { actionError } from "../_lib/action-error";
import { writingActor } from "../_lib/auth/actor";
import { queueMissingSeedsAs } from "../_lib/operations/jobs";
import { validatedAction } from "../_lib/validated-action";

export const queueMissingSeedsAction = validatedAction(replayFormSchema, async (input) => {
  const { db } = await getDb();
  try {
    const { schedule, jobs } = await queueMissingSeedsAs(db, await writingActor(db), input);
    revalidatePath("/head-to-head");
    return { message: `Queued ${jobs.length} replay${jobs.length === 1 ? "" : "s"} of ${schedule.name}: seeds ${input.seeds.join(", ")}. The verdict updates as workers finish them.` };
  } catch (error) {
    return actionError(error);
  }
});
