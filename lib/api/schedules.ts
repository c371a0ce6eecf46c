import { z } from "zod";
import { parseDefinition, scheduleDefinitionSchema } from "../schedules";

/** What a person says about a schedule besides its definition; the form and the API share it. */
export const scheduleMetaSchema = z.object({
  name: z
    .string({ error: "name is required" })
    .trim()
    .min(1, "name is required")
    .max(100, "name must be at most 100 characters"),
  description: z
    .string()
    .trim()
    .max(2000, "description must be at most 2000 characters")
    .optional()
    .transform((value) => (value ? value : undefined)),
  visibility: z.enum(["public", "unlisted", "private"], {
    error: "visibility must be one of public, unlisted, private",
  }),
});

/** The JSON body of a schedule creation request (API) and the shape the OpenAPI document publishes. */
export const createScheduleBodySchema = scheduleMetaSchema.extend({ definition: scheduleDefinitionSchema });

/**
 * The form posts the definition as JSON text; its errors keep the definition's own field paths
 * (`definition.milestones[2]`) so the form can show each under its input.
 */
export const scheduleFormSchema = scheduleMetaSchema.extend({
  definition: z.string({ error: "definition is required" }).transform((text, ctx) => {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      ctx.addIssue({ code: "custom", message: "definition is not valid JSON" });
      return z.NEVER;
    }
    const parsed = parseDefinition(json);
    if (!parsed.ok) {
      for (const error of parsed.errors) ctx.addIssue({ code: "custom", message: error.message, path: [error.path] });
      return z.NEVER;
    }
    return parsed.definition;
  }),
});
