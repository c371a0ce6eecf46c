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

function definitionField<T>(decode: (value: T, ctx: z.RefinementCtx) => unknown) {
  return (value: T, ctx: z.RefinementCtx) => {
    const json = decode(value, ctx);
    if (json === z.NEVER) return z.NEVER;
    const parsed = parseDefinition(json);
    if (!parsed.ok) {
      // Paths stay the definition's own (`definition.milestones[2]`) so a form can put each under its input.
      for (const error of parsed.errors) ctx.addIssue({ code: "custom", message: error.message, path: [error.path] });
      return z.NEVER;
    }
    return parsed.definition;
  };
}

/** The JSON body that creates a schedule through the API. */
export const createScheduleBodySchema = scheduleMetaSchema.extend({
  definition: z.unknown().transform(definitionField<unknown>((value) => value)),
});

/** PATCH /api/v1/schedules/{id}: any of the fields, each validated as on creation; a description of null clears it. */
export const updateScheduleBodySchema = z
  .object({
    name: scheduleMetaSchema.shape.name.optional(),
    description: z.string().trim().max(2000, "description must be at most 2000 characters").nullable().optional().transform((v) => (v === "" ? null : v)),
    visibility: scheduleMetaSchema.shape.visibility.optional(),
    definition: z.unknown().transform(definitionField<unknown>((value) => value)).optional(),
  })
  .strict()
  .refine((body) => Object.values(body).some((v) => v !== undefined), "send at least one of name, description, visibility, definition");

/** The same, from the web form, which posts the definition as JSON text. */
export const scheduleFormSchema = scheduleMetaSchema.extend({
  definition: z.string({ error: "definition is required" }).transform(
    definitionField<string>((text, ctx) => {
      try {
        return JSON.parse(text);
      } catch {
        ctx.addIssue({ code: "custom", message: "definition is not valid JSON" });
        return z.NEVER;
      }
    }),
  ),
});

/** The edit form: the creation form plus which schedule. */
export const editScheduleFormSchema = scheduleFormSchema.extend({ id: z.uuid({ error: "id must be a schedule's id" }) });

/** What the OpenAPI document publishes for a schedule body. */
export const scheduleBodyDocumentSchema = scheduleMetaSchema.extend({ definition: scheduleDefinitionSchema });

export const updateScheduleBodyDocumentSchema = scheduleBodyDocumentSchema.partial();
