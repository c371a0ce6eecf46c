import { apiRoute } from "@/app/_lib/api";
import { deleteScheduleAs, readScheduleAs } from "@/app/_lib/operations/schedules";
import { notFound } from "@/lib/errors";

type Params = { id: string };

export const GET = apiRoute<Params>(async ({ db, actor, params }) => {
  const schedule = await readScheduleAs(db, actor, params.id);
  if (!schedule) throw notFound("schedule");
  return Response.json({ schedule });
});

export const DELETE = apiRoute<Params>(async ({ db, actor, params }) => {
  await deleteScheduleAs(db, actor, params.id);
  return new Response(null, { status: 204 });
});
