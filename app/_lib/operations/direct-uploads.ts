/**
 * Uploads that never pass through a function: the uploader declares the file (size, SHA-256), gets a
 * presigned PUT for the bucket, sends the bytes there and then finishes, and the row is recorded only
 * once the bucket's HEAD shows an object of that size and checksum. Without a bucket (the embedded
 * default) `begin` answers null and the bytes go through the server's PUT routes as before.
 */
import type { Database } from "@/db";
import { directTransfers, type DirectTransfers } from "@/db/artifact-store";
import { putArtifact, readArtifactInfo, type ArtifactInfo } from "@/db/queries/artifacts";
import { findHeldJob, lockHeldJob } from "@/db/queries/jobs";
import type { Artifact } from "@/db/schema";
import type { Actor } from "@/lib/auth/policy";
import { MODEL_ARTIFACT } from "@/lib/api/artifacts";
import { AppError } from "@/lib/errors";
import { onnxModelProblem } from "@/lib/onnx-model";
import { CONTENT_TYPES } from "./artifacts";
import { leaseLost, workerOf } from "./jobs";
import { ownRun } from "./runs";
import { limits } from "../settings";

type ArtifactKind = Artifact["kind"];
export interface DeclaredFile {
  bytes: number;
  sha256: string;
}

/**
 * Content-addressed, so a new upload never overwrites the object a stored row points at (a retried or
 * abandoned upload cannot break the file already recorded); the replaced object is removed after.
 */
const artifactKey = (runId: string, name: string, sha256: string) => `runs/${runId}/${sha256}/${name}`;

/** Records the row, then removes the object of the row it replaced (best effort: an orphan costs storage only). */
async function recordReplacing(transfers: DirectTransfers, record: () => Promise<ArtifactInfo>, previous: ArtifactInfo | null) {
  const artifact = await record();
  if (previous?.storage === "s3" && previous.s3Key && previous.s3Key !== artifact.s3Key) {
    await transfers.remove(previous.s3Key).catch((error) => console.error(`could not remove the replaced object ${previous.s3Key}`, error));
  }
  return artifact;
}

function assertWithinLimit(file: DeclaredFile) {
  const limit = limits.artifactBytes();
  if (file.bytes > limit) throw new AppError("payload_too_large", `The file is ${file.bytes} bytes; the limit is ${limit} bytes.`);
}

function bucketOnly(): DirectTransfers {
  const transfers = directTransfers();
  if (!transfers) throw new AppError("unprocessable", "No bucket is configured (LRBENCH_S3_BUCKET): PUT the file's bytes to the server instead.");
  return transfers;
}

/**
 * The object must be exactly what was declared. The checksum is the bucket's own (it refused a PUT
 * whose bytes did not match the signed x-amz-checksum-sha256); a bucket that keeps no checksum has
 * the object read back and hashed. A mismatching object is removed, so nothing half-stored remains.
 */
async function assertStoredAsDeclared(transfers: DirectTransfers, key: string, file: DeclaredFile): Promise<void> {
  const stored = await transfers.head(key);
  if (!stored) throw new AppError("unprocessable", "Nothing was uploaded: PUT the bytes to the presigned URL first, then finish.");
  let sha256 = stored.sha256;
  if (sha256 === null && stored.bytes === file.bytes) {
    const { createHash } = await import("node:crypto");
    sha256 = createHash("sha256").update(await transfers.read(key)).digest("hex");
  }
  if (stored.bytes !== file.bytes || sha256 !== file.sha256) {
    // Its key names the declared checksum, so no recorded row can point at this object.
    await transfers.remove(key);
    throw new AppError("unprocessable", `The uploaded object is ${stored.bytes} bytes with SHA-256 ${sha256 ?? "unknown"}, not the declared ${file.bytes} bytes with ${file.sha256}; upload it again.`);
  }
}

interface WorkerFile extends DeclaredFile {
  attemptId: string;
  name: string;
  kind: ArtifactKind;
  epoch?: number;
}

export async function beginWorkerUploadAs(db: Database, actor: Actor, jobId: string, file: WorkerFile) {
  const job = await findHeldJob(db, jobId, { attemptId: file.attemptId, workerId: workerOf(actor) });
  if (!job?.runId) throw leaseLost();
  assertWithinLimit(file);
  const transfers = directTransfers();
  if (!transfers) return null;
  const key = artifactKey(job.runId, file.name, file.sha256);
  return { ...(await transfers.presignPut(key, { sha256: file.sha256, contentType: CONTENT_TYPES[file.kind] })), key };
}

export async function finishWorkerUploadAs(db: Database, actor: Actor, jobId: string, file: WorkerFile) {
  const lease = { attemptId: file.attemptId, workerId: workerOf(actor) };
  const held = await findHeldJob(db, jobId, lease);
  if (!held?.runId) throw leaseLost();
  const transfers = bucketOnly();
  const runId = held.runId;
  const key = artifactKey(runId, file.name, file.sha256);
  await assertStoredAsDeclared(transfers, key, file);
  const previous = await readArtifactInfo(db, runId, file.name);
  const record = () =>
    db.transaction(async (txRaw) => {
      const tx = txRaw as unknown as Database;
      // Checked again under lock: the lease may have been lost while the bytes went to the bucket.
      const job = await lockHeldJob(tx, jobId, lease);
      if (job?.runId !== runId) throw leaseLost();
      const contentType = CONTENT_TYPES[file.kind];
      return putArtifact(tx, { runId, name: file.name, kind: file.kind, epoch: file.epoch ?? null, contentType, bytes: file.bytes, sha256: file.sha256, storage: "s3", data: null, s3Key: key });
    });
  return recordReplacing(transfers, record, previous);
}

async function uploadableRun(db: Database, actor: Actor, runId: string) {
  const run = await ownRun(db, actor, runId);
  if (run.source !== "uploaded") throw new AppError("unprocessable", "Only uploaded runs take a model to verify; replayed runs are verified already.");
  return run;
}

export async function beginModelUploadAs(db: Database, actor: Actor, runId: string, file: DeclaredFile) {
  const run = await uploadableRun(db, actor, runId);
  assertWithinLimit(file);
  const transfers = directTransfers();
  if (!transfers) return null;
  const key = artifactKey(run.id, MODEL_ARTIFACT, file.sha256);
  return { ...(await transfers.presignPut(key, { sha256: file.sha256, contentType: CONTENT_TYPES.model })), key };
}

/**
 * The model's structure is checked as for a PUT through the server (lib/onnx-model.ts): that needs its
 * bytes, so they are read back from the bucket here, a download within the platform, not a request body.
 */
export async function finishModelUploadAs(db: Database, actor: Actor, runId: string, file: DeclaredFile) {
  const run = await uploadableRun(db, actor, runId);
  const transfers = bucketOnly();
  const key = artifactKey(run.id, MODEL_ARTIFACT, file.sha256);
  await assertStoredAsDeclared(transfers, key, file);
  const problem = onnxModelProblem(await transfers.read(key), limits.artifactBytes());
  if (problem) {
    if ((await readArtifactInfo(db, run.id, MODEL_ARTIFACT))?.s3Key !== key) await transfers.remove(key);
    throw new AppError("unprocessable", `The file is not an acceptable ONNX model: ${problem}.`);
  }
  const previous = await readArtifactInfo(db, run.id, MODEL_ARTIFACT);
  const record = () => putArtifact(db, { runId: run.id, name: MODEL_ARTIFACT, kind: "model", epoch: null, contentType: CONTENT_TYPES.model, bytes: file.bytes, sha256: file.sha256, storage: "s3", data: null, s3Key: key });
  return recordReplacing(transfers, record, previous);
}
