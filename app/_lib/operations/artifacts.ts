import { createHash } from "node:crypto";
import type { Database } from "@/db";
import { blobStore } from "@/db/artifact-store";
import { listArtifacts, putArtifact, readArtifact } from "@/db/queries/artifacts";
import { lockHeldJob } from "@/db/queries/jobs";
import { getRun } from "@/db/queries/runs";
import type { Actor } from "@/lib/auth/policy";
import { AppError, notFound } from "@/lib/errors";
import { leaseLost, workerOf } from "./jobs";

const CONTENT_TYPES: Record<string, string> = { onnx: "application/onnx", snapshot: "application/octet-stream", model: "application/onnx" };

/** A worker's file for the run of the job it holds; fenced like every other worker write. */
export async function putWorkerArtifactAs(
  db: Database,
  actor: Actor,
  jobId: string,
  input: { attemptId: string; name: string; kind: "onnx" | "snapshot" | "model"; epoch?: number },
  bytes: Uint8Array,
) {
  workerOf(actor);
  if (bytes.byteLength === 0) throw new AppError("unprocessable", "The artifact is empty; send the file's bytes as the body.");
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  const contentType = CONTENT_TYPES[input.kind];
  return db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as Database;
    const job = await lockHeldJob(tx, jobId, input.attemptId);
    if (!job?.runId) throw leaseLost();
    const stored = await blobStore().put(`runs/${job.runId}/${input.name}`, bytes, contentType);
    return putArtifact(tx, { runId: job.runId, name: input.name, kind: input.kind, epoch: input.epoch ?? null, contentType, bytes: bytes.byteLength, sha256, ...stored });
  });
}

export async function listRunArtifacts(db: Database, runId: string) {
  if (!(await getRun(db, runId))) throw notFound("run");
  return listArtifacts(db, runId);
}

export async function readRunArtifact(db: Database, runId: string, name: string) {
  const artifact = await readArtifact(db, runId, name);
  if (!artifact) throw notFound("artifact");
  return { artifact, bytes: await blobStore().get(artifact) };
}
