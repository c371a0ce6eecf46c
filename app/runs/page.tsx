import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db";
import { listRuns } from "@/db/queries/runs";
import { listPublicSchedules } from "@/db/queries/schedules";
import { listTasks } from "@/db/queries/tasks";
import type { RunFacts } from "@/lib/analysis";
import { runFiltersSchema } from "@/lib/api/run-filters";
import { audienceOf } from "@/lib/auth/policy";
import { currentActor } from "../_lib/auth/actor";
import { sourceLabel } from "@/lib/runs/source";
import { DataTable } from "@/app/_components/DataTable";

export const metadata: Metadata = { title: "Runs" };

type Search = Promise<Record<string, string | undefined>>;
const select = "mt-1 block rounded border border-slate-300 bg-white px-2 py-1 text-sm";

export default async function RunsPage({ searchParams }: { searchParams: Search }) {
  const query = Object.fromEntries(Object.entries(await searchParams).filter(([, v]) => v)) as Record<string, string>;
  const parsed = runFiltersSchema.safeParse(query);
  const filters = parsed.success ? parsed.data : { page: 1 };
  const { db } = await getDb();
  const actor = await currentActor(db);
  const [result, tasks, schedules] = await Promise.all([
    listRuns(db, audienceOf(actor), { taskId: filters.task, scheduleId: filters.schedule, source: filters.source, ownerId: filters.owner }, filters.page),
    listTasks(db),
    listPublicSchedules(db),
  ]);
  const pages = Math.max(1, Math.ceil(result.total / result.pageSize));
  const pageLink = (page: number) => `/runs?${new URLSearchParams({ ...query, page: String(page) })}`;

  return (
    <div className="space-y-6">
      <header className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-bold">Runs</h1>
          <p className="mt-1 text-slate-600">Uploaded logs and worker replays, newest first.</p>
        </div>
        <Link href="/runs/upload" className="rounded bg-indigo-600 px-4 py-2 text-sm font-medium text-white hover:bg-indigo-700">
          Upload a log
        </Link>
      </header>
      {!parsed.success && (
        <p className="rounded border border-amber-200 bg-amber-50 p-2 text-sm" role="alert">
          Ignored filters: {parsed.error.issues.map((i) => i.message).join("; ")}
        </p>
      )}
      <form method="get" className="flex flex-wrap items-end gap-4 rounded-lg border border-slate-200 bg-white p-3 text-sm">
        <label>
          Task
          <select name="task" defaultValue={filters.task ?? ""} className={select}>
            <option value="">any</option>
            {tasks.map((t) => (
              <option key={t.id} value={t.id}>{t.name}</option>
            ))}
          </select>
        </label>
        <label>
          Schedule
          <select name="schedule" defaultValue={filters.schedule ?? ""} className={select}>
            <option value="">any</option>
            {schedules.map((s) => (
              <option key={s.id} value={s.id}>{s.name}</option>
            ))}
          </select>
        </label>
        <label>
          Source
          <select name="source" defaultValue={filters.source ?? ""} className={select}>
            <option value="">any</option>
            <option value="uploaded">uploaded</option>
            <option value="replayed">replayed</option>
            <option value="reference">{sourceLabel("reference")}</option>
          </select>
        </label>
        {actor.kind !== "anonymous" ? (
          <label className="flex items-center gap-1 self-center">
            <input type="checkbox" name="owner" value={actor.userId} defaultChecked={filters.owner === actor.userId} /> only mine
          </label>
        ) : (
          filters.owner && <input type="hidden" name="owner" value={filters.owner} />
        )}
        <button type="submit" className="rounded border border-slate-300 bg-slate-50 px-3 py-1 hover:bg-slate-100">Filter</button>
      </form>
      <form method="get" action="/compare">
        <DataTable
          look="card"
          data-testid="runs-table"
          head={
            <>
              <th className="px-3 py-2 font-medium">Compare</th>
              <th className="px-3 py-2 font-medium">Run</th>
              <th className="px-3 py-2 font-medium">Task</th>
              <th className="px-3 py-2 font-medium">Schedule</th>
              <th className="px-3 py-2 font-medium">Seed</th>
              <th className="px-3 py-2 font-medium">Source</th>
              <th className="px-3 py-2 font-medium">Final / best test acc.</th>
              <th className="px-3 py-2 font-medium">Owner</th>
            </>
          }
        >
          {result.rows.length === 0 && (
            <tr>
              <td colSpan={8} className="px-3 py-4 text-slate-500">No runs match. <Link href="/runs/upload" className="text-indigo-700 hover:underline">Upload one.</Link></td>
            </tr>
          )}
          {result.rows.map(({ run, scheduleName, ownerName, ownerEmail }) => {
            const facts = run.summary as RunFacts | null;
            const pct = (v: number | null | undefined) => (v === null || v === undefined ? "–" : `${(v * 100).toFixed(1)}%`);
            return (
              <tr key={run.id} className="border-b border-slate-100">
                <td className="px-3 py-1.5">
                  <input type="checkbox" name="runs" value={run.id} aria-label={`compare ${run.name ?? run.id}`} />
                </td>
                <td className="px-3 py-1.5">
                  <Link href={`/runs/${run.id}`} className="text-indigo-700 hover:underline">{run.name ?? run.id.slice(0, 8)}</Link>
                  {run.status !== "finished" && <span className="ml-2 text-xs text-slate-500">{run.status}</span>}
                  {run.visibility !== "public" && <span className="ml-2 text-xs text-slate-500">{run.visibility}</span>}
                </td>
                <td className="px-3 py-1.5">{run.taskId} · {run.tier}</td>
                <td className="px-3 py-1.5">{scheduleName ?? run.scheduleDefinition?.kind ?? "–"}</td>
                <td className="px-3 py-1.5">{run.seed ?? "–"}</td>
                <td className="px-3 py-1.5">{sourceLabel(run.source)}</td>
                <td className="px-3 py-1.5">{pct(facts?.accuracy.final)} / {pct(facts?.accuracy.best)}</td>
                <td className="px-3 py-1.5" title={ownerEmail ?? undefined}>{ownerName ?? "–"}</td>
              </tr>
            );
          })}
        </DataTable>
        <div className="mt-3 flex flex-wrap items-center justify-between gap-3 text-sm">
          <button type="submit" className="rounded bg-indigo-600 px-3 py-1.5 font-medium text-white hover:bg-indigo-700">Compare selected</button>
          <span className="text-slate-600">
            {result.total.toLocaleString("en")} runs · page {result.page} of {pages}{" "}
            {result.page > 1 && <Link href={pageLink(result.page - 1)} className="ml-2 text-indigo-700 hover:underline">Previous</Link>}
            {result.page < pages && <Link href={pageLink(result.page + 1)} className="ml-2 text-indigo-700 hover:underline">Next</Link>}
          </span>
        </div>
      </form>
    </div>
  );
}
