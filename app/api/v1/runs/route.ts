import { apiRoute, parseBody, readJsonBody } from "@/app/_lib/api";
import { createRunAs } from "@/app/_lib/operations/runs";
import { listRuns } from "@/db/queries/runs";
import { assertBatchSize, createRunBodySchema } from "@/lib/api/runs";
import { runFiltersSchema } from "@/lib/api/run-filters";
import { assertCan, audienceOf } from "@/lib/auth/policy";
import { AppError } from "@/lib/errors";

export const GET = apiRoute(async ({ request, db, actor }) => {
  const query = Object.fromEntries(new URL(request.url).searchParams);
  const filters = parseQuery(query);
  return Response.json(
    await listRuns(db, audienceOf(actor), { taskId: filters.task, scheduleId: filters.schedule, source: filters.source, ownerId: filters.owner }, filters.page),
  );
});

function parseQuery(query: Record<string, string>) {
  const parsed = runFiltersSchema.safeParse(query);
  if (!parsed.success) throw new AppError("bad_request", parsed.error.issues.map((i) => i.message).join("; "));
  return parsed.data;
}

export const POST = apiRoute(async ({ request, db, actor }) => {
  assertCan(actor, "run:upload");
  const json = await readJsonBody(request, 32 * 1024 * 1024);
  assertBatchSize(json);
  const body = parseBody(createRunBodySchema, json);
  const result = await createRunAs(db, actor, body, request.headers.get("idempotency-key"));
  return Response.json(result.body, { status: result.status });
});
