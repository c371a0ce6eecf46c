import { Chart } from "../../_components/Chart";
import type { ChartMarker } from "../../_components/LineChart";
import { formatRate } from "@/lib/format/rate";
import { spansDecades } from "@/lib/sweeps/definition";
import type { SweepValueResult } from "@/lib/sweeps/results";

type Curves = Map<string, Partial<Record<"train_loss" | "test_acc", [number, number | null][]>>>;

const finitePoints = (points: [number, number | null][] | undefined): [number, number][] =>
  (points ?? []).map(([x, y]): [number, number] => [x, y ?? Number.NaN]);

/** Each run's curve in its value's colour; a diverged run ends where it diverged, marked there and labelled. */
export function SweepOverlay({ field, results, curves, colors, metric, logY }: { field: string; results: SweepValueResult[]; curves: Curves; colors: Map<number, string>; metric: "train_loss" | "test_acc"; logY: boolean }) {
  const series = results.flatMap((r) =>
    r.runs.map((run) => ({
      label: `${field}=${formatRate(r.value)} seed ${run.seed}${run.status === "diverged" ? " (diverged)" : ""}`,
      legend: `${field}=${formatRate(r.value)}`,
      color: colors.get(r.value)!,
      points: finitePoints(curves.get(run.id)?.[metric]),
      runId: run.id,
      metric,
      dashed: run.status === "diverged",
    })),
  );
  // Nothing to draw until a replay has reported an epoch (the interactive chart needs a series).
  if (!series.some((s) => s.points.length > 0)) return <p className="text-sm text-slate-500">No epochs reported yet.</p>;
  const markers: ChartMarker[] = results.flatMap((r) =>
    r.runs
      .filter((run) => run.status === "diverged" && run.divergedEpoch !== null)
      .map((run) => ({ x: run.divergedEpoch!, label: `${field}=${formatRate(r.value)} diverged (seed ${run.seed})`, color: colors.get(r.value) })),
  );
  return (
    <Chart
      series={series}
      markers={markers}
      xLabel="epoch"
      yLabel={metric === "train_loss" ? "training loss" : "test accuracy"}
      logY={logY}
      height={300}
      title={metric === "train_loss" ? "training loss per epoch" : "test accuracy per epoch"}
    />
  );
}

/**
 * The final figure against the swept value, on log10 of the value when the values span decades, with
 * the 95% interval over finished seeds as a band; diverged values are marked where they would be.
 */
export function FinalAgainstValue({ field, results, metric }: { field: string; results: SweepValueResult[]; metric: "acc" | "loss" }) {
  const log = spansDecades(results.map((r) => r.value));
  const x = (v: number) => (log ? Math.log10(v) : v);
  const rows = results.filter((r) => r[metric] !== null).sort((a, b) => a.value - b.value);
  const color = metric === "acc" ? "#4e79a7" : "#e15759";
  const label = metric === "acc" ? "final test accuracy" : "final training loss";
  if (rows.length === 0) return <p className="text-sm text-slate-500">No finished run yet.</p>;
  const markers: ChartMarker[] = results.filter((r) => r.diverged > 0).map((r) => ({ x: x(r.value), label: `${field}=${formatRate(r.value)}: ${r.diverged} diverged` }));
  return (
    <Chart
      series={[{ label: `${label} (mean over finished seeds)`, color, points: rows.map((r): [number, number] => [x(r.value), r[metric]!.mean]) }]}
      bands={[
        {
          label: "95% interval over seeds",
          color,
          points: rows.filter((r) => r[metric]!.lower !== null).map((r) => ({ x: x(r.value), lo: r[metric]!.lower!, hi: r[metric]!.upper! })),
        },
      ]}
      markers={markers}
      xDomain={results.length ? [Math.min(...results.map((r) => x(r.value))), Math.max(...results.map((r) => x(r.value)))] : undefined}
      xLabel={log ? `log10(${field})` : field}
      yLabel={label}
      height={260}
      title={`${label} against ${field}`}
    />
  );
}
