import Link from "next/link";
import { headToHeadData } from "../_lib/cached-reads";
import type { Schedule } from "@/db/schema";
import { ANONYMOUS, can, type Actor } from "@/lib/auth/policy";
import { scheduleColors } from "@/lib/charts/colors";
import type { Comparison } from "@/lib/charts/compare";
import { formatRate } from "@/lib/format/rate";
import { headToHead } from "@/lib/head-to-head";
import { missingSeeds, verdictOf } from "@/lib/head-to-head-verdict";
import { reportedForSchedule } from "@/lib/reported/figures";
import { QueueSeedsButton } from "../head-to-head/QueueSeedsButton";
import { Chart, type ChartProps } from "./Chart";
import { Legend } from "./Legend";
import type { ChartMarker } from "./LineChart";
import { DecayEpochsTable } from "./DecayEpochsTable";
import { ReportedFigures } from "./ReportedFigures";
import { formatEpoch } from "@/lib/format/epoch";

const pct = (v: number | null) => (v === null ? "–" : `${(v * 100).toFixed(2)}%`);
const pts = (v: number) => `${v >= 0 ? "+" : ""}${(v * 100).toFixed(2)} pts`;
const GREY = "#64748b";

/** Every seed faint, each schedule's mean over its seeds on top with a ±1 std band. */
function meanCurves(comparison: Comparison, colorOf: Map<string, string>, stepped = false): Pick<ChartProps, "series" | "bands"> {
  const series: ChartProps["series"] = [
    ...comparison.runs.map((run) => ({
      label: run.label,
      legend: run.group,
      points: run.points.map(([x, y]): [number, number] => [x, y ?? Number.NaN]),
      color: colorOf.get(run.group) ?? GREY,
      faint: !stepped,
      stepped,
      runId: run.id,
      metric: comparison.metric,
    })),
    ...(stepped
      ? []
      : comparison.groups
          .filter((g) => g.runIds.length > 1)
          .map((g) => ({ label: `${g.group} (mean of ${g.runIds.length})`, legend: g.group, color: colorOf.get(g.group) ?? GREY, points: g.band.map((p): [number, number] => [p.x, p.mean]) }))),
  ];
  const bands: ChartProps["bands"] = stepped
    ? []
    : comparison.groups
        .filter((g) => g.runIds.length > 1)
        .map((g) => ({ label: g.group, legend: g.group, color: colorOf.get(g.group) ?? GREY, points: g.band.map((p) => ({ x: p.x, lo: p.mean - p.std, hi: p.mean + p.std })) }));
  return { series, bands };
}

/** Two schedules on one task and tier: a verdict in words, accuracy over seeds, the rates that caused it. */
export async function HeadToHeadPanel({ actor = ANONYMOUS, a, b, taskId, tier }: { actor?: Actor; a: Schedule; b: Schedule; taskId: string; tier: string }) {
  const { resultsA, resultsB, accuracy, rates, chartedRunIds, decaysA, decaysB } = await headToHeadData(a.id, b.id, taskId, tier);
  const result = headToHead(resultsA, resultsB);
  const verdict = verdictOf(a.name, b.name, result);
  const colorOf = scheduleColors([a.name, b.name]);
  // Each schedule's decays in the charted runs, once per epoch however many seeds decayed there.
  const charted = new Set(chartedRunIds);
  const markers = new Map<string, ChartMarker>();
  for (const [{ name }, runs] of [[a, decaysA], [b, decaysB]] as const) {
    for (const decay of runs.filter((run) => charted.has(run.runId)).flatMap((run) => run.decays)) {
      const key = `${name}@${decay.x}`;
      if (!markers.has(key)) markers.set(key, { x: decay.x, color: colorOf.get(name), label: `${name}: decay at epoch ${formatEpoch(decay.x)}, ${formatRate(decay.from)} to ${formatRate(decay.to)}` });
    }
  }
  const queue = [
    { schedule: a, seeds: missingSeeds(resultsA.map((r) => r.seed), verdict.targetSeeds) },
    { schedule: b, seeds: missingSeeds(resultsB.map((r) => r.seed), verdict.targetSeeds) },
  ].filter(({ schedule, seeds }) => seeds.length > 0 && can(actor, "schedule:update", schedule));

  return (
    <section className="min-w-0 space-y-4 rounded-lg border border-slate-200 bg-white p-4 sm:p-5" data-testid="head-to-head">
      <h2 className="text-lg font-semibold">
        <Link href={`/schedules/${a.id}`} className="hover:underline" style={{ color: colorOf.get(a.name) }}>{a.name}</Link> vs{" "}
        <Link href={`/schedules/${b.id}`} className="hover:underline" style={{ color: colorOf.get(b.name) }}>{b.name}</Link>{" "}
        <span className="text-sm font-normal text-slate-500">on {taskId} · {tier}</span>
      </h2>
      <Legend items={[a, b].map((s) => ({ label: s.name, color: colorOf.get(s.name)! }))} />
      <div className="space-y-2 rounded border border-slate-200 bg-slate-50 p-3">
        <p className="font-medium" data-testid="verdict">{verdict.text}</p>
        <p className="text-xs text-slate-500">
          A paired t interval over the seeds both ran. Seeds needed: the smallest n with n ≥ ((t<sub>0.975, n−1</sub> + t<sub>0.8, n−1</sub>) · sd / 1 pt)², sd being
          the standard deviation of the per-seed differences (two-sided 5% test, 80% power).
        </p>
        {queue.map(({ schedule, seeds }) => (
          <QueueSeedsButton key={schedule.id} scheduleId={schedule.id} scheduleName={schedule.name} taskId={taskId} tier={tier} seeds={seeds} />
        ))}
      </div>
      {resultsA.length === 0 || resultsB.length === 0 ? (
        <p className="text-sm text-slate-600">
          No finished runs of both yet ({resultsA.length} and {resultsB.length} seeds). Replays appear here as workers finish them.
        </p>
      ) : (
        <>
          <dl className="grid gap-3 text-sm sm:grid-cols-2 lg:grid-cols-4">
            <Stat label={`${a.name}, mean final test acc.`} value={`${pct(result.meanA)} (${resultsA.length} seeds)`} />
            <Stat label={`${b.name}, mean final test acc.`} value={`${pct(result.meanB)} (${resultsB.length} seeds)`} />
            <Stat
              label={`Paired by seed (${result.pairedSeeds.length} seeds), 95% CI`}
              value={result.paired ? `${pts(result.paired.difference)} [${pts(result.paired.ci95[0])}, ${pts(result.paired.ci95[1])}], p = ${result.paired.pValue.toFixed(3)}` : "needs 2 shared seeds"}
            />
            <Stat
              label="Unpaired (Welch) t-test on accuracy · epochs used"
              value={`${result.welch ? `p = ${result.welch.pValue.toFixed(3)}` : "needs 2 seeds each"} · ${
                result.epochsSaved === null || result.epochsSaved === 0
                  ? "same epochs"
                  : `${result.epochsSaved > 0 ? a.name : b.name} used ${Math.abs(result.epochsSaved).toFixed(1)} fewer`
              }`}
            />
          </dl>
          {accuracy && (
            <div data-testid="head-to-head-accuracy">
              <Chart {...meanCurves(accuracy, colorOf)} markers={[...markers.values()]} xLabel="epoch" yLabel="test accuracy" height={260} title={`${a.name} vs ${b.name}: test accuracy`} fineAxis="epoch" />
              <p className="text-xs text-slate-500">Each seed faint; the line and shaded band are each schedule&apos;s mean ± one standard deviation over seeds. Dashed lines: decays, in the schedule&apos;s colour.</p>
            </div>
          )}
          {rates && rates.runs.length > 0 && (
            <div data-testid="head-to-head-rates">
              <Chart {...meanCurves(rates, colorOf, true)} markers={[...markers.values()]} xLabel="epoch" yLabel="learning rate" logY height={180} title={`${a.name} vs ${b.name}: learning rate`} />
              <p className="text-xs text-slate-500">The learning rate each seed ran with (log scale), on the same epochs as the accuracy above.</p>
            </div>
          )}
        </>
      )}
      <DecayEpochsTable sides={[{ schedule: a, runs: decaysA }, { schedule: b, runs: decaysB }]} />
      <ReportedFigures
        title="The paper's figures for these two schedule ideas (reported, not measured here, not ranked)"
        figures={[a, b].map((schedule) => reportedForSchedule(taskId, schedule)).filter((figure) => figure !== undefined)}
      />
    </section>
  );
}

function Stat({ label, value }: { label: string; value: string }) {
  return (
    <div className="rounded border border-slate-100 bg-slate-50 p-2">
      <dt className="text-xs text-slate-500">{label}</dt>
      <dd className="mt-0.5 font-medium">{value}</dd>
    </div>
  );
}
