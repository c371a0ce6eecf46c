import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db";
import { loadComparison, MAX_COMPARED_RUNS } from "@/app/_lib/operations/compare";
import type { CompareAxis } from "@/lib/charts/compare";
import { currentActor } from "@/app/_lib/auth/actor";
import { audienceOf } from "@/lib/auth/policy";
import { AppError } from "@/lib/errors";
import { scheduleColors } from "@/lib/charts/colors";
import { Chart, type ChartProps } from "../_components/Chart";

export const metadata: Metadata = { title: "Compare runs" };

type Search = Promise<{ runs?: string | string[]; metric?: string; axis?: string }>;
const METRICS = ["test_acc", "train_loss", "test_loss", "train_acc", "lr"];
const select = "mt-1 block rounded border border-slate-300 bg-white px-2 py-1 text-sm";

export default async function ComparePage({ searchParams }: { searchParams: Search }) {
  const search = await searchParams;
  const ids = [search.runs ?? []].flat().flatMap((v) => v.split(",")).filter(Boolean);
  const metric = search.metric ?? "test_acc";
  const axis: CompareAxis = search.axis === "step" || search.axis === "wall" ? search.axis : "epoch";
  if (ids.length === 0) {
    return (
      <div className="space-y-3">
        <h1 className="text-2xl font-bold">Compare runs</h1>
        <p className="text-slate-600">
          Pick up to {MAX_COMPARED_RUNS} runs on the <Link href="/runs" className="text-indigo-700 hover:underline">runs list</Link> and press Compare.
        </p>
      </div>
    );
  }
  const { db } = await getDb();
  const audience = audienceOf(await currentActor(db));
  let comparison;
  try {
    comparison = await loadComparison(db, audience, ids, metric, axis);
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return <p className="rounded border border-red-200 bg-red-50 p-3 text-red-800" role="alert">{error.message}</p>;
  }
  const colorOf = scheduleColors(comparison.groups.map((g) => g.group));
  const series: ChartProps["series"] = [
    ...comparison.runs.map((run) => ({
      label: run.label,
      points: run.points.map(([x, y]): [number, number] => [x, y ?? Number.NaN]),
      color: colorOf.get(run.group)!,
      faint: comparison.groups.some((g) => g.group === run.group && g.runIds.length > 1),
      legend: run.group,
      // Zooming reads finer points of each run; its mean stays the stored preview's.
      runId: axis === "wall" ? undefined : run.id,
      metric,
    })),
    ...comparison.groups
      .filter((g) => g.band.length > 0 && g.runIds.length > 1)
      .map((g) => ({ label: `${g.group} (mean of ${g.runIds.length})`, points: g.band.map((b): [number, number] => [b.x, b.mean]), color: colorOf.get(g.group)!, legend: g.group })),
  ];
  const bands: ChartProps["bands"] = comparison.groups
    .filter((g) => g.runIds.length > 1)
    .map((g) => ({ label: g.group, legend: g.group, color: colorOf.get(g.group)!, points: g.band.map((b) => ({ x: b.x, lo: b.mean - b.std, hi: b.mean + b.std })) }));

  return (
    <div className="space-y-5">
      <h1 className="text-2xl font-bold">Compare runs</h1>
      <form method="get" className="flex flex-wrap items-end gap-4 text-sm">
        {ids.map((id) => (
          <input key={id} type="hidden" name="runs" value={id} />
        ))}
        <label>
          Metric
          <select name="metric" defaultValue={metric} className={select}>
            {[...new Set([metric, ...METRICS])].map((m) => (
              <option key={m} value={m}>{m}</option>
            ))}
          </select>
        </label>
        <label>
          Axis
          <select name="axis" defaultValue={axis} className={select}>
            <option value="epoch">epoch</option>
            <option value="step">step</option>
            <option value="wall">wall time (s since start)</option>
          </select>
        </label>
        <button type="submit" className="rounded border border-slate-300 bg-white px-3 py-1 hover:bg-slate-100">Update</button>
      </form>
      <section className="rounded-lg border border-slate-200 bg-white p-4" data-testid="compare-chart">
        <Chart
          series={series}
          bands={bands}
          xLabel={axis === "wall" ? "wall time (s since start)" : axis}
          yLabel={metric}
          height={360}
          title={`${metric} by ${axis}`}
          fineAxis={axis === "wall" ? undefined : axis}
        />
        <ul className="mt-2 flex flex-wrap gap-4 text-xs text-slate-600">
          {comparison.groups.map((g) => (
            <li key={g.group} className="flex items-center gap-1">
              <span className="inline-block h-2 w-4 rounded" style={{ background: colorOf.get(g.group) }} /> {g.group}: {g.runIds.length} run
              {g.runIds.length === 1 ? "" : "s"}
              {g.runIds.length > 1 ? " (mean, ±1 std band)" : ""}
            </li>
          ))}
        </ul>
      </section>
      <ul className="space-y-1 text-sm">
        {comparison.runs.map((run) => (
          <li key={run.id}>
            <Link href={`/runs/${run.id}`} className="text-indigo-700 hover:underline">{run.label}</Link> <span className="text-slate-500">· {run.group}</span>
          </li>
        ))}
        {comparison.skipped.map((s) => (
          <li key={s.id} className="text-amber-800">Left out: run {s.id.slice(0, 8)} {s.reason}.</li>
        ))}
      </ul>
    </div>
  );
}
