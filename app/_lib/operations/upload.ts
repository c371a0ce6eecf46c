import type { Database } from "@/db";
import { uploadFieldsSchema, type UploadFields } from "@/lib/api/upload";
import type { Actor } from "@/lib/auth/policy";
import { AppError } from "@/lib/errors";
import { parseRunLog, RunLogParseError } from "@/lib/runlogs";
import { uploadRunAs } from "./runs";

/** Log files bigger than this are refused before parsing; long runs are sent in batches instead. */
export const MAX_LOG_BYTES = 64 * 1024 * 1024;

/** A log file with its form fields, as the web form and the multipart API send it. */
export async function uploadLogAs(db: Database, actor: Actor, form: FormData, idempotencyKey: string | null) {
  const file = form.get("file");
  if (!(file instanceof Blob) || file.size === 0) throw new AppError("bad_request", "file is required: attach the log file as 'file'.");
  if (file.size > MAX_LOG_BYTES) {
    throw new AppError("payload_too_large", `The log file is larger than the limit of ${MAX_LOG_BYTES} bytes.`);
  }
  const fields = uploadFieldsSchema.safeParse(Object.fromEntries([...form.entries()].filter(([key]) => key !== "file")));
  if (!fields.success) throw new AppError("unprocessable", fields.error.issues.map((i) => i.message).join("; "));
  const { format, ...meta }: UploadFields = fields.data;
  let log;
  try {
    log = parseRunLog(new Uint8Array(await file.arrayBuffer()), {
      format,
      filename: "name" in file ? String(file.name) : undefined,
    });
  } catch (error) {
    if (error instanceof RunLogParseError) throw new AppError("unprocessable", error.message);
    throw error;
  }
  if (Object.keys(log.series).length === 0) throw new AppError("unprocessable", `${log.format}: the file holds no metrics.`);
  return uploadRunAs(db, actor, meta, log, idempotencyKey);
}
