import { apiRoute } from "@/app/_lib/api";
import { cancelJobAs } from "@/app/_lib/operations/jobs";

/** A queued job is cancelled at once; a running one when its worker next sends a heartbeat. */
export const POST = apiRoute<{ id: string }>(async ({ db, actor, params }) => {
  const job = await cancelJobAs(db, actor, params.id);
  return Response.json({ job: { id: job.id, state: job.state, cancelRequested: job.cancelRequested } });
});
