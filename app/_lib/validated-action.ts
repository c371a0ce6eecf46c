import type { z } from "zod";

export interface FormFieldError {
  path: string;
  message: string;
}

export type ActionState = { errors?: FormFieldError[]; formError?: string; message?: string };

/** Fields sent more than once (checkbox groups) become arrays; the rest stay single strings. */
export function formDataToObject(formData: FormData): Record<string, FormDataEntryValue | FormDataEntryValue[]> {
  const out: Record<string, FormDataEntryValue | FormDataEntryValue[]> = {};
  for (const key of new Set(formData.keys())) {
    const values = formData.getAll(key);
    out[key] = values.length > 1 ? values : values[0];
  }
  return out;
}

/**
 * Server actions receive untrusted FormData; every one goes through a zod schema first and gets all
 * field errors back by path, so the form can show each message beside its input.
 */
export function validatedAction<S extends z.ZodType, R extends ActionState>(
  schema: S,
  action: (data: z.output<S>, formData: FormData) => Promise<R>,
) {
  return async (_previous: ActionState, formData: FormData): Promise<ActionState | R> => {
    const result = schema.safeParse(formDataToObject(formData));
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
