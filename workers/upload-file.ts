import { createHash } from "node:crypto";
import { createReadStream, openAsBlob } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import { putToBucket } from "../lib/bucket-upload";
import { assertOk, type WorkerApi } from "./client";

async function sha256Of(file: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

/**
 * Sends a file for the run of a job the worker holds. Where the server has a bucket, the bytes go
 * straight there (begin, PUT to the presigned URL, finish) and never through a web function; without
 * one (the embedded default, or a server from before direct uploads) they go through the server's PUT.
 */
export async function uploadJobFile(
  api: WorkerApi,
  job: { id: string; attemptId: string },
  file: string,
  meta: { name: string; kind: "onnx" | "snapshot"; epoch: number | null },
  log: (message: string) => void = () => {},
): Promise<void> {
  const what = `uploading ${meta.name}`;
  const declared = { attemptId: job.attemptId, name: meta.name, kind: meta.kind, ...(meta.epoch === null ? {} : { epoch: meta.epoch }), bytes: (await stat(file)).size, sha256: await sha256Of(file) };
  const begun = await api.post(`/worker/jobs/${job.id}/uploads`, declared);
  // 404: a server from before direct uploads, which takes the bytes itself.
  const upload = begun.status === 404 ? null : assertOk(begun, what).upload;
  if (!upload) {
    const query = new URLSearchParams({ attemptId: job.attemptId, kind: meta.kind, ...(meta.epoch === null ? {} : { epoch: String(meta.epoch) }) });
    assertOk(await api.put(`/worker/jobs/${job.id}/artifacts/${encodeURIComponent(meta.name)}?${query}`, await readFile(file)), what);
    return;
  }
  await putToBucket(upload, () => openAsBlob(file), { log });
  assertOk(await api.post(`/worker/jobs/${job.id}/uploads/finish`, declared), what);
}
