import Link from "next/link";
import { analyseRangeTest, schedulesFromRangeTest, type RangeTestPoint } from "@/lib/analysis";
export { looksLikeRangeTest, rangeTestPoints } from "@/lib/analysis";
import { LineChart, type ChartMarker } from "../../_components/LineChart";
import { SERIES_COLORS } from "../../_components/Legend";

type Point = [number, number];

const fmt = (lr: number) => lr.toPrecision(3);

/** Loss against the rate on a log axis, with fastai's and Smith's suggestions marked and explained. */
export function RangeTestPanel({ points }: { points: RangeTestPoint[] }) {
  const analysis = analyseRangeTest(points);
  const log = (lr: number) => Math.log10(lr);
  const used = analysis.points;
  const suggestions = [
    analysis.steep && { name: "steepest", lr: analysis.steep.lr, reason: analysis.steep.reason },
    analysis.valley && { name: "valley", lr: analysis.valley.lr, reason: analysis.valley.reason },
    analysis.minimum && { name: "minimum / 10", lr: analysis.minimum.lr, reason: analysis.minimum.reason },
    analysis.cyclical && { name: "cyclical base", lr: analysis.cyclical.base, reason: analysis.cyclical.reason },
    analysis.cyclical && { name: "cyclical max", lr: analysis.cyclical.max, reason: analysis.cyclical.reason },
  ].filter((s): s is { name: string; lr: number; reason: string } => !!s);
  const markers: ChartMarker[] = suggestions.map((s) => ({ x: log(s.lr), label: `${s.name}: ${fmt(s.lr)}` }));
  return (
    <section className="space-y-3 rounded-lg border border-slate-200 bg-white p-4" data-testid="range-test">
      <h2 className="font-semibold">Range test: loss against the learning rate</h2>
      {used.length > 0 && (
        <LineChart
          series={[
            { label: "training loss", points: used.map((p): Point => [log(p.lr), p.loss]), color: SERIES_COLORS[0], faint: true },
            { label: "smoothed (EMA 0.98)", points: used.map((p): Point => [log(p.lr), p.smoothed]), color: SERIES_COLORS[0] },
          ]}
          markers={markers}
          xLabel="log10(learning rate)"
          yLabel="training loss"
          height={260}
        />
      )}
      {analysis.problem && <p className="text-sm text-amber-800">{analysis.problem}.</p>}
      {suggestions.length > 0 && (
        <ul className="list-disc space-y-1 pl-5 text-sm" data-testid="range-test-suggestions">
          {suggestions.map((s) => (
            <li key={s.name}>
              <span className="font-medium">{s.name}: {fmt(s.lr)}</span> <span className="text-slate-600">({s.reason})</span>
            </li>
          ))}
        </ul>
      )}
      <p className="flex flex-wrap gap-2 text-sm">
        {schedulesFromRangeTest(analysis).map(({ label, definition }) => (
          <Link
            key={label}
            href={`/schedules/new?${new URLSearchParams({ definition: JSON.stringify(definition) })}`}
            className="rounded border border-indigo-300 bg-indigo-50 px-2 py-1 text-indigo-800 hover:bg-indigo-100"
          >
            Create a {label} with these values
          </Link>
        ))}
      </p>
    </section>
  );
}
