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
