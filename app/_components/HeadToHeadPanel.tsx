import Link from "next/link";
import type { Database } from "@/db";
import { seedResults } from "@/db/queries/leaderboard";
import { loadComparison } from "../_lib/operations/compare";
import type { Schedule } from "@/db/schema";
import { EVERYONE } from "@/lib/auth/policy";
import { headToHead } from "@/lib/head-to-head";
import { reportedForSchedule } from "@/lib/reported/figures";
import { DecayEpochsTable } from "./DecayEpochsTable";
import { ReportedFigures } from "./ReportedFigures";
import { LineChart } from "./LineChart";

const COLORS = ["#4f46e5", "#d97706"];
const pct = (v: number | null) => (v === null ? "–" : `${(v * 100).toFixed(2)}%`);
const pts = (v: number) => `${v >= 0 ? "+" : ""}${(v * 100).toFixed(2)} pts`;

/** Two schedules on one task and tier: accuracy over seeds, the paired difference, epochs saved, curves. */
export async function HeadToHeadPanel({ db, a, b, taskId, tier }: { db: Database; a: Schedule; b: Schedule; taskId: string; tier: string }) {
  const [resultsA, resultsB] = await Promise.all([seedResults(db, a.id, taskId, tier), seedResults(db, b.id, taskId, tier)]);
  const result = headToHead(resultsA, resultsB);
  const runIds = [...resultsA, ...resultsB].map((r) => r.runId).slice(0, 20);
  const comparison = runIds.length ? await loadComparison(db, EVERYONE, runIds, "test_acc", "epoch") : null;
  const colorOf = new Map([[a.name, COLORS[0]], [b.name, COLORS[1]]]);

  return (
    <section className="space-y-4 rounded-lg border border-slate-200 bg-white p-5" data-testid="head-to-head">
      <h2 className="text-lg font-semibold">
        <Link href={`/schedules/${a.id}`} className="text-indigo-700 hover:underline">{a.name}</Link> vs{" "}
        <Link href={`/schedules/${b.id}`} className="text-amber-700 hover:underline">{b.name}</Link>{" "}
        <span className="text-sm font-normal text-slate-500">on {taskId} · {tier}</span>
      </h2>
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
              label="Welch t-test; epochs used"
              value={`${result.welch ? `p = ${result.welch.pValue.toFixed(3)}` : "needs 2 seeds each"}; ${
                result.epochsSaved === null || result.epochsSaved === 0
                  ? "same epochs"
                  : `${result.epochsSaved > 0 ? a.name : b.name} used ${Math.abs(result.epochsSaved).toFixed(1)} fewer`
              }`}
            />
          </dl>
          {comparison && (
            <div>
              <LineChart
                series={comparison.runs.map((run) => ({
                  label: run.label,
                  points: run.points.map(([x, y]): [number, number] => [x, y ?? Number.NaN]),
                  color: colorOf.get(run.group) ?? "#64748b",
                  faint: true,
                }))}
                bands={comparison.groups
                  .filter((g) => g.runIds.length > 1)
                  .map((g) => ({ label: g.group, color: colorOf.get(g.group) ?? "#64748b", points: g.band.map((p) => ({ x: p.x, lo: p.mean - p.std, hi: p.mean + p.std })) }))}
                xLabel="epoch"
                yLabel="test accuracy"
                height={260}
                title={`${a.name} vs ${b.name}: test accuracy`}
              />
              <p className="text-xs text-slate-500">Each seed faint; the shaded band is each schedule&apos;s mean ± one standard deviation over seeds.</p>
            </div>
          )}
        </>
      )}
      <DecayEpochsTable db={db} sides={[{ schedule: a, runIds: resultsA.map((r) => r.runId) }, { schedule: b, runIds: resultsB.map((r) => r.runId) }]} />
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
