"use server";

import { revalidatePath } from "next/cache";
import { getDb } from "@/db";
import { createTokenBodySchema, idBodySchema, registerWorkerBodySchema } from "@/lib/api/tokens";
import { actionError } from "../_lib/action-error";
import { writingActor } from "../_lib/auth/actor";
import { createTokenAs, registerWorkerAs, revokeTokenAs } from "../_lib/operations/tokens";
import { validatedAction, type ActionState } from "../_lib/validated-action";

export type SecretState = ActionState & { secret?: string; label?: string };

export const createTokenAction = validatedAction(createTokenBodySchema, async (input): Promise<SecretState> => {
  const { db } = await getDb();
  try {
    const { token, secret } = await createTokenAs(db, await writingActor(db), input);
    revalidatePath("/account");
    return { secret, label: `Token '${token.name}' (${token.scopes.join(", ")})` };
  } catch (error) {
    return actionError(error);
  }
});

export const revokeTokenAction = validatedAction(idBodySchema, async ({ id }): Promise<ActionState> => {
  const { db } = await getDb();
  try {
    await revokeTokenAs(db, await writingActor(db), id);
    revalidatePath("/account");
    return {};
  } catch (error) {
    return actionError(error);
  }
});

export const registerWorkerAction = validatedAction(registerWorkerBodySchema, async ({ name }): Promise<SecretState> => {
  const { db } = await getDb();
  try {
    const { secret } = await registerWorkerAs(db, await writingActor(db), { name });
    revalidatePath("/account");
    return { secret, label: `Worker '${name}'` };
  } catch (error) {
    return actionError(error);
  }
});
