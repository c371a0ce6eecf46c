import { apiRoute, parseBody, readJsonBody } from "@/app/_lib/api";
import { submitJobsAs } from "@/app/_lib/operations/jobs";
import { listJobs } from "@/db/queries/jobs";
import { submitJobsBodySchema } from "@/lib/api/jobs";
import { assertCan, audienceOf } from "@/lib/auth/policy";
import { AppError } from "@/lib/errors";
import { isUuid } from "@/lib/ids";

/** Jobs of a schedule (or the given ids), newest first: what the schedule page polls for progress. */
export const GET = apiRoute(async ({ request, db, actor }) => {
  const query = new URL(request.url).searchParams;
  const scheduleId = query.get("schedule") ?? undefined;
  const ids = query.get("ids")?.split(",").filter(Boolean);
  if ((scheduleId && !isUuid(scheduleId)) || ids?.some((id) => !isUuid(id))) throw new AppError("bad_request", "schedule and ids must be UUIDs");
  const jobs = await listJobs(db, audienceOf(actor), { scheduleId, ids });
  return Response.json({
    jobs: jobs.map(({ attemptId: _fencingToken, leaseHolder: _worker, ...job }) => job),
  });
});

/** One job per seed (scope jobs:submit). */
export const POST = apiRoute(async ({ request, db, actor }) => {
  assertCan(actor, "job:submit");
  const body = parseBody(submitJobsBodySchema, await readJsonBody(request));
  const jobs = await submitJobsAs(db, actor, body);
  return Response.json({ jobs: jobs.map((j) => ({ id: j.id, seed: j.seed, state: j.state })) }, { status: 201 });
});
