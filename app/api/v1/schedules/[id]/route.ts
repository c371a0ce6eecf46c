import { apiRoute, parseBody, readJsonBody } from "@/app/_lib/api";
import { deleteScheduleAs, ownSchedule, readScheduleAs, updateScheduleAs } from "@/app/_lib/operations/schedules";
import { updateScheduleBodySchema } from "@/lib/api/schedules";
import { notFound } from "@/lib/errors";

type Params = { id: string };

export const GET = apiRoute<Params>(async ({ db, actor, params }) => {
  const schedule = await readScheduleAs(db, actor, params.id);
  if (!schedule) throw notFound("schedule");
  return Response.json({ schedule });
});

export const PATCH = apiRoute<Params>(async ({ request, db, actor, params }) => {
  // Refuse before reading the body: a caller who may not change it gets no validation feedback.
  await ownSchedule(db, actor, params.id);
  const body = parseBody(updateScheduleBodySchema, await readJsonBody(request));
  const schedule = await updateScheduleAs(db, actor, params.id, body);
  return Response.json({ schedule });
});

export const DELETE = apiRoute<Params>(async ({ db, actor, params }) => {
  await deleteScheduleAs(db, actor, params.id);
  return new Response(null, { status: 204 });
});
