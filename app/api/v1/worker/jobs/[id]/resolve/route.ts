import { apiRoute, parseBody, readJsonBody } from "@/app/_lib/api";
import { resolveScheduleAs } from "@/app/_lib/operations/jobs";
import { resolveBodySchema } from "@/lib/api/jobs";

/** The job's schedule resolved for the budget the engine set up; a budget-relative one is stored on the run. */
export const POST = apiRoute<{ id: string }>(async ({ request, db, actor, params }) => {
  const body = parseBody(resolveBodySchema, await readJsonBody(request));
  return Response.json(await resolveScheduleAs(db, actor, params.id, body));
});
