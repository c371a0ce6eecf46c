import { z } from "zod";

/**
 * A reference results bundle (db/reference/*.json): replays made with the project's own worker and
 * engine on a machine this database never saw (a GPU), shipped in the repository and imported by the
 * seed as runs of source 'reference'. The metadata says where and how they were made.
 */
export const BUNDLE_FORMAT = "lrbench-reference/1";

const point = z.tuple([z.number(), z.number().nullable()]);

export const referenceRunSchema = z.strictObject({
  /** The exporting database's run id: importing twice, or into that database, stores it once. */
  id: z.uuid({ error: "run id must be a uuid" }),
  task: z.string().min(1),
  tier: z.string().min(1),
  taskVersion: z.number().int().min(1),
  schedule: z.strictObject({ name: z.string().min(1).max(200), definition: z.record(z.string(), z.unknown()) }),
  seed: z.number().int().nullable(),
  engine: z.string().nullable(),
  backend: z.string().nullable(),
  device: z.string().nullable(),
  hardware: z.record(z.string(), z.unknown()).nullable(),
  xAxis: z.enum(["epoch", "step"]),
  /** Every point of every series, [x, y]; y null where the run logged a non-finite value (NaN marks divergence). */
  series: z.record(z.string(), z.array(point)),
  events: z.array(z.strictObject({ x: z.number(), type: z.enum(["decay", "terminate", "divergence"]), data: z.record(z.string(), z.unknown()) })),
  /** The facts the exporting database derived on finish (its commit is in the metadata). */
  summary: z.record(z.string(), z.unknown()),
});

export const referenceBundleSchema = z.strictObject({
  format: z.literal(BUNDLE_FORMAT),
  metadata: z.strictObject({
    /** Whether a GPU was lent to make the bundle; an empty bundle says why it is empty. */
    gpuLent: z.boolean(),
    engine: z.string().nullable(),
    hardware: z.string().nullable(),
    precision: z.string().nullable(),
    commit: z.string().nullable(),
    /** ISO date the bundle was written. */
    date: z.string(),
    note: z.string(),
  }),
  runs: z.array(referenceRunSchema),
});

export type ReferenceBundle = z.infer<typeof referenceBundleSchema>;
export type ReferenceRun = z.infer<typeof referenceRunSchema>;

/** A bundle as JSON text, parsed and checked; the error names the file and the field. */
export function parseReferenceBundle(text: string, file: string): ReferenceBundle {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(`${file}: not JSON (${(error as Error).message})`);
  }
  const parsed = referenceBundleSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${file}: ${issue.path.join(".") || "(top)"}: ${issue.message}`);
  }
  return parsed.data;
}
