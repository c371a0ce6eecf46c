import { apiRoute, parseBody, readJsonBody } from "@/app/_lib/api";
import { appendPointsAs } from "@/app/_lib/operations/runs";
import { appendPointsBodySchema, assertBatchSize } from "@/lib/api/runs";
import { assertCan } from "@/lib/auth/policy";

/** Appends one batch; a `seq` already stored is acknowledged if its points are the same, refused (409) if not. */
export const POST = apiRoute<{ id: string }>(async ({ request, db, actor, params }) => {
  assertCan(actor, "run:upload");
  const json = await readJsonBody(request, 32 * 1024 * 1024);
  assertBatchSize(json);
  const { seq, points } = parseBody(appendPointsBodySchema, json);
  const result = await appendPointsAs(db, actor, params.id, seq, points);
  return Response.json({ seq, ...result }, { status: result.duplicate ? 200 : 201 });
});
