import { z } from "zod";
import { AppError } from "../errors";
import { RUN_LOG_FORMATS, RunLogParseError, storedXAxis, type ParsedRunLog, type RunLogFormat } from "../runlogs";
import { runMetaSchema, storedInteger } from "./runs";

/** Log files bigger than this are refused before parsing; long runs are sent in batches instead. */
export const MAX_LOG_BYTES = 64 * 1024 * 1024;

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

export interface UploadForm {
  file: Blob;
  /** The file's name, a hint for recognising the format. */
  filename: string | undefined;
  /** The format the uploader named, if any. */
  format: RunLogFormat | undefined;
  /** The run's fields: what POST /api/v1/runs takes besides the log's format and axis. */
  meta: Omit<UploadFields, "format">;
}

/**
 * An upload form's file and fields, checked before the file is read: by the multipart API, and in the
 * browser before it sends a large log in batches, so both refuse the same forms with the same words.
 */
export function readUploadForm(form: FormData): UploadForm {
  const file = form.get("file");
  if (!(file instanceof Blob) || file.size === 0) throw new AppError("bad_request", "file is required: attach the log file as 'file'.");
  if (file.size > MAX_LOG_BYTES) {
    throw new AppError("payload_too_large", `The log file is larger than the limit of ${MAX_LOG_BYTES} bytes.`);
  }
  const fields = uploadFieldsSchema.safeParse(Object.fromEntries([...form.entries()].filter(([key]) => key !== "file")));
  if (!fields.success) throw new AppError("unprocessable", fields.error.issues.map((i) => i.message).join("; "));
  const { format, ...meta } = fields.data;
  return { file, filename: "name" in file ? String(file.name) : undefined, format, meta };
}

/** A parsed upload's log, or a 422 naming what the parser refused or that the file holds no metrics. */
export async function readUploadedLog(parse: () => ParsedRunLog | Promise<ParsedRunLog>): Promise<ParsedRunLog> {
  let log;
  try {
    log = await parse();
  } catch (error) {
    if (error instanceof RunLogParseError) throw new AppError("unprocessable", error.message);
    throw error;
  }
  if (Object.keys(log.series).length === 0) throw new AppError("unprocessable", `${log.format}: the file holds no metrics.`);
  return log;
}

/** What a log adds to its run's fields: the format it was read as and the axis its points are stored on. */
export function logRunFields(log: ParsedRunLog) {
  return { format: log.format, xAxis: storedXAxis(log.xAxis) };
}
