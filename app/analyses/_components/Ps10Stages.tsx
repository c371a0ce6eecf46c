import Link from "next/link";
import { analysisRunsData } from "@/app/_lib/cached-reads";
import type { AnalysisFilters } from "@/db/queries/analyses";
import { meanAndBand, PS10_SUBSETS, runDecays, stageEndLabel, stageTable } from "@/lib/analysis";
import { ps10Findings } from "@/lib/analysis/findings";
import { LineChart, type ChartMarker } from "../../_components/LineChart";
import { Legend, SERIES_COLORS as COLORS } from "../../_components/Legend";
import { Findings } from "./Findings";
import { bySchedule, ciTitle, meanCi } from "./format";
import { formatEpoch } from "@/lib/format/epoch";

const COLUMNS: { name: string; label: string }[] = [
  { name: "train_acc_simple", label: "train simple" },
  { name: "train_acc_complex", label: "train complex" },
  { name: "train_acc_noise", label: "train noise (memorised, lower is better)" },
  { name: "test_acc_simple", label: "test simple" },
  { name: "test_acc_complex", label: "test complex" },
  { name: "test_acc", label: "test" },
];

/** Figures 9 and 10 of the paper: what each stage between decays learns, per schedule. */
export async function Ps10Stages({ filters }: { filters: AnalysisFilters }) {
  const names = [...PS10_SUBSETS.train, ...PS10_SUBSETS.test, "lr"];
  const runs = await analysisRunsData(filters, { names, signature: [...PS10_SUBSETS.train] });
  if (runs.length === 0) {
    return (
      <p className="rounded-lg border border-slate-200 bg-white p-4 text-slate-600" data-testid="no-results">
        No finished ps10-noise {filters.tier} runs with the simple, complex and noise subsets yet. Queue replays from a
        schedule&apos;s page (a worker reports the subsets), or <Link href="/runs/upload" className="text-indigo-700 hover:underline">upload a log</Link>{" "}
        with the series {PS10_SUBSETS.train.join(", ")}.
      </p>
    );
  }
  // Small multiples share their axes, so that schedules compare at a glance.
  const lastX = Math.max(0, ...runs.flatMap((run) => PS10_SUBSETS.train.map((name) => run.series[name]?.at(-1)?.[0] ?? 0)));
  const groups = bySchedule(runs);
  const findings = ps10Findings(
    groups.map((group) => ({
      name: group.scheduleName,
      kind: group.kind,
      definition: group.definition,
      isBaseline: group.isBaseline,
      runs: group.runs.map((run) => ({ seed: run.seed, series: run.series, decayXs: runDecays(run.events, run.series.lr) })),
    })),
  );
  return (
    <div className="space-y-6">
      <Findings findings={findings} />
      <div className="grid gap-6 2xl:grid-cols-2">
        {groups.map((group) => {
          const decayed = group.runs.map((run) => ({ series: run.series, decayXs: runDecays(run.events, run.series.lr) }));
          const rows = stageTable(decayed, COLUMNS.map((c) => c.name));
          const seedsPerDecay = new Map<number, number>();
          for (const run of decayed) for (const x of run.decayXs) seedsPerDecay.set(x, (seedsPerDecay.get(x) ?? 0) + 1);
          const markers: ChartMarker[] = [...seedsPerDecay].map(([x, n]) => ({ x, label: `decay at ${formatEpoch(x)} (${n} of ${decayed.length} seeds)` }));
          const lines = PS10_SUBSETS.train.map((name, i) => ({
            label: name,
            color: COLORS[i],
            points: meanAndBand(group.runs.map((run) => run.series[name] ?? [])).map((p): [number, number] => [p.x, p.mean]),
          }));
          return (
            <section key={group.scheduleId} className="space-y-3 rounded-lg border border-slate-200 bg-white p-4" data-testid="stage-schedule">
              <h2 className="font-semibold">
                <Link href={`/schedules/${group.scheduleId}`} className="text-indigo-700 hover:underline">{group.scheduleName}</Link>
                <span className="ml-2 text-sm font-normal text-slate-500">{group.runs.length} {group.runs.length === 1 ? "seed" : "seeds"}</span>
              </h2>
              <Legend items={lines} />
              <LineChart series={lines} markers={markers} xDomain={[0, lastX]} yDomain={[0, 1]} xLabel="epoch" yLabel="train accuracy" height={220} title={`${group.scheduleName}: train accuracy on the simple, complex and noise subsets`} />
              <div className="overflow-x-auto">
                <table className="min-w-full text-left text-xs" data-testid="stage-table">
                  <thead className="border-b border-slate-200 text-slate-500">
                    <tr>
                      <th className="py-1 pr-2 font-medium">Stage</th>
                      <th className="py-1 pr-2 font-medium">Ends</th>
                      {COLUMNS.map((c) => (
                        <th key={c.name} className="py-1 pr-2 font-medium">{c.label}</th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {rows.map((row) => (
                      <tr key={row.stage} className="border-b border-slate-100">
                        <td className="py-1 pr-2 font-medium">{row.stage}</td>
                        <td className="whitespace-nowrap py-1 pr-2 text-slate-600">
                          {stageEndLabel(row, group.runs.length)}
                        </td>
                        {COLUMNS.map((c) => (
                          <td key={c.name} className="whitespace-nowrap py-1 pr-2" title={ciTitle(row.metrics[c.name])}>{meanCi(row.metrics[c.name])}</td>
                        ))}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </section>
          );
        })}
      </div>
    </div>
  );
}
