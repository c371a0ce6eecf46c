import { apiRoute, parseBody, readJsonBody } from "@/app/_lib/api";
import { heartbeatAs } from "@/app/_lib/operations/jobs";
import { heartbeatBodySchema } from "@/lib/api/jobs";

/** Renews the lease and reports progress; `cancel: true` tells the worker to stop this job. */
export const POST = apiRoute<{ id: string }>(async ({ request, db, actor, params }) => {
  const { attemptId, progress } = parseBody(heartbeatBodySchema, await readJsonBody(request));
  return Response.json(await heartbeatAs(db, actor, params.id, attemptId, progress ?? null));
});
