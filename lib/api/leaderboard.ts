import { z } from "zod";
import { LEADERBOARD_SORTS } from "../leaderboard";
import { TIER_NAMES } from "../tasks/catalog";

/** Query of a leaderboard, shared by its page and GET /api/v1/leaderboard. */
export const leaderboardQuerySchema = z.object({
  task: z.string().min(1).default("ps10-noise"),
  tier: z.enum(TIER_NAMES, { error: `tier must be one of ${TIER_NAMES.join(", ")}` }).default("smoke"),
  verified: z.enum(["0", "1"], { error: "verified must be 0 or 1" }).default("0"),
  engine: z.string().min(1).optional(),
  sort: z.enum(LEADERBOARD_SORTS, { error: `sort must be one of ${LEADERBOARD_SORTS.join(", ")}` }).default("final"),
  format: z.enum(["json", "csv"], { error: "format must be json or csv" }).default("json"),
  page: z.coerce.number().int().min(1).default(1),
});

export const LEADERBOARD_PAGE_SIZE = 25;
