import Link from "next/link";
import type { ScheduleResult } from "@/app/_lib/operations/leaderboard";
import { DataTable } from "@/app/_components/DataTable";

const pct = (v: number) => `${(v * 100).toFixed(2)}%`;

/** The schedule's rows on every leaderboard, with the board's own ranks, and where to look further. */
export function ScheduleResults({ results, visibility }: { results: ScheduleResult[]; visibility: string }) {
  return (
    <section className="space-y-2 rounded-lg border border-slate-200 bg-white p-4" data-testid="schedule-results">
      <h2 className="font-semibold">Results</h2>
      {results.length === 0 ? (
        <p className="text-sm text-slate-600">
          {visibility === "public"
            ? "No finished runs of this schedule yet. Queue replays below; each finished seed joins the task and tier's leaderboard."
            : `Leaderboards count public runs only, and this schedule is ${visibility}: its runs are on its run pages, not ranked.`}
        </p>
      ) : (
        <DataTable
          look="compact"
          head={
            <>
              <th className="pr-4 font-medium">Task · tier</th>
              <th className="pr-4 font-medium">Final test acc. (95% CI)</th>
              <th className="pr-4 font-medium">Seeds</th>
              <th className="pr-4 font-medium" title="The rank the leaderboard shows: rows whose 95% intervals overlap share one (=2)">Rank</th>
              <th className="pr-4 font-medium">Source</th>
              <th />
            </>
          }
        >
          {results.map(({ taskId, tier, row, href, headToHead }) => (
            <tr key={href} className="border-t border-slate-100" data-testid="result-row">
              <td className="pr-4">{taskId} · {tier}{row.precision ? ` · ${row.precision}` : ""}</td>
              <td className="pr-4 font-medium">
                {pct(row.meanFinal)}
                <span className="ml-1 font-normal text-slate-500">{row.ci95 ? `[${pct(row.ci95[0])}, ${pct(row.ci95[1])}]` : "(no CI)"}</span>
              </td>
              <td className="pr-4">{row.seeds}</td>
              <td className="pr-4">{row.rankLabel ?? <span className="text-slate-500" title={row.unrankedReason ?? undefined}>unranked</span>}</td>
              <td className="pr-4">{row.verified ? "verified" : "self-reported"}</td>
              <td className="space-x-3 whitespace-nowrap">
                <Link href={href} className="text-indigo-700 hover:underline">leaderboard row</Link>
                {headToHead && <Link href={headToHead} className="text-indigo-700 hover:underline">vs the StepDecay recipe</Link>}
              </td>
            </tr>
          ))}
        </DataTable>
      )}
    </section>
  );
}
