import { z } from "zod";
import { storedInteger } from "./runs";

export const ARTIFACT_KINDS = ["onnx", "snapshot", "model"] as const;
export const ARTIFACT_NAME = /^[A-Za-z0-9_.-]{1,100}$/;

/** The query of PUT /worker/jobs/{id}/artifacts/{name}; the body is the file's bytes. */
export const artifactUploadQuerySchema = z.object({
  attemptId: z.uuid({ error: "attemptId is required: the fencing token the claim returned" }),
  kind: z.enum(ARTIFACT_KINDS, { error: `kind must be one of ${ARTIFACT_KINDS.join(", ")}` }),
  epoch: z.coerce.number({ error: "epoch must be a number" }).pipe(storedInteger("epoch")).optional(),
});

export const artifactNameSchema = z.string().regex(ARTIFACT_NAME, "the artifact name must be 1-100 letters, digits or _ . -");

export const artifactInfoSchema = z.object({
  name: z.string(),
  kind: z.enum(ARTIFACT_KINDS),
  epoch: z.number().int().nullable(),
  contentType: z.string(),
  bytes: z.number().int(),
  sha256: z.string(),
  storage: z.enum(["db", "s3"]),
  createdAt: z.string(),
});

/** The name an uploaded run's model is kept under: one model per run, its final weights. */
export const MODEL_ARTIFACT = "model.onnx";
/** Tasks whose test set a worker can rebuild in TypeScript for verification. */
export const VERIFIABLE_TASKS = ["ps10-noise", "cifar10-wrn", "fashion-mnist"] as const;

/** What an uploader declares before sending a file straight to the bucket; checked against the object afterwards. */
const declaredFile = {
  bytes: z.number({ error: "bytes must be the file's size in bytes" }).int("bytes must be an integer").min(1, "bytes must be at least 1: the file is empty"),
  sha256: z.string({ error: "sha256 is required" }).regex(/^[0-9a-f]{64}$/, "sha256 must be the file's SHA-256 as 64 lowercase hex digits"),
};

/** POST /worker/jobs/{id}/uploads and .../uploads/finish: the same body, the second after the PUT. */
export const workerUploadBodySchema = artifactUploadQuerySchema.extend({ name: artifactNameSchema, ...declaredFile });

/** POST /runs/{id}/model/uploads and .../uploads/finish. */
export const modelUploadBodySchema = z.object(declaredFile);

/** Where the uploader sends the bytes: null when no bucket is configured (then PUT them through the server). */
export const presignedUploadSchema = z
  .object({ method: z.literal("PUT"), url: z.string(), headers: z.record(z.string(), z.string()), key: z.string(), expiresAt: z.string() })
  .nullable();
