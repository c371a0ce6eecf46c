import { apiRoute, parseBody, readJsonBody } from "@/app/_lib/api";
import { createScheduleAs } from "@/app/_lib/operations/schedules";
import { listPublicSchedules } from "@/db/queries/schedules";
import { createScheduleBodySchema } from "@/lib/api/schedules";
import { assertCan } from "@/lib/auth/policy";

export const GET = apiRoute(async ({ db }) => {
  const schedules = await listPublicSchedules(db);
  return Response.json({ schedules });
});

export const POST = apiRoute(async ({ request, db, actor }) => {
  // Refuse before reading the body: an unauthorised caller should not get validation feedback.
  assertCan(actor, "schedule:create");
  const body = parseBody(createScheduleBodySchema, await readJsonBody(request));
  const schedule = await createScheduleAs(db, actor, body);
  return Response.json({ schedule }, { status: 201, headers: { Location: `/api/v1/schedules/${schedule.id}` } });
});
