import { apiRoute, parseBody, readJsonBody } from "@/app/_lib/api";
import { beginModelUploadAs } from "@/app/_lib/operations/direct-uploads";
import { modelUploadBodySchema } from "@/lib/api/artifacts";

/** Where to PUT the run's model: a presigned bucket URL, or `upload: null` (no bucket: PUT it to .../model). */
export const POST = apiRoute<{ id: string }>(async ({ request, db, actor, params }) => {
  const file = parseBody(modelUploadBodySchema, await readJsonBody(request));
  return Response.json({ upload: await beginModelUploadAs(db, actor, params.id, file) });
});
