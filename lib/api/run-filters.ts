import { z } from "zod";
import { RUN_SOURCES } from "../runs/source";

/** Query parameters of the runs list, shared by the page and GET /api/v1/runs. */
export const runFiltersSchema = z.object({
  task: z.string().min(1).optional(),
  schedule: z.uuid({ error: "schedule must be a schedule's id" }).optional(),
  source: z.enum(RUN_SOURCES, { error: `source must be one of ${RUN_SOURCES.join(", ")}` }).optional(),
  owner: z.uuid({ error: "owner must be a user's id" }).optional(),
  page: z.coerce.number({ error: "page must be a number" }).int("page must be an integer").min(1, "page must be >= 1").default(1),
});

export type RunFilterQuery = z.output<typeof runFiltersSchema>;
