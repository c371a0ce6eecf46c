import type { Database } from "@/db";
import { getRuns, readSeriesPreviews } from "@/db/queries/runs";
import { buildComparison, type CompareAxis, type Comparison } from "@/lib/charts/compare";
import type { PreviewPoints } from "@/lib/charts/preview";
import type { Audience } from "@/lib/auth/policy";
import { AppError } from "@/lib/errors";
import { isUuid } from "@/lib/ids";

export const MAX_COMPARED_RUNS = 20;

/**
 * Reads only the stored chart previews (never raw points), so 20 long runs load in one small query.
 * A run the audience may not read is skipped exactly as an id that is no run, so nothing tells them apart.
 */
export async function loadComparison(db: Database, audience: Audience, ids: string[], metric: string, axis: CompareAxis): Promise<Comparison> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) throw new AppError("bad_request", "runs must list at least one run id");
  if (unique.length > MAX_COMPARED_RUNS) throw new AppError("bad_request", `runs may list at most ${MAX_COMPARED_RUNS} run ids`);
  const malformed = unique.find((id) => !isUuid(id));
  if (malformed !== undefined) throw new AppError("unprocessable", `runs: ${JSON.stringify(malformed.slice(0, 64))} is not a run id (a UUID)`);
  const [rows, previews] = await Promise.all([getRuns(db, audience, unique), readSeriesPreviews(db, unique, axis === "wall" ? [metric, "wall_time"] : [metric])]);
  const seriesByRun = new Map<string, Record<string, PreviewPoints>>();
  for (const preview of previews) {
    const series = seriesByRun.get(preview.runId) ?? {};
    series[preview.name] = preview.points;
    seriesByRun.set(preview.runId, series);
  }
  const found = new Set(rows.map((r) => r.run.id));
  const comparison = buildComparison(
    rows.map(({ run, scheduleName }) => ({
      id: run.id,
      label: `${run.name ?? scheduleName ?? "run"}${run.seed !== null ? ` (seed ${run.seed})` : ""}${divergedNote(run)}`,
      group: scheduleName ?? run.scheduleDefinition?.kind ?? run.name ?? run.id,
      xAxis: run.xAxis,
      series: seriesByRun.get(run.id) ?? {},
    })),
    metric,
    axis,
  );
  comparison.skipped.push(...unique.filter((id) => !found.has(id)).map((id) => ({ id, reason: "is not a run" })));
  return comparison;
}

/** A diverged run's curve stops where it diverged; its label says so, so the overlay is not read as a finished run. */
function divergedNote(run: { status: string; summary: unknown }): string {
  if (run.status !== "diverged") return "";
  const at = (run.summary as { diverged?: { epoch: number } | null } | null)?.diverged;
  return at ? ` · diverged at epoch ${at.epoch}` : " · diverged";
}
