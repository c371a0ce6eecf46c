import type { z } from "zod";

export interface FormFieldError {
  path: string;
  message: string;
}

export type ActionState = { errors?: FormFieldError[]; formError?: string };

/**
 * Server actions receive untrusted FormData; every one goes through a zod schema first and gets all
 * field errors back by path, so the form can show each message beside its input.
 */
export function validatedAction<S extends z.ZodType, R extends ActionState>(
  schema: S,
  action: (data: z.output<S>, formData: FormData) => Promise<R>,
) {
  return async (_previous: ActionState, formData: FormData): Promise<ActionState | R> => {
    const result = schema.safeParse(Object.fromEntries(formData));
    if (!result.success) {
      return {
        errors: result.error.issues.map((issue) => ({
          path: issue.path.map(String).join("."),
          message: issue.message,
        })),
      };
    }
    return action(result.data, formData);
  };
}
