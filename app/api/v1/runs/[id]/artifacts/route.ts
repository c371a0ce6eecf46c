import { apiRoute } from "@/app/_lib/api";
import { listRunArtifacts } from "@/app/_lib/operations/artifacts";

export const GET = apiRoute<{ id: string }>(async ({ db, actor, params }) => {
  return Response.json({ artifacts: await listRunArtifacts(db, actor, params.id) });
});
