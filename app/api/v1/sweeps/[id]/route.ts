import { apiRoute } from "@/app/_lib/api";
import { loadSweep } from "@/app/_lib/operations/sweeps";

/** A sweep and, per value, its runs and final figures with 95% intervals over finished seeds. */
export const GET = apiRoute<{ id: string }>(async ({ db, actor, params }) => {
  const { sweep, results, jobs } = await loadSweep(db, actor, params.id);
  return Response.json({ sweep, results, jobs });
});
