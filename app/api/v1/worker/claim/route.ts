import { apiRoute, parseBody, readJsonBody } from "@/app/_lib/api";
import { claimAs } from "@/app/_lib/operations/jobs";
import { claimBodySchema } from "@/lib/api/jobs";

/** The next job this worker can run, with its fencing token; 204 when the queue has none. */
export const POST = apiRoute(async ({ request, db, actor }) => {
  const body = parseBody(claimBodySchema, await readJsonBody(request));
  const job = await claimAs(db, actor, body);
  return job ? Response.json({ job }) : new Response(null, { status: 204 });
});
