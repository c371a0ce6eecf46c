import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { leaderboardPageData } from "@/app/_lib/cached-reads";
import { DEFAULT_DIRECTION } from "@/lib/leaderboard";
import { leaderboardQuerySchema } from "@/lib/api/leaderboard";
import { AppError } from "@/lib/errors";
import { TaskTierFields } from "../_components/TaskTierFields";
import { Board } from "./Board";

export const metadata: Metadata = { title: "Leaderboard" };

type Search = Promise<Record<string, string | undefined>>;
const select = "mt-1 block rounded border border-slate-300 bg-white px-2 py-1 text-sm";
const NOTICES: Record<string, string> = {
  "pick-two": "Check exactly two rows of one section for a head-to-head.",
  "pick-some": "Check at least one row with finished seed runs to compare.",
};

export default async function LeaderboardPage({ searchParams }: { searchParams: Search }) {
  const raw = Object.fromEntries(Object.entries(await searchParams).filter(([, v]) => v)) as Record<string, string>;
  const parsed = leaderboardQuerySchema.safeParse(raw);
  const query = parsed.success ? parsed.data : leaderboardQuerySchema.parse({});
  // The page shows both sections unless one is asked for; each is ranked on its own.
  const source = query.source ?? "all";
  let data;
  try {
    data = await leaderboardPageData(query, source);
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  }
  const { rows, tasks, diverged, engines } = data;
  const dir = query.dir ?? DEFAULT_DIRECTION[query.sort];
  const notice = raw.notice ? NOTICES[raw.notice] : undefined;
  const verified = rows.filter((row) => row.verified);
  const selfReported = rows.filter((row) => !row.verified);
  const uploadsPage = Math.max(1, Math.floor(Number(raw.upage)) || 1);
  const link = (changes: Record<string, string>) => {
    const { notice: _shown, ...kept } = raw;
    return `/leaderboard?${new URLSearchParams({ ...kept, ...changes })}`;
  };
  // What both sections' boards share; each passes its own rows, page and empty text.
  const boardProps = { sort: query.sort, dir, task: query.task, tier: query.tier, link };
  const exportLink = (format: string, rowsOf: "replayed" | "uploaded") =>
    `/api/v1/leaderboard?${new URLSearchParams({ task: query.task, tier: query.tier, source: rowsOf, sort: query.sort, ...(query.dir ? { dir: query.dir } : {}), ...(query.engine ? { engine: query.engine } : {}), format })}`;
  const exports = (rowsOf: "replayed" | "uploaded") => (
    <span className="ml-3 space-x-3 text-sm font-normal">
      <a href={exportLink("csv", rowsOf)} className="text-indigo-700 hover:underline">CSV</a>
      <a href={exportLink("json", rowsOf)} className="text-indigo-700 hover:underline">JSON</a>
    </span>
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
          {" · "}
          <Link href="/leaderboard/overview" className="text-indigo-700 hover:underline">Every task and tier at a glance</Link>
        </p>
        <p className="mt-1 max-w-3xl text-slate-600">
          One row per schedule and precision on a task and tier, over its seeds: the mean final test accuracy with its 95% confidence interval
          (Student t), best accuracy, epochs used and epochs to the task&apos;s target. Rows are ranked by final accuracy only with at least 3 seeds;
          a row&apos;s rank is 1 + the number of rows whose interval lies wholly above its own, so rows whose intervals overlap share a rank (=2).
          Verified replays and self-reported uploads are ranked apart.
        </p>
      </header>
      <form method="get" className="flex flex-wrap items-end gap-4 rounded-lg border border-slate-200 bg-white p-3 text-sm">
        <TaskTierFields tasks={tasks} taskField="task" task={query.task} tier={query.tier} selectClassName={select} />
        <label className="flex items-center gap-1 self-center">
          <input type="checkbox" name="source" value="replayed" defaultChecked={source === "replayed"} /> verified only
        </label>
        <label>
          Engine
          <select name="engine" defaultValue={query.engine ?? ""} className={select} data-testid="engine-filter">
            <option value="">any</option>
            {[...new Set([...engines, ...(query.engine ? [query.engine] : [])])].map((engine) => (
              <option key={engine} value={engine}>{engine}</option>
            ))}
          </select>
        </label>
        <input type="hidden" name="sort" value={query.sort} />
        {query.dir && <input type="hidden" name="dir" value={query.dir} />}
        <button type="submit" className="rounded border border-slate-300 bg-slate-50 px-3 py-1 hover:bg-slate-100">Show</button>
      </form>
      {notice && (
        <p className="rounded border border-amber-200 bg-amber-50 p-2 text-sm text-amber-900" role="alert">
          {notice}
        </p>
      )}
      {source !== "uploaded" && (
        <section className="space-y-2">
          <h2 className="text-lg font-semibold">Verified replays {exports("replayed")}</h2>
          <Board
            {...boardProps}
            rows={verified}
            testId="leaderboard"
            page={query.page}
            pageParam="page"
            empty={
              <>
                No finished replays on {query.task} {query.tier} yet. Queue replays from a schedule&apos;s page.
              </>
            }
          />
        </section>
      )}
      {source !== "replayed" && (
        <section className="space-y-2">
          <h2 className="text-lg font-semibold">Self-reported uploads {exports("uploaded")}</h2>
          <p className="max-w-3xl text-sm text-slate-600">
            Logs people uploaded, checked against their tier&apos;s budget and their claimed schedule but not rerun: ranked among themselves, never
            above or beside a verified replay. Uploads whose learning rate contradicts their schedule are left out (their run pages say why).
          </p>
          <Board
            {...boardProps}
            rows={selfReported}
            testId="leaderboard-uploads"
            page={uploadsPage}
            pageParam="upage"
            empty={
              <>
                No uploads on {query.task} {query.tier}. <Link href="/runs/upload" className="text-indigo-700 hover:underline">Upload a log</Link>.
              </>
            }
          />
        </section>
      )}
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
    </div>
  );
}
