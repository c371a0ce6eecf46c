import { z } from "zod";
import { TIER_NAMES } from "../tasks/catalog";
import { appendPointsBodySchema, storedInteger } from "./runs";

export const MAX_SEEDS_PER_SUBMISSION = 10;

export const submitJobsBodySchema = z.object({
  scheduleId: z.uuid({ error: "scheduleId must be a schedule's id (a UUID)" }),
  taskId: z.string({ error: "taskId is required" }).min(1, "taskId is required"),
  tier: z.enum(TIER_NAMES, { error: `tier must be one of ${TIER_NAMES.join(", ")}` }),
  seeds: z
    .array(storedInteger("each seed"), { error: "seeds must be an array of integers" })
    .min(1, "seeds must hold at least one seed")
    .max(MAX_SEEDS_PER_SUBMISSION, `seeds may hold at most ${MAX_SEEDS_PER_SUBMISSION} seeds`)
    .refine((seeds) => new Set(seeds).size === seeds.length, "seeds must not repeat"),
  /** Keep the weights at every stage end (decays, cycle ends, the end) for weight interpolation; torch workers only. */
  snapshots: z.boolean({ error: "snapshots must be true or false" }).optional(),
});

/** A loss may have blown up at an extreme alpha: JSON carries it as "NaN" or "Infinity". */
const finiteOrNot = z.union([z.number(), z.enum(["NaN", "Infinity", "-Infinity"]).transform(Number)]);

const attempt = { attemptId: z.uuid({ error: "attemptId is required: the fencing token the claim returned" }) };

export const claimBodySchema = z.object({
  tasks: z.array(z.string()).min(1, "tasks must name at least one task").optional(),
  tiers: z.array(z.enum(TIER_NAMES)).min(1, "tiers must name at least one tier").optional(),
  engine: z.string().max(50).optional(),
  backend: z.string().max(100).optional(),
  device: z.string().max(200).optional(),
  precision: z.enum(["fp32", "bf16"]).optional(),
  hardware: z.record(z.string(), z.unknown()).optional(),
  /** The engine saves and loads weights: it may take interpolations and replays that keep snapshots. */
  weights: z.boolean().optional(),
});

export const heartbeatBodySchema = z.object({ ...attempt, progress: z.record(z.string(), z.unknown()).nullish() });
/** What the engine set up (after engine.setup): the budget a budget-relative schedule resolves against. */
export const resolveBodySchema = z.object({
  ...attempt,
  epochs: z.number({ error: "epochs is required" }).int("epochs must be an integer").min(1, "epochs must be >= 1").max(100_000, "epochs must be <= 100000"),
  itersPerEpoch: z
    .number({ error: "itersPerEpoch is required" })
    .int("itersPerEpoch must be an integer")
    .min(1, "itersPerEpoch must be >= 1")
    .max(10_000_000, "itersPerEpoch must be <= 10000000"),
});
export const workerPointsBodySchema = appendPointsBodySchema.extend(attempt);
/** The schedule's own events (an adaptive schedule's decays and termination), in the run's x units. */
export const completeBodySchema = z.object({
  ...attempt,
  scheduleEvents: z
    .array(
      z.object({
        step: z.number().refine(Number.isFinite, "step must be finite"),
        type: z.enum(["decay", "terminate"], { error: "type must be decay or terminate" }),
        lr: z.number().optional(),
        reason: z.string().max(500).optional(),
      }),
    )
    .max(1000)
    .default([]),
  /** replay jobs: "diverged" when a training loss or rate stopped being finite; the job is done either way, never retried. */
  outcome: z.enum(["finished", "diverged"], { error: "outcome must be finished or diverged" }).default("finished"),
  /** Where it diverged: the epoch and the iteration within it. */
  at: z
    .object({
      epoch: z.number().int("at.epoch must be an integer").min(0, "at.epoch must be >= 0"),
      iteration: z.number().int("at.iteration must be an integer").min(0, "at.iteration must be >= 0"),
    })
    .optional(),
  reason: z.string().max(500, "reason must be at most 500 characters").optional(),
  /** interpolate jobs: the scores at each alpha (lib/analysis/interpolation.ts). */
  interpolation: z
    .object({
      points: z
        .array(
          z.object({
            alpha: z.number().refine(Number.isFinite, "alpha must be finite"),
            test_loss: finiteOrNot,
            test_acc: z.number().min(0).max(1),
            train_loss: finiteOrNot,
            train_acc: z.number().min(0).max(1),
          }),
        )
        .min(1)
        .max(101),
      trainSubset: z.number().int().min(1),
      testSamples: z.number().int().min(1),
      batchNormRecomputed: z.boolean(),
    })
    .optional(),
  /** verify jobs: what the worker measured with the run's ONNX model. */
  verification: z
    .object({
      testAcc: z.number().min(0, "testAcc must be a fraction").max(1, "testAcc must be a fraction"),
      testSamples: z.number().int().min(1),
      modelSha256: z.string().regex(/^[0-9a-f]{64}$/, "modelSha256 must be a hex SHA-256"),
      runtime: z.string().max(200),
    })
    .optional(),
}).refine((body) => body.outcome !== "diverged" || body.at !== undefined, { message: "at ({epoch, iteration}) is required when outcome is diverged", path: ["at"] });
export const failBodySchema = z.object({
  ...attempt,
  error: z.string({ error: "error is required" }).min(1, "error is required").max(2000),
  retryable: z.boolean().default(true),
});

/** The schedule page's replay form: seeds typed as "0, 1, 2". */
export const replayFormSchema = submitJobsBodySchema.omit({ seeds: true }).extend({
  snapshots: z.preprocess((checked) => checked === "on" || checked === true, z.boolean()),
  seeds: z.preprocess(
    (text) => (typeof text === "string" ? text.split(/[\s,]+/).filter(Boolean).map(Number) : text),
    submitJobsBodySchema.shape.seeds,
  ),
});
