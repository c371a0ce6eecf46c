import { apiRoute, parseBody, readJsonBody } from "@/app/_lib/api";
import { completeAs } from "@/app/_lib/operations/jobs";
import { completeBodySchema } from "@/lib/api/jobs";

export const POST = apiRoute<{ id: string }>(async ({ request, db, actor, params }) => {
  const { attemptId, ...body } = parseBody(completeBodySchema, await readJsonBody(request));
  return Response.json({ run: await completeAs(db, actor, params.id, attemptId, body) });
});
