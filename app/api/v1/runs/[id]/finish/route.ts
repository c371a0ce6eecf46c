import { apiRoute, parseBody, readJsonBody } from "@/app/_lib/api";
import { finishRunAs } from "@/app/_lib/operations/runs";
import { finishRunBodySchema } from "@/lib/api/runs";
import { assertCan } from "@/lib/auth/policy";

export const POST = apiRoute<{ id: string }>(async ({ request, db, actor, params }) => {
  assertCan(actor, "run:upload");
  const hasBody = request.headers.get("content-length") !== "0" && request.body !== null;
  const { status } = parseBody(finishRunBodySchema, hasBody ? await readJsonBody(request) : {});
  return Response.json({ run: await finishRunAs(db, actor, params.id, status) });
});
