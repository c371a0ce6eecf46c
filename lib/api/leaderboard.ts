import { z } from "zod";
import { LEADERBOARD_SORTS, LEADERBOARD_SOURCES, SORT_DIRECTIONS } from "../leaderboard";

/** Query of a leaderboard, shared by its page and GET /api/v1/leaderboard. */
export const leaderboardQuerySchema = z.object({
  task: z.string().min(1).default("ps10-noise"),
  // Task and tier are checked against the stored tasks: an unknown one is a 404 naming the valid ones.
  tier: z.string().min(1).default("smoke"),
  /** Verified replays by default; self-reported uploads are asked for apart ("uploaded"), or beside them ("all"). */
  source: z.enum(LEADERBOARD_SOURCES, { error: `source must be one of ${LEADERBOARD_SOURCES.join(", ")}` }).optional(),
  engine: z.string().min(1).optional(),
  sort: z.enum(LEADERBOARD_SORTS, { error: `sort must be one of ${LEADERBOARD_SORTS.join(", ")}` }).default("final"),
  /** Each column's best-first order when absent (higher accuracy, fewer epochs). */
  dir: z.enum(SORT_DIRECTIONS, { error: `dir must be asc or desc` }).optional(),
  format: z.enum(["json", "csv"], { error: "format must be json or csv" }).default("json"),
  page: z.coerce.number().int().min(1).default(1),
});

export const LEADERBOARD_PAGE_SIZE = 25;

export type LeaderboardQuery = z.output<typeof leaderboardQuerySchema>;
