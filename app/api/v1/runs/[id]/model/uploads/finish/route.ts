import { apiRoute, parseBody, readJsonBody } from "@/app/_lib/api";
import { finishModelUploadAs } from "@/app/_lib/operations/direct-uploads";
import { modelUploadBodySchema } from "@/lib/api/artifacts";

/** Records the model the owner PUT to the bucket, once its size, SHA-256 and ONNX structure pass. */
export const POST = apiRoute<{ id: string }>(async ({ request, db, actor, params }) => {
  const file = parseBody(modelUploadBodySchema, await readJsonBody(request));
  return Response.json({ artifact: await finishModelUploadAs(db, actor, params.id, file) }, { status: 201 });
});
