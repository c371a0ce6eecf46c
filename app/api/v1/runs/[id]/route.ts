import { apiRoute, parseBody, readJsonBody } from "@/app/_lib/api";
import { deleteRunAs, ownRun, readRunAs, renameRunAs } from "@/app/_lib/operations/runs";
import { listRunEvents } from "@/db/queries/runs";
import { updateRunBodySchema } from "@/lib/api/runs";

type Params = { id: string };

export const GET = apiRoute<Params>(async ({ db, actor, params }) => {
  const run = await readRunAs(db, actor, params.id);
  return Response.json({ run, events: await listRunEvents(db, run.id) });
});

export const PATCH = apiRoute<Params>(async ({ request, db, actor, params }) => {
  await ownRun(db, actor, params.id);
  const { name } = parseBody(updateRunBodySchema, await readJsonBody(request));
  const run = await renameRunAs(db, actor, params.id, name || null);
  return Response.json({ run });
});

export const DELETE = apiRoute<Params>(async ({ db, actor, params }) => {
  await deleteRunAs(db, actor, params.id);
  return new Response(null, { status: 204 });
});
