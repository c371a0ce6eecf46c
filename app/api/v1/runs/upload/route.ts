import { apiRoute, readBodyBytes } from "@/app/_lib/api";
import { uploadLogAs } from "@/app/_lib/operations/upload";
import { MAX_LOG_BYTES } from "@/lib/api/upload";
import { assertCan } from "@/lib/auth/policy";
import { AppError } from "@/lib/errors";

/** Room for the form's other fields and the multipart boundaries around the file. */
const FORM_OVERHEAD_BYTES = 64 * 1024;

/** A whole log file (multipart/form-data: `file` plus taskId, tier and the optional run fields). */
export const POST = apiRoute(async ({ request, db, actor }) => {
  assertCan(actor, "run:upload");
  // Read within the limit first: a body without Content-Length would otherwise be parsed whole.
  const bytes = await readBodyBytes(request, MAX_LOG_BYTES + FORM_OVERHEAD_BYTES, "the log as multipart/form-data");
  const form = await new Response(new Uint8Array(bytes), { headers: { "content-type": request.headers.get("content-type") ?? "" } }).formData().catch(() => {
    throw new AppError("bad_request", "Send the log as multipart/form-data with the file in the field 'file'.");
  });
  const result = await uploadLogAs(db, actor, form, request.headers.get("idempotency-key"));
  return Response.json(result.body, { status: result.status });
});
