import { apiRoute } from "@/app/_lib/api";
import { readRunArtifact } from "@/app/_lib/operations/artifacts";

export const GET = apiRoute<{ id: string; name: string }>(async ({ db, actor, params }) => {
  const file = await readRunArtifact(db, actor, params.id, params.name);
  const { artifact } = file;
  // The presigned URL is for this caller (the run may be private) and expires: never cached.
  if ("redirect" in file) return new Response(null, { status: 302, headers: { location: file.redirect!, "cache-control": "private, no-store", etag: `"${artifact.sha256}"` } });
  return new Response(new Uint8Array(file.bytes), {
    headers: {
      "content-type": artifact.contentType,
      "content-length": String(artifact.bytes),
      "content-disposition": `attachment; filename="${artifact.name}"`,
      etag: `"${artifact.sha256}"`,
    },
  });
});
