import { apiRoute } from "@/app/_lib/api";
import { readRunArtifact } from "@/app/_lib/operations/artifacts";

export const GET = apiRoute<{ id: string; name: string }>(async ({ db, actor, params }) => {
  const { artifact, bytes } = await readRunArtifact(db, actor, params.id, params.name);
  return new Response(new Uint8Array(bytes), {
    headers: {
      "content-type": artifact.contentType,
      "content-length": String(artifact.bytes),
      "content-disposition": `attachment; filename="${artifact.name}"`,
      etag: `"${artifact.sha256}"`,
    },
  });
});
