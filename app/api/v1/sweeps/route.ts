import { apiRoute, parseBody, readJsonBody } from "@/app/_lib/api";
import { createSweepAs } from "@/app/_lib/operations/sweeps";
import { createSweepBodySchema } from "@/lib/api/sweeps";
import { assertCan } from "@/lib/auth/policy";

/** One schedule per value and its replays per seed (scopes jobs:submit and schedules:write). */
export const POST = apiRoute(async ({ request, db, actor }) => {
  assertCan(actor, "job:submit");
  assertCan(actor, "schedule:create");
  const body = parseBody(createSweepBodySchema, await readJsonBody(request));
  const { sweep, jobs } = await createSweepAs(db, actor, body);
  return Response.json({ sweep, jobs: jobs.map((j) => ({ id: j.id, scheduleId: j.scheduleId, seed: j.seed, state: j.state })) }, { status: 201 });
});
