import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db";
import { divergedCounts } from "@/db/queries/diverged";
import { leaderboardAggregates } from "@/db/queries/leaderboard";
import { listTasks } from "@/db/queries/tasks";
import { LEADERBOARD_PAGE_SIZE, leaderboardQuerySchema } from "@/lib/api/leaderboard";
import { rankLeaderboard, type LeaderboardSort } from "@/lib/leaderboard";
import { TaskTierFields } from "../_components/TaskTierFields";

export const metadata: Metadata = { title: "Leaderboard" };

type Search = Promise<Record<string, string | undefined>>;
const select = "mt-1 block rounded border border-slate-300 bg-white px-2 py-1 text-sm";
const pct = (v: number | null | undefined) => (v === null || v === undefined ? "–" : `${(v * 100).toFixed(2)}%`);

export default async function LeaderboardPage({ searchParams }: { searchParams: Search }) {
  const raw = Object.fromEntries(Object.entries(await searchParams).filter(([, v]) => v)) as Record<string, string>;
  const parsed = leaderboardQuerySchema.safeParse(raw);
  const query = parsed.success ? parsed.data : leaderboardQuerySchema.parse({});
  const { db } = await getDb();
  const [tasks, aggregates, diverged] = await Promise.all([
    listTasks(db),
    leaderboardAggregates(db, { taskId: query.task, tier: query.tier, verifiedOnly: query.verified === "1", engine: query.engine }),
    divergedCounts(db, { taskId: query.task, tier: query.tier, engine: query.engine }),
  ]);
  const divergedOf = new Map(diverged.map((d) => [d.scheduleId, d.runs]));
  const rows = rankLeaderboard(aggregates, query.sort);
  const pages = Math.max(1, Math.ceil(rows.length / LEADERBOARD_PAGE_SIZE));
  const shown = rows.slice((query.page - 1) * LEADERBOARD_PAGE_SIZE, query.page * LEADERBOARD_PAGE_SIZE);
  const link = (changes: Record<string, string>) => `/leaderboard?${new URLSearchParams({ ...raw, ...changes })}`;
  const exportLink = (format: string) =>
    `/api/v1/leaderboard?${new URLSearchParams({ task: query.task, tier: query.tier, verified: query.verified, sort: query.sort, ...(query.engine ? { engine: query.engine } : {}), format })}`;
  const sortHeader = (label: string, sort: LeaderboardSort) => (
    <Link href={link({ sort, page: "1" })} className={query.sort === sort ? "text-indigo-700 underline" : "hover:underline"}>
      {label}
    </Link>
  );

  return (
    <div className="space-y-6">
      <header>
        <h1 className="text-2xl font-bold">Leaderboard</h1>
        <p className="mt-1 text-sm">
          <Link href="/head-to-head" className="text-indigo-700 hover:underline">Compare two schedules head-to-head</Link>
          {" · "}
          <Link href={`/analyses/${query.task}?${new URLSearchParams({ tier: query.tier })}`} className="text-indigo-700 hover:underline">
            The paper&apos;s analysis of {query.task}
          </Link>
          {" · "}
          <Link href="/profiles" className="text-indigo-700 hover:underline">Performance profiles across tasks</Link>
        </p>
        <p className="mt-1 max-w-3xl text-slate-600">
          One row per schedule on a task and tier, over its seeds: the mean final test accuracy with its 95% confidence interval (Student t),
          best accuracy, epochs used and epochs to the task&apos;s target. Replayed runs are verified; uploaded ones are self-reported.
        </p>
      </header>
      <form method="get" className="flex flex-wrap items-end gap-4 rounded-lg border border-slate-200 bg-white p-3 text-sm">
        <TaskTierFields tasks={tasks} taskField="task" task={query.task} tier={query.tier} selectClassName={select} />
        <label className="flex items-center gap-1 self-center">
          <input type="checkbox" name="verified" value="1" defaultChecked={query.verified === "1"} /> verified only
        </label>
        <label>
          Engine
          <input name="engine" defaultValue={query.engine ?? ""} placeholder="any" className={`${select} w-24`} />
        </label>
        <input type="hidden" name="sort" value={query.sort} />
        <button type="submit" className="rounded border border-slate-300 bg-slate-50 px-3 py-1 hover:bg-slate-100">Show</button>
        <span className="ml-auto space-x-3">
          <a href={exportLink("csv")} className="text-indigo-700 hover:underline">CSV</a>
          <a href={exportLink("json")} className="text-indigo-700 hover:underline">JSON</a>
        </span>
      </form>
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="min-w-full text-left text-sm" data-testid="leaderboard">
          <thead className="border-b border-slate-200 text-slate-500">
            <tr>
              <th className="px-3 py-2 font-medium">#</th>
              <th className="px-3 py-2 font-medium">Schedule</th>
              <th className="px-3 py-2 font-medium">{sortHeader("Final test acc. (95% CI)", "final")}</th>
              <th className="px-3 py-2 font-medium">{sortHeader("Best", "best")}</th>
              <th className="px-3 py-2 font-medium">{sortHeader("Epochs", "epochs")}</th>
              <th className="px-3 py-2 font-medium">{sortHeader("Epochs to target", "timeToTarget")}</th>
              <th className="px-3 py-2 font-medium">{sortHeader("Seeds", "seeds")}</th>
              <th className="px-3 py-2 font-medium" title="runs of the schedule that ended diverged: not ranked">Diverged</th>
              <th className="px-3 py-2 font-medium">Source</th>
              <th className="px-3 py-2 font-medium">Engine, hardware</th>
            </tr>
          </thead>
          <tbody>
            {shown.length === 0 && (
              <tr>
                <td colSpan={10} className="px-3 py-4 text-slate-500">
                  No finished runs on {query.task} {query.tier} yet. Queue replays from a schedule&apos;s page, or <Link href="/runs/upload" className="text-indigo-700 hover:underline">upload a log</Link>.
                </td>
              </tr>
            )}
            {shown.map((row, i) => (
              <tr key={`${row.scheduleId}-${row.source}`} className="border-b border-slate-100">
                <td className="px-3 py-1.5">{(query.page - 1) * LEADERBOARD_PAGE_SIZE + i + 1}</td>
                <td className="px-3 py-1.5">
                  <Link href={`/schedules/${row.scheduleId}`} className="text-indigo-700 hover:underline">{row.scheduleName}</Link>
                </td>
                <td className="px-3 py-1.5 font-medium">
                  {pct(row.meanFinal)}
                  <span className="ml-1 font-normal text-slate-500">{row.ci95 ? `[${pct(row.ci95[0])}, ${pct(row.ci95[1])}]` : "(no CI: 1 seed)"}</span>
                </td>
                <td className="px-3 py-1.5">{pct(row.meanBest)}</td>
                <td className="px-3 py-1.5">{row.meanEpochs?.toFixed(1) ?? "–"}</td>
                <td className="px-3 py-1.5">
                  {row.meanEpochsToTarget !== null ? `${row.meanEpochsToTarget.toFixed(1)} (${row.reachedTarget}/${row.seeds} seeds)` : "not reached"}
                </td>
                <td className="px-3 py-1.5">
                  {row.seeds}
                  {row.fewSeeds && <span className="ml-1 rounded bg-amber-100 px-1 text-xs text-amber-800" title="fewer than 3 seeds">few seeds</span>}
                </td>
                <td className="px-3 py-1.5">{row.verified ? divergedOf.get(row.scheduleId) ?? 0 : "–"}</td>
                <td className="px-3 py-1.5">{row.verified ? "verified" : "self-reported"}</td>
                <td className="px-3 py-1.5 text-slate-600">{[row.engine, row.hardware].filter(Boolean).join(", ") || "–"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {diverged.length > 0 && (
        <p className="text-sm text-slate-600" data-testid="diverged-runs">
          Diverged, not ranked (a loss or rate stopped being finite):{" "}
          {diverged.map((d, i) => (
            <span key={d.scheduleId}>
              {i > 0 && ", "}
              <Link href={`/schedules/${d.scheduleId}`} className="text-indigo-700 hover:underline">{d.scheduleName}</Link> ({d.runs} run{d.runs === 1 ? "" : "s"})
            </span>
          ))}
          .
        </p>
      )}
      {pages > 1 && (
        <p className="text-sm text-slate-600">
          Page {query.page} of {pages}{" "}
          {query.page > 1 && <Link href={link({ page: String(query.page - 1) })} className="ml-2 text-indigo-700 hover:underline">Previous</Link>}
          {query.page < pages && <Link href={link({ page: String(query.page + 1) })} className="ml-2 text-indigo-700 hover:underline">Next</Link>}
        </p>
      )}
    </div>
  );
}
