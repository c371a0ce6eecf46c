import { apiRoute, parseBody, readJsonBody } from "@/app/_lib/api";
import { finishWorkerUploadAs } from "@/app/_lib/operations/direct-uploads";
import { workerUploadBodySchema } from "@/lib/api/artifacts";

/** Records a file the worker PUT to the bucket, once the object's size and SHA-256 are the declared ones. */
export const POST = apiRoute<{ id: string }>(async ({ request, db, actor, params }) => {
  const file = parseBody(workerUploadBodySchema, await readJsonBody(request));
  return Response.json({ artifact: await finishWorkerUploadAs(db, actor, params.id, file) }, { status: 201 });
});
