import { apiRoute } from "@/app/_lib/api";
import { MAX_LOG_BYTES, uploadLogAs } from "@/app/_lib/operations/upload";
import { assertCan } from "@/lib/auth/policy";
import { AppError } from "@/lib/errors";

/** A whole log file (multipart/form-data: `file` plus taskId, tier and the optional run fields). */
export const POST = apiRoute(async ({ request, db, actor }) => {
  assertCan(actor, "run:upload");
  const declared = Number(request.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > MAX_LOG_BYTES + 64 * 1024) {
    throw new AppError("payload_too_large", `The upload is larger than the limit of ${MAX_LOG_BYTES} bytes.`);
  }
  const form = await request.formData().catch(() => {
    throw new AppError("bad_request", "Send the log as multipart/form-data with the file in the field 'file'.");
  });
  const result = await uploadLogAs(db, actor, form, request.headers.get("idempotency-key"));
  return Response.json(result.body, { status: result.status });
});
