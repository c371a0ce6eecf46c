import { apiRoute, readBodyBytes } from "@/app/_lib/api";
import { putRunModelAs } from "@/app/_lib/operations/artifacts";
import { limits } from "@/app/_lib/settings";

/** The run's model (ONNX, its final weights) as the body; replaces an earlier one. */
export const PUT = apiRoute<{ id: string }>(async ({ request, db, actor, params }) => {
  const readBody = () => readBodyBytes(request, limits.artifactBytes(), "the .onnx file's bytes");
  return Response.json({ artifact: await putRunModelAs(db, actor, params.id, readBody) }, { status: 201 });
});
