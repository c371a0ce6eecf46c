import { z } from "zod";
import { AppError } from "../errors";
import { RUN_PRECISIONS } from "../precision";
import { RUN_LOG_FORMATS } from "../runlogs/types";
import { TIER_NAMES } from "../tasks/catalog";

/** Seeds, batch numbers and epochs are stored as PostgreSQL integers: larger is a 422, not a 500. */
export const MAX_STORED_INTEGER = 2_147_483_647;

/** A whole number from 0 to MAX_STORED_INTEGER, every refusal naming the field. */
export const storedInteger = (name: string) =>
  z
    .number({ error: `${name} must be an integer >= 0` })
    .int(`${name} must be an integer >= 0`)
    .min(0, `${name} must be an integer >= 0`)
    .max(MAX_STORED_INTEGER, `${name} must be at most ${MAX_STORED_INTEGER}`);

/** A batch may hold this many points; more is refused with 413 so clients split their uploads. */
export const MAX_POINTS_PER_BATCH = 10_000;

// JSON has no NaN or Infinity, yet a diverged run's loss is exactly that; they travel as strings.
const metricValue = z.union([z.number(), z.enum(["NaN", "Infinity", "-Infinity"])], {
  error: "value must be a number or one of \"NaN\", \"Infinity\", \"-Infinity\"",
}).transform((v) => (typeof v === "number" ? v : Number(v)));

const finite = (name: string) => z.number({ error: `${name} must be a number` }).refine(Number.isFinite, `${name} must be finite`);

export const metricPointSchema = z.object({
  name: z
    .string({ error: "name is required" })
    .regex(/^[A-Za-z0-9_./:-]{1,100}$/, "name must be 1-100 letters, digits or _ . / : -"),
  x: finite("x"),
  value: metricValue,
  step: finite("step").nullish(),
  epoch: finite("epoch").nullish(),
  wallTime: finite("wallTime").nullish(),
});

export const runMetaSchema = z.object({
  taskId: z.string({ error: "taskId is required" }).min(1, "taskId is required"),
  tier: z.enum(TIER_NAMES, { error: `tier must be one of ${TIER_NAMES.join(", ")}` }),
  name: z.string().trim().max(200, "name must be at most 200 characters").nullish(),
  scheduleId: z.uuid({ error: "scheduleId must be a schedule's id (a UUID)" }).nullish(),
  /** An inline schedule definition, validated by the schedule engine. */
  schedule: z.unknown().optional(),
  seed: storedInteger("seed").nullish(),
  engine: z.string().max(100).nullish(),
  backend: z.string().max(100).nullish(),
  device: z.string().max(200).nullish(),
  hardware: z.record(z.string(), z.unknown()).nullish(),
  precision: z.enum(RUN_PRECISIONS, { error: `precision must be one of ${RUN_PRECISIONS.join(", ")}` }).nullish(),
  xAxis: z.enum(["epoch", "step"], { error: "xAxis must be epoch or step" }).default("epoch"),
  /** The log format the points were read from, when they came from a file. */
  format: z.enum(RUN_LOG_FORMATS, { error: `format must be one of ${RUN_LOG_FORMATS.join(", ")}` }).nullish(),
});

export const createRunBodySchema = runMetaSchema.extend({
  points: z.array(metricPointSchema).max(MAX_POINTS_PER_BATCH).optional(),
});

export const appendPointsBodySchema = z.object({
  seq: storedInteger("seq"),
  points: z.array(metricPointSchema, { error: "points must be an array" }).max(MAX_POINTS_PER_BATCH),
});

export const finishRunBodySchema = z.object({
  status: z.enum(["finished", "failed"], { error: "status must be finished or failed" }).default("finished"),
});

export type MetricPointBody = z.output<typeof metricPointSchema>;
export type CreateRunBody = z.output<typeof createRunBodySchema>;

/** More points than a batch may hold is a 413 that states the limit, before any validation work. */
export function assertBatchSize(json: unknown): void {
  const points = (json as { points?: unknown } | null)?.points;
  if (Array.isArray(points) && points.length > MAX_POINTS_PER_BATCH) {
    throw new AppError(
      "payload_too_large",
      `A request holds at most ${MAX_POINTS_PER_BATCH.toLocaleString("en")} points; this one has ${points.length.toLocaleString("en")}. Send them in batches.`,
    );
  }
}

/** PATCH /api/v1/runs/{id}: its name; an empty name or null clears it. */
export const updateRunBodySchema = z
  .object({ name: z.string({ error: "name must be text or null" }).trim().max(200, "name must be at most 200 characters").nullable() })
  .strict();
