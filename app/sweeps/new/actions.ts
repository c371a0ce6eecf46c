"use server";

import { redirect } from "next/navigation";
import { getDb } from "@/db";
import { sweepFormSchema } from "@/lib/api/sweeps";
import { actionError } from "../../_lib/action-error";
import { writingActor } from "../../_lib/auth/actor";
import { createSweepAs } from "../../_lib/operations/sweeps";
import { validatedAction } from "../../_lib/validated-action";

export const createSweepAction = validatedAction(sweepFormSchema, async (input) => {
  const { db } = await getDb();
  let id: string;
  try {
    id = (await createSweepAs(db, await writingActor(db), input)).sweep.id;
  } catch (error) {
    return actionError(error);
  }
  redirect(`/sweeps/${id}`);
});
