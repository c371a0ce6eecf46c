import { apiRoute } from "@/app/_lib/api";
import { readRunAs } from "@/app/_lib/operations/runs";
import { listRunEvents } from "@/db/queries/runs";

export const GET = apiRoute<{ id: string }>(async ({ db, actor, params }) => {
  const run = await readRunAs(db, actor, params.id);
  return Response.json({ run, events: await listRunEvents(db, run.id) });
});
