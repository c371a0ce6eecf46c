import Link from "next/link";
import { analysisRunsData } from "@/app/_lib/cached-reads";
import type { AnalysisFilters } from "@/db/queries/analyses";
import { transferFindings } from "@/lib/analysis/findings";
import { transferTable } from "@/lib/tasks/transfer";
import { LineChart } from "../../_components/LineChart";
import { Legend, SERIES_COLORS as COLORS } from "../../_components/Legend";
import { Findings } from "./Findings";
import { bySchedule, pct } from "./format";
import { formatEpoch } from "@/lib/format/epoch";
import { DataTable } from "@/app/_components/DataTable";

const ratio = (v: number | null, interval: [number, number] | null) =>
  v === null ? "—" : interval ? `${v.toFixed(2)} [${interval[0].toFixed(2)}, ${interval[1].toFixed(2)}]` : v.toFixed(2);

/** Table 2 of the paper: each stage's snapshot on each target, and how much of its source gain transferred. */
export async function TransferStages({ filters }: { filters: AnalysisFilters }) {
  const runs = await analysisRunsData(filters, { names: ["test_acc"], prefix: "transfer/", signature: { prefix: "transfer/" } });
  if (runs.length === 0) {
    return (
      <div className="space-y-2 rounded-lg border border-slate-200 bg-white p-4 text-slate-600" data-testid="no-results">
        <p>
          No transfer results exist yet for imagenet-subset-transfer {filters.tier}. They come from replays on a GPU worker with the
          source and target folders: <code className="rounded bg-slate-100 px-1">lrbench worker --engine torch --data DIR --tasks imagenet-subset-transfer --tiers {filters.tier}</code>,
          after queueing replays of a schedule on this task from its page.
        </p>
        <p className="text-sm">
          A run reports <code>test_acc</code> per epoch and, per target folder T and mode M (<code>fix</code> or <code>finetune</code>), a series{" "}
          <code>transfer/M/T</code> with one point per stage snapshot (x: the epoch of the snapshot, value: target accuracy).
        </p>
      </div>
    );
  }
  return (
    <div className="space-y-6">
      {bySchedule(runs).map((group) => {
        const rows = transferTable(group.runs.map((run) => run.series));
        const stages = Math.max(0, ...rows.map((r) => r.stages.length));
        // Every target's snapshots are the same ones; the first row's stages carry their source accuracy.
        const source = rows[0]?.stages ?? [];
        const lines = [
          { label: "source test accuracy", color: "#64748b", dashed: true, points: source.map((s): [number, number] => [s.x, s.sourceAcc]) },
          ...rows.map((row, i) => ({
            label: `${row.target} (${row.mode})`,
            color: COLORS[i % COLORS.length],
            points: row.stages.map((s): [number, number] => [s.x, s.targetAcc]),
          })),
        ];
        return (
          <section key={group.scheduleId} className="space-y-3 rounded-lg border border-slate-200 bg-white p-4" data-testid="transfer-schedule">
            <h2 className="font-semibold">
              <Link href={`/schedules/${group.scheduleId}`} className="text-indigo-700 hover:underline">{group.scheduleName}</Link>
              <span className="ml-2 text-sm font-normal text-slate-500">mean over {group.runs.length} {group.runs.length === 1 ? "seed" : "seeds"}</span>
            </h2>
            <DataTable
              look="ruled"
              data-testid="transfer-table"
              head={
                <>
                  <th className="py-1 pr-3 font-medium">Target</th>
                  <th className="py-1 pr-3 font-medium">Mode</th>
                  {Array.from({ length: stages }, (_, i) => (
                    <th key={i} className="py-1 pr-3 font-medium">Stage {i + 1}: acc. (transferability{i > 0 ? ", 95% CI" : ""})</th>
                  ))}
                </>
              }
            >
              <tr className="border-b border-slate-100 text-slate-600">
                <td className="py-1 pr-3" colSpan={2}>source (test accuracy at the snapshot)</td>
                {Array.from({ length: stages }, (_, i) => (
                  <td key={i} className="py-1 pr-3">{source[i] ? `${pct(source[i].sourceAcc, 2)} at epoch ${formatEpoch(source[i].x)}` : "—"}</td>
                ))}
              </tr>
              {rows.map((row) => (
                <tr key={`${row.target}/${row.mode}`} className="border-b border-slate-100">
                  <td className="py-1 pr-3 font-medium">{row.target}</td>
                  <td className="py-1 pr-3">{row.mode}</td>
                  {Array.from({ length: stages }, (_, i) => {
                    const stage = row.stages[i];
                    return (
                      <td key={i} className="py-1 pr-3">
                        {stage ? (
                          <>
                            {pct(stage.targetAcc, 2)} <span className="text-slate-500">({ratio(stage.transferability, stage.interval)})</span>
                          </>
                        ) : (
                          "—"
                        )}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </DataTable>
            <Findings findings={transferFindings(group.scheduleName, group.runs.map((run) => run.series))} title="What the data show about table 2's claim" />
            <Legend items={lines} />
            <LineChart
              series={lines}
              xLabel="epoch of the stage's snapshot"
              yLabel="accuracy"
              height={240}
              title={`${group.scheduleName}: source and target accuracy per stage`}
            />
          </section>
        );
      })}
    </div>
  );
}
