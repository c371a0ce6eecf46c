import Link from "next/link";
import { jumpAggregatesData } from "@/app/_lib/cached-reads";
import type { AnalysisFilters } from "@/db/queries/analyses";
import { jumpTable } from "@/lib/analysis";
import { cifarJumpFindings } from "@/lib/analysis/findings";
import { Findings } from "./Findings";
import { ciTitle } from "./format";
import { formatEpoch } from "@/lib/format/epoch";
import { DataTable } from "@/app/_components/DataTable";

const points = (v: number) => `${v >= 0 ? "+" : ""}${(v * 100).toFixed(2)}`;

/** The paper's headline effect on CIFAR-10: test accuracy jumps right after each decay. */
export async function CifarJumps({ filters }: { filters: AnalysisFilters }) {
  const table = jumpTable(await jumpAggregatesData(filters));
  const columns = Math.max(0, ...table.map((s) => s.jumps.length));
  if (table.length === 0) {
    return (
      <p className="rounded-lg border border-slate-200 bg-white p-4 text-slate-600" data-testid="no-results">
        No finished cifar10-wrn {filters.tier} runs yet. Replay schedules with a worker that has the CIFAR-10 files
        (<code>lrbench worker --engine torch --data DIR</code>), or <Link href="/runs/upload" className="text-indigo-700 hover:underline">upload a log</Link>.
      </p>
    );
  }
  return (
    <div className="space-y-6">
      <Findings findings={cifarJumpFindings(table)} />
      <DataTable
        look="card"
        data-testid="jump-table"
        head={
          <>
            <th className="px-3 py-2 font-medium">Schedule</th>
            <th className="px-3 py-2 font-medium">Seeds</th>
            {Array.from({ length: columns }, (_, i) => (
              <th key={i} className="px-3 py-2 font-medium">Jump after decay {i + 1} (pts, 95% CI)</th>
            ))}
          </>
        }
      >
        {table.map((schedule) => (
          <tr key={schedule.scheduleId} className="border-b border-slate-100">
            <td className="px-3 py-1.5">
              <Link href={`/schedules/${schedule.scheduleId}`} className="text-indigo-700 hover:underline">{schedule.scheduleName}</Link>
            </td>
            <td className="px-3 py-1.5">{schedule.runs}</td>
            {Array.from({ length: columns }, (_, i) => {
              const jump = schedule.jumps[i];
              if (!jump) return <td key={i} className="px-3 py-1.5 text-slate-400">—</td>;
              const gain = jump.gain;
              return (
                <td key={i} className="px-3 py-1.5" title={ciTitle(gain)}>
                  <span className="font-medium">{gain ? points(gain.mean) : "—"}</span>
                  {gain && gain.lower !== null && gain.upper !== null && (
                    <span className="ml-1 text-slate-500">[{points(gain.lower)}, {points(gain.upper)}]</span>
                  )}
                  <span className="block text-xs text-slate-500">
                    at epoch {formatEpoch(jump.meanX)}
                    {jump.runs < schedule.runs && `, ${jump.runs} seeds`}
                  </span>
                </td>
              );
            })}
          </tr>
        ))}
      </DataTable>
    </div>
  );
}
