import { z } from "zod";
import { FIELD_PATH } from "../sweeps/definition";
import { submitJobsBodySchema } from "./jobs";
import { createScheduleBodySchema, scheduleMetaSchema } from "./schedules";

export const MAX_SWEEP_VALUES = 12;
/** Values x seeds: one sweep may queue at most this many replays. */
export const MAX_SWEEP_RUNS = 36;

export const createSweepBodySchema = z
  .object({
    name: scheduleMetaSchema.shape.name.optional(),
    scheduleId: z.uuid({ error: "scheduleId must be a schedule's id (a UUID)" }).optional(),
    definition: createScheduleBodySchema.shape.definition.optional(),
    field: z.string({ error: "field is required" }).max(100, "field must be at most 100 characters").regex(FIELD_PATH, "field must be a path into the definition, such as lr or phases[1].lr"),
    values: z
      .array(z.number({ error: "each value must be a number" }).refine(Number.isFinite, "each value must be finite"), { error: "values must be an array of numbers" })
      .min(2, "values must hold at least two values")
      .max(MAX_SWEEP_VALUES, `values may hold at most ${MAX_SWEEP_VALUES} values`)
      .refine((values) => new Set(values).size === values.length, "values must not repeat"),
    taskId: submitJobsBodySchema.shape.taskId,
    tier: submitJobsBodySchema.shape.tier,
    seeds: submitJobsBodySchema.shape.seeds,
    visibility: scheduleMetaSchema.shape.visibility.default("public"),
  })
  .refine((body) => (body.scheduleId === undefined) !== (body.definition === undefined), {
    message: "give exactly one of scheduleId and definition: the schedule to sweep",
    path: ["scheduleId"],
  })
  .refine((body) => body.values.length * body.seeds.length <= MAX_SWEEP_RUNS, {
    message: `values x seeds may be at most ${MAX_SWEEP_RUNS} replays`,
    path: ["values"],
  });

export type CreateSweepBody = z.output<typeof createSweepBodySchema>;

/** The sweep form: values and seeds typed as "1, 0.5, 0.2". */
const numberList = (text: unknown) => (typeof text === "string" ? text.split(/[\s,]+/).filter(Boolean).map(Number) : text);
export const sweepFormSchema = z.preprocess(
  (input) => {
    const form = input as Record<string, unknown>;
    return { ...form, values: numberList(form.values), seeds: numberList(form.seeds), name: form.name || undefined, definition: undefined };
  },
  createSweepBodySchema,
);
