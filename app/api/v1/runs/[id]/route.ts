import { apiRoute } from "@/app/_lib/api";
import { getRun, listRunEvents } from "@/db/queries/runs";
import { notFound } from "@/lib/errors";

export const GET = apiRoute<{ id: string }>(async ({ db, params }) => {
  const run = await getRun(db, params.id);
  if (!run) throw notFound("run");
  return Response.json({ run, events: await listRunEvents(db, run.id) });
});
