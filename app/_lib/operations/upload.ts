import type { Database } from "@/db";
import { readUploadedLog, readUploadForm } from "@/lib/api/upload";
import type { Actor } from "@/lib/auth/policy";
import { parseRunLog } from "@/lib/runlogs";
import { uploadRunAs } from "./runs";

/** A log file with its form fields, as the web form and the multipart API send it. */
export async function uploadLogAs(db: Database, actor: Actor, form: FormData, idempotencyKey: string | null) {
  const { file, filename, format, meta } = readUploadForm(form);
  const bytes = new Uint8Array(await file.arrayBuffer());
  const log = await readUploadedLog(() => parseRunLog(bytes, { format, filename }));
  return uploadRunAs(db, actor, meta, log, idempotencyKey);
}
