import type { Metadata } from "next";
import Link from "next/link";
import { leaderboardOverviewData } from "@/app/_lib/cached-reads";
import { DataTable } from "@/app/_components/DataTable";

export const metadata: Metadata = { title: "Leaderboard overview" };

const pct = (v: number) => (v * 100).toFixed(1);

/** Every schedule's verified result on every task and tier, each cell linking to its leaderboard row. */
export default async function LeaderboardOverviewPage() {
  const { columns, rows } = await leaderboardOverviewData();
  return (
    <div className="space-y-4">
      <header>
        <h1 className="text-2xl font-bold">Leaderboard overview</h1>
        <p className="mt-1 max-w-3xl text-slate-600">
          Verified replays only, public runs only: each cell is the schedule&apos;s mean final test accuracy (%) on that task and tier with its 95%
          interval, its seeds and its rank on that board (=2 is a shared rank; no rank under 3 seeds). A cell links to its row on the{" "}
          <Link href="/leaderboard" className="text-indigo-700 hover:underline">leaderboard</Link>.
        </p>
      </header>
      {rows.length === 0 ? (
        <p className="text-slate-600">No verified replays have finished yet. Queue replays from a schedule&apos;s page.</p>
      ) : (
        <DataTable
          look="card"
          data-testid="leaderboard-overview"
          head={
            <>
              <th className="px-3 py-2 font-medium">Schedule</th>
              {columns.map((c) => (
                <th key={`${c.taskId}/${c.tier}`} className="px-3 py-2 font-medium">
                  <Link href={`/leaderboard?${new URLSearchParams({ task: c.taskId, tier: c.tier })}`} className="hover:underline">
                    {c.taskId}
                    <span className="block font-normal">{c.tier}</span>
                  </Link>
                </th>
              ))}
            </>
          }
        >
          {rows.map((row) => (
            <tr key={row.scheduleId} className="border-b border-slate-100 align-top">
              <td className="px-3 py-1.5">
                <Link href={`/schedules/${row.scheduleId}`} className="text-indigo-700 hover:underline">{row.scheduleName}</Link>
              </td>
              {row.cells.map((cell, i) => (
                <td key={i} className="px-3 py-1.5 tabular-nums">
                  {cell ? (
                    <Link href={cell.href} className="hover:underline">
                      <span className="font-medium">{pct(cell.meanFinal)}</span>
                      <span className="block text-xs text-slate-500">
                        {cell.ci95 ? `[${pct(cell.ci95[0])}, ${pct(cell.ci95[1])}]` : "no interval"} · {cell.seeds} seed{cell.seeds === 1 ? "" : "s"}
                        {cell.rankLabel ? ` · #${cell.rankLabel}` : ""}
                      </span>
                    </Link>
                  ) : (
                    <span className="text-slate-400" title="no verified replays of this schedule on this task and tier">–</span>
                  )}
                </td>
              ))}
            </tr>
          ))}
        </DataTable>
      )}
    </div>
  );
}
