import { apiRoute } from "@/app/_lib/api";
import { leaderboardFor } from "@/app/_lib/operations/leaderboard";
import { leaderboardQuerySchema } from "@/lib/api/leaderboard";
import { AppError } from "@/lib/errors";
import { leaderboardCsv } from "@/lib/leaderboard";

/** A task and tier's leaderboard, as JSON or as a CSV download: verified replays unless `source` asks otherwise. */
export const GET = apiRoute(async ({ request, db }) => {
  const parsed = leaderboardQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) throw new AppError("bad_request", parsed.error.issues.map((i) => i.message).join("; "));
  const query = parsed.data;
  const source = query.source ?? "replayed";
  const rows = await leaderboardFor(db, query, source);
  if (query.format === "csv") {
    return new Response(leaderboardCsv(rows), {
      headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="lrbench-${query.task}-${query.tier}-${source}.csv"` },
    });
  }
  return Response.json({ task: query.task, tier: query.tier, source, rows });
});
