import { apiRoute, parseBody, readJsonBody } from "@/app/_lib/api";
import { requestInterpolationAs } from "@/app/_lib/operations/interpolation";
import { interpolateBodySchema } from "@/lib/api/interpolation";
import { assertCan } from "@/lib/auth/policy";

/** Queues a worker to score the run's network between two of its weight snapshots; an open request is reused. */
export const POST = apiRoute<{ id: string }>(async ({ request, db, actor, params }) => {
  assertCan(actor, "job:submit");
  const body = parseBody(interpolateBodySchema, await readJsonBody(request));
  const { job, queued } = await requestInterpolationAs(db, actor, params.id, body);
  return Response.json({ job: { id: job.id, state: job.state, options: job.options } }, { status: queued ? 201 : 200 });
});
