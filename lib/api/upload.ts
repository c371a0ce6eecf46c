import { z } from "zod";
import { RUN_LOG_FORMATS } from "../runlogs";
import { runMetaSchema, storedInteger } from "./runs";

/**
 * The form fields that come with an uploaded log file (multipart), as text: the same metadata as a
 * JSON run, with numbers and empty fields as a browser sends them.
 */
const emptyToUndefined = (value: unknown) => (value === "" || value === null ? undefined : value);

export const uploadFieldsSchema = runMetaSchema.omit({ xAxis: true, schedule: true, hardware: true, format: true }).extend({
  scheduleId: z.preprocess(emptyToUndefined, runMetaSchema.shape.scheduleId),
  seed: z.preprocess(
    (v) => (emptyToUndefined(v) === undefined ? undefined : Number(v)),
    storedInteger("seed").optional(),
  ),
  name: z.preprocess(emptyToUndefined, runMetaSchema.shape.name),
  engine: z.preprocess(emptyToUndefined, runMetaSchema.shape.engine),
  device: z.preprocess(emptyToUndefined, runMetaSchema.shape.device),
  precision: z.preprocess(emptyToUndefined, runMetaSchema.shape.precision),
  format: z.preprocess(
    emptyToUndefined,
    z.enum(RUN_LOG_FORMATS, { error: `format must be one of ${RUN_LOG_FORMATS.join(", ")}` }).optional(),
  ),
});

export type UploadFields = z.output<typeof uploadFieldsSchema>;
