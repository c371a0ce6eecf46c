import { z } from "zod";
import { TIER_NAMES } from "../tasks/catalog";

/** Query of the performance profiles, shared by /profiles and GET /api/v1/profiles. */
export const profilesQuerySchema = z.object({
  tier: z.enum(TIER_NAMES, { error: `tier must be one of ${TIER_NAMES.join(", ")}` }).optional(),
  verified: z.enum(["0", "1"], { error: "verified must be 0 or 1" }).default("0"),
});

const profilePoint = z.object({ tau: z.number(), rho: z.number() });

/** What GET /api/v1/profiles answers; documented in the OpenAPI document from this schema. */
export const profilesResponseSchema = z.object({
  tauMax: z.number(),
  problems: z.array(z.string()).describe("task/tier pairs where at least one schedule reached the target"),
  ignoredProblems: z.array(z.string()).describe("task/tier pairs with results where no schedule reached the target"),
  schedules: z.array(
    z.object({
      scheduleId: z.string(),
      scheduleName: z.string(),
      score: z.number().describe("normalised area under the profile over tau in [1, tauMax]"),
      curve: z.array(profilePoint),
      ratios: z.record(z.string(), z.number().nullable()).describe("time over the best time per problem; null: not reached where ranOn lists the problem, no runs elsewhere"),
      problemsRun: z.number().int(),
      ranOn: z.array(z.string()).describe("task/tier pairs it has finished runs on"),
    }),
  ),
});
