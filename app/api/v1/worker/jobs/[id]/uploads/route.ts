import { apiRoute, parseBody, readJsonBody } from "@/app/_lib/api";
import { beginWorkerUploadAs } from "@/app/_lib/operations/direct-uploads";
import { workerUploadBodySchema } from "@/lib/api/artifacts";

/** Where to PUT a file's bytes: a presigned bucket URL, or `upload: null` (no bucket: PUT them to .../artifacts/{name}). */
export const POST = apiRoute<{ id: string }>(async ({ request, db, actor, params }) => {
  const file = parseBody(workerUploadBodySchema, await readJsonBody(request));
  return Response.json({ upload: await beginWorkerUploadAs(db, actor, params.id, file) });
});
