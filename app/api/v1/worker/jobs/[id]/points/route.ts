import { apiRoute, parseBody, readJsonBody } from "@/app/_lib/api";
import { workerPointsAs } from "@/app/_lib/operations/jobs";
import { workerPointsBodySchema } from "@/lib/api/jobs";
import { assertBatchSize } from "@/lib/api/runs";
import { assertCan } from "@/lib/auth/policy";

/** Appends one numbered batch to the job's run; the same seq with the same points again is acknowledged, with others refused. */
export const POST = apiRoute<{ id: string }>(async ({ request, db, actor, params }) => {
  assertCan(actor, "worker:act");
  const json = await readJsonBody(request, 32 * 1024 * 1024);
  assertBatchSize(json);
  const { attemptId, seq, points } = parseBody(workerPointsBodySchema, json);
  const result = await workerPointsAs(db, actor, params.id, attemptId, seq, points);
  return Response.json({ seq, ...result }, { status: result.duplicate ? 200 : 201 });
});
