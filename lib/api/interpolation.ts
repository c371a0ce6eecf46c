import { z } from "zod";

const snapshotName = (which: string) =>
  z.string({ error: `${which} is required: the name of one of the run's snapshot artifacts` }).regex(/^[A-Za-z0-9_.-]{1,100}$/, `${which} must be an artifact name`);

/** Two of a run's weight snapshots (artifact names, kind snapshot) to interpolate between; alpha 1 is a, 0 is b. */
export const interpolateBodySchema = z
  .object({ a: snapshotName("a"), b: snapshotName("b") })
  .refine((body) => body.a !== body.b, { message: "a and b must be two different snapshots", path: ["b"] });
