import { AppError } from "@/lib/errors";
import type { ActionState } from "./validated-action";

/** A server action's failure as a message for the form: ours verbatim, anything else logged and generic. */
export function actionError(error: unknown): ActionState {
  if (error instanceof AppError) {
    return { formError: error.code === "unauthorized" ? "Sign in first: this needs an account." : error.message };
  }
  console.error("server action failed", error);
  return { formError: "Something went wrong and nothing was saved. Please try again." };
}
