import { apiRoute, parseBody, readBodyBytes } from "@/app/_lib/api";
import { putWorkerArtifactAs } from "@/app/_lib/operations/artifacts";
import { limits } from "@/app/_lib/settings";
import { artifactNameSchema, artifactUploadQuerySchema } from "@/lib/api/artifacts";

/** The file's bytes as the body; attemptId, kind and epoch in the query. */
export const PUT = apiRoute<{ id: string; name: string }>(async ({ request, db, actor, params }) => {
  const name = parseBody(artifactNameSchema, params.name);
  const query = parseBody(artifactUploadQuerySchema, Object.fromEntries(new URL(request.url).searchParams));
  const readBody = () => readBodyBytes(request, limits.artifactBytes(), "the file's bytes");
  const artifact = await putWorkerArtifactAs(db, actor, params.id, { ...query, name }, readBody);
  return Response.json({ artifact }, { status: 201 });
});
