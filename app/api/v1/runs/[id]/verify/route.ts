import { apiRoute } from "@/app/_lib/api";
import { requestVerificationAs } from "@/app/_lib/operations/artifacts";

/** Queues a worker to evaluate the run's uploaded model on the task's test set; an open request is reused. */
export const POST = apiRoute<{ id: string }>(async ({ db, actor, params }) => {
  const { job, queued } = await requestVerificationAs(db, actor, params.id);
  return Response.json({ job }, { status: queued ? 201 : 200 });
});
