import { apiRoute } from "@/app/_lib/api";
import { leaderboardAggregates } from "@/db/queries/leaderboard";
import { leaderboardQuerySchema } from "@/lib/api/leaderboard";
import { AppError } from "@/lib/errors";
import { leaderboardCsv, rankLeaderboard } from "@/lib/leaderboard";

/** A task and tier's leaderboard, as JSON or as a CSV download. */
export const GET = apiRoute(async ({ request, db }) => {
  const parsed = leaderboardQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) throw new AppError("bad_request", parsed.error.issues.map((i) => i.message).join("; "));
  const query = parsed.data;
  const rows = rankLeaderboard(
    await leaderboardAggregates(db, { taskId: query.task, tier: query.tier, verifiedOnly: query.verified === "1", engine: query.engine }),
    query.sort,
  );
  if (query.format === "csv") {
    return new Response(leaderboardCsv(rows), {
      headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="lrbench-${query.task}-${query.tier}.csv"` },
    });
  }
  return Response.json({ task: query.task, tier: query.tier, rows });
});
