import { createHash } from "node:crypto";
import type { Database } from "@/db";
import { blobStore, directTransfers } from "@/db/artifact-store";
import { listArtifacts, putArtifact, readArtifact, readArtifactInfo } from "@/db/queries/artifacts";
import { findHeldJob, lockHeldJob, openJobOfRun, openVerification, submitVerification } from "@/db/queries/jobs";
import type { Artifact } from "@/db/schema";
import { can, type Actor } from "@/lib/auth/policy";
import { MODEL_ARTIFACT, VERIFIABLE_TASKS } from "@/lib/api/artifacts";
import { currentTaskVersion } from "@/lib/tasks/catalog";
import { AppError, notFound } from "@/lib/errors";
import { onnxModelProblem } from "@/lib/onnx-model";
import { leaseLost, workerOf } from "./jobs";
import { ownRun, readRunAs } from "./runs";
import { limits } from "../settings";

type ArtifactKind = Artifact["kind"];
export const CONTENT_TYPES: Record<ArtifactKind, string> = { onnx: "application/onnx", snapshot: "application/octet-stream", model: "application/onnx" };

/** Hashes the bytes, puts them where artifacts live (database or bucket) and records the row. */
async function storeArtifact(db: Database, runId: string, file: { name: string; kind: ArtifactKind; epoch: number | null }, bytes: Uint8Array) {
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  const contentType = CONTENT_TYPES[file.kind];
  const stored = await blobStore().put(`runs/${runId}/${file.name}`, bytes, contentType);
  return putArtifact(db, { runId, ...file, contentType, bytes: bytes.byteLength, sha256, ...stored });
}

/**
 * The request body, read only when asked: an upload is authorised before a byte of it is read, so a
 * caller who may not send it costs the server nothing.
 */
export type BodyReader = () => Promise<Uint8Array>;

/** A worker's file for the run of the job it holds; fenced like every other worker write. */
export async function putWorkerArtifactAs(
  db: Database,
  actor: Actor,
  jobId: string,
  input: { attemptId: string; name: string; kind: ArtifactKind; epoch?: number },
  readBody: BodyReader,
) {
  const lease = { attemptId: input.attemptId, workerId: workerOf(actor) };
  if (!(await findHeldJob(db, jobId, lease))?.runId) throw leaseLost();
  const bytes = await readBody();
  if (bytes.byteLength === 0) throw new AppError("unprocessable", "The artifact is empty; send the file's bytes as the body.");
  return db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as Database;
    // Checked again under lock: the lease may have been lost while the body was streaming in.
    const job = await lockHeldJob(tx, jobId, lease);
    if (!job?.runId) throw leaseLost();
    return storeArtifact(tx, job.runId, { name: input.name, kind: input.kind, epoch: input.epoch ?? null }, bytes);
  });
}

/**
 * A run's files are as visible as the run. The worker holding the run's verification (or interpolation)
 * reads its model (or snapshots) whatever the run's visibility: it acts only as a worker, which sees
 * nothing private otherwise.
 */
async function assertCanReadFilesOf(db: Database, actor: Actor, runId: string): Promise<void> {
  if (can(actor, "worker:act") && actor.kind === "token") {
    for (const job of [await openVerification(db, runId), await openJobOfRun(db, runId, "interpolate")]) {
      if (job?.state === "running" && job.leaseHolder === actor.workerId) return;
    }
  }
  await readRunAs(db, actor, runId);
}

export async function listRunArtifacts(db: Database, actor: Actor, runId: string) {
  await assertCanReadFilesOf(db, actor, runId);
  return listArtifacts(db, runId);
}

export async function readRunArtifact(db: Database, actor: Actor, runId: string, name: string) {
  await assertCanReadFilesOf(db, actor, runId);
  const artifact = await readArtifact(db, runId, name);
  if (!artifact) throw notFound("artifact");
  // A file in the bucket is fetched from there (a presigned GET), never streamed through a function.
  const transfers = artifact.storage === "s3" && artifact.s3Key ? directTransfers() : null;
  if (transfers) return { artifact, redirect: (await transfers.presignGet(artifact.s3Key!, artifact.name)).url };
  return { artifact, bytes: await blobStore().get(artifact) };
}

/**
 * The owner's ONNX model of the run's final weights, kept once its structure passes the checks in
 * lib/onnx-model.ts. It is never loaded here: the verifying worker runs it.
 */
export async function putRunModelAs(db: Database, actor: Actor, runId: string, readBody: BodyReader) {
  const run = await ownRun(db, actor, runId);
  if (run.source !== "uploaded") throw new AppError("unprocessable", "Only uploaded runs take a model to verify; replayed runs are verified already.");
  const bytes = await readBody();
  if (bytes.byteLength === 0) throw new AppError("unprocessable", "The model is empty; send the .onnx file's bytes as the body.");
  const problem = onnxModelProblem(bytes, limits.artifactBytes());
  if (problem) throw new AppError("unprocessable", `The file is not an acceptable ONNX model: ${problem}.`);
  return storeArtifact(db, run.id, { name: MODEL_ARTIFACT, kind: "model", epoch: null }, bytes);
}

/** Queues a worker to run the run's model on its task's test set. */
export async function requestVerificationAs(db: Database, actor: Actor, runId: string) {
  const run = await ownRun(db, actor, runId);
  if (!(VERIFIABLE_TASKS as readonly string[]).includes(run.taskId)) {
    throw new AppError("unprocessable", `Runs on ${run.taskId} cannot be verified yet; verification covers ${VERIFIABLE_TASKS.join(" and ")}.`);
  }
  if (run.taskVersion < currentTaskVersion(run.taskId)) {
    throw new AppError("unprocessable", `This run is from a previous version of ${run.taskId} (version ${run.taskVersion}); workers rebuild only the current version's test set.`);
  }
  if (!(await readArtifactInfo(db, run.id, MODEL_ARTIFACT))) throw new AppError("unprocessable", `Upload the run's model first (PUT /api/v1/runs/${run.id}/model).`);
  const open = await openVerification(db, run.id);
  if (open) return { job: open, queued: false };
  const job = await submitVerification(db, { runId: run.id, taskId: run.taskId, tier: run.tier, seed: run.seed ?? 0, submittedBy: actor.kind === "anonymous" ? null : actor.userId });
  return { job, queued: true };
}
