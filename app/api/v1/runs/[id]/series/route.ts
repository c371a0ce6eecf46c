import { apiRoute } from "@/app/_lib/api";
import { readRunAs } from "@/app/_lib/operations/runs";
import { readSeries } from "@/db/queries/runs";
import { previewSeries } from "@/lib/charts/preview";
import { AppError } from "@/lib/errors";

/**
 * A run's series for charts: LTTB-downsampled to at most `maxPoints` (default and cap 2,000) per
 * series, optionally a range of x. Non-finite values come back as null.
 */
export const GET = apiRoute<{ id: string }>(async ({ request, db, actor, params }) => {
  const run = await readRunAs(db, actor, params.id);
  const query = new URL(request.url).searchParams;
  const number = (name: string) => {
    const raw = query.get(name);
    if (raw === null) return undefined;
    const value = Number(raw);
    if (!Number.isFinite(value)) throw new AppError("bad_request", `${name} must be a number, got '${raw}'`);
    return value;
  };
  const maxPoints = Math.min(2000, Math.max(2, Math.floor(number("maxPoints") ?? 2000)));
  const names = query.get("names")?.split(",").filter(Boolean);
  const series = await readSeries(db, run.id, { names, from: number("from"), to: number("to") });
  return Response.json({
    runId: run.id,
    xAxis: run.xAxis,
    series: Object.fromEntries(Object.entries(series).map(([name, points]) => [name, previewSeries(points, maxPoints)])),
  });
});
