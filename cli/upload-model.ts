import { createHash } from "node:crypto";
import { putToBucket, type PresignedUpload } from "../lib/bucket-upload";
import { requestJson, type RetryOptions } from "./http";

interface Target {
  server: string;
  runId: string;
  authorization: string;
  post: (path: string, body: unknown) => Promise<unknown>;
  retry: RetryOptions;
  log: (message: string) => void;
}

/**
 * Attaches a run's model: straight to the server's bucket where it has one (declare, PUT to the
 * presigned URL, finish), so a model of any size reaches a serverless deployment; through the
 * server's PUT where it has none.
 */
export async function uploadModel(model: Uint8Array, target: Target): Promise<void> {
  const declared = { bytes: model.byteLength, sha256: createHash("sha256").update(model).digest("hex") };
  const { upload } = (await target.post(`/runs/${target.runId}/model/uploads`, declared)) as { upload: PresignedUpload | null };
  if (!upload) {
    await requestJson(`${target.server}/api/v1/runs/${target.runId}/model`, { method: "PUT", headers: { authorization: target.authorization, "content-type": "application/octet-stream" }, body: new Uint8Array(model) }, target.retry);
    return;
  }
  await putToBucket(upload, () => new Blob([new Uint8Array(model)]), { attempts: target.retry.attempts, log: (line) => target.log(`${line}\n`) });
  await target.post(`/runs/${target.runId}/model/uploads/finish`, declared);
}
