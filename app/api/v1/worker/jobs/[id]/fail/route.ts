import { apiRoute, parseBody, readJsonBody } from "@/app/_lib/api";
import { failAs } from "@/app/_lib/operations/jobs";
import { failBodySchema } from "@/lib/api/jobs";

/** The attempt failed: the job is retried after backoff while attempts remain. */
export const POST = apiRoute<{ id: string }>(async ({ request, db, actor, params }) => {
  const { attemptId, error, retryable } = parseBody(failBodySchema, await readJsonBody(request));
  const job = await failAs(db, actor, params.id, attemptId, error, retryable);
  return Response.json({ job: { id: job.id, state: job.state, attempts: job.attempts, runAt: job.runAt } });
});
