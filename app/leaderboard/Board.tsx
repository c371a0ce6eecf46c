import Link from "next/link";
import { sourceLabel } from "@/lib/runs/source";
import { LEADERBOARD_PAGE_SIZE } from "@/lib/api/leaderboard";
import { DEFAULT_DIRECTION, rowAnchor, type LeaderboardRow, type LeaderboardSort, type SortDirection } from "@/lib/leaderboard";
import { DataTable } from "@/app/_components/DataTable";

const pct = (v: number | null | undefined) => (v === null || v === undefined ? "–" : `${(v * 100).toFixed(2)}%`);

interface BoardProps {
  rows: LeaderboardRow[];
  testId: string;
  sort: LeaderboardSort;
  dir: SortDirection;
  page: number;
  /** The board's task and tier, for the compare and head-to-head of checked rows. */
  task: string;
  tier: string;
  /** The address of this board with some query parameters changed. */
  link: (changes: Record<string, string>) => string;
  pageParam: string;
  empty: React.ReactNode;
}

/** One ranked table of a leaderboard (verified replays, or self-reported uploads), a page at a time. */
export function Board({ rows, testId, sort, dir, page, task, tier, link, pageParam, empty }: BoardProps) {
  const pages = Math.max(1, Math.ceil(rows.length / LEADERBOARD_PAGE_SIZE));
  const shown = rows.slice((page - 1) * LEADERBOARD_PAGE_SIZE, page * LEADERBOARD_PAGE_SIZE);
  // The active column's header reverses its order; another column starts best-first.
  const sortHeader = (label: string, key: LeaderboardSort) => {
    const active = sort === key;
    const next = active ? (dir === "asc" ? "desc" : "asc") : DEFAULT_DIRECTION[key];
    return (
      <Link
        href={link({ sort: key, dir: next, [pageParam]: "1" })}
        className={active ? "text-indigo-700 underline" : "hover:underline"}
        aria-sort={active ? (dir === "asc" ? "ascending" : "descending") : undefined}
        title={`Sort ${next === "asc" ? "ascending" : "descending"}`}
      >
        {label}
        {active && <span aria-hidden="true">{dir === "asc" ? " ▲" : " ▼"}</span>}
      </Link>
    );
  };
  return (
    <form method="get" action="/leaderboard/pick">
      <input type="hidden" name="task" value={task} />
      <input type="hidden" name="tier" value={tier} />
      <DataTable
        look="card"
        data-testid={testId}
        head={
          <>
            <th className="px-3 py-2 font-medium">
              <span className="sr-only">Pick</span>
            </th>
            <th className="px-3 py-2 font-medium" title="Rows whose 95% intervals overlap can share a rank (=2)">Rank</th>
            <th className="px-3 py-2 font-medium">Schedule</th>
            <th className="px-3 py-2 font-medium">{sortHeader("Final test acc. (95% CI)", "final")}</th>
            <th className="px-3 py-2 font-medium">{sortHeader("Best", "best")}</th>
            <th className="px-3 py-2 font-medium">{sortHeader("Epochs", "epochs")}</th>
            <th className="px-3 py-2 font-medium">{sortHeader("Epochs to target", "timeToTarget")}</th>
            <th className="px-3 py-2 font-medium">{sortHeader("Seeds", "seeds")}</th>
            <th className="px-3 py-2 font-medium">Precision</th>
            <th className="px-3 py-2 font-medium">Source</th>
            <th className="px-3 py-2 font-medium">Engine, hardware</th>
          </>
        }
      >
        {shown.length === 0 && (
          <tr>
            <td colSpan={11} className="px-3 py-4 text-slate-500">{empty}</td>
          </tr>
        )}
        {shown.map((row) => (
          <tr
            key={rowAnchor(row)}
            id={rowAnchor(row)}
            className={`border-b border-slate-100 target:bg-amber-50 ${row.rank === null ? "text-slate-500" : ""}`}
          >
            <td className="px-3 py-1.5">
              <input type="checkbox" name="row" value={row.scheduleId} aria-label={`pick ${row.scheduleName}`} />
            </td>
            <td className="px-3 py-1.5 font-medium">{row.rankLabel ?? <span title={row.unrankedReason ?? undefined}>unranked</span>}</td>
            <td className="px-3 py-1.5">
              <Link href={`/schedules/${row.scheduleId}`} className="text-indigo-700 hover:underline">{row.scheduleName}</Link>
              {row.unrankedReason && <span className="block text-xs text-slate-500">not ranked: {row.unrankedReason}</span>}
            </td>
            <td className="px-3 py-1.5 font-medium">
              {pct(row.meanFinal)}
              <span className="ml-1 font-normal text-slate-500">{row.ci95 ? `[${pct(row.ci95[0])}, ${pct(row.ci95[1])}]` : "(no CI)"}</span>
            </td>
            <td className="px-3 py-1.5">{pct(row.meanBest)}</td>
            <td className="px-3 py-1.5">{row.meanEpochs?.toFixed(1) ?? "–"}</td>
            <td className="px-3 py-1.5">
              {row.meanEpochsToTarget !== null ? `${row.meanEpochsToTarget.toFixed(1)} (${row.reachedTarget}/${row.seeds} seeds)` : "not reached"}
            </td>
            <td className="px-3 py-1.5">
              {row.seeds}
              {row.fewSeeds && <span className="ml-1 rounded bg-amber-100 px-1 text-xs text-amber-800" title="fewer than 3 seeds: not ranked">few seeds</span>}
            </td>
            <td className="px-3 py-1.5">{row.precision ?? "not recorded"}</td>
            <td className="px-3 py-1.5">{row.verified ? "verified" : row.source === "reference" ? sourceLabel(row.source) : "self-reported"}</td>
            <td className="px-3 py-1.5 text-slate-600">{[row.engine, row.hardware].filter(Boolean).join(", ") || "–"}</td>
          </tr>
        ))}
      </DataTable>
      {shown.length > 0 && (
        <p className="mt-2 flex flex-wrap items-center gap-3 text-sm text-slate-600">
          Checked rows:
          <button type="submit" name="to" value="compare" className="rounded border border-slate-300 bg-white px-2 py-0.5 hover:bg-slate-100">
            Compare their seed runs
          </button>
          <button type="submit" name="to" value="head-to-head" className="rounded border border-slate-300 bg-white px-2 py-0.5 hover:bg-slate-100">
            Head-to-head (check two)
          </button>
        </p>
      )}
      {pages > 1 && (
        <p className="text-sm text-slate-600">
          Page {page} of {pages}{" "}
          {page > 1 && <Link href={link({ [pageParam]: String(page - 1) })} className="ml-2 text-indigo-700 hover:underline">Previous</Link>}
          {page < pages && <Link href={link({ [pageParam]: String(page + 1) })} className="ml-2 text-indigo-700 hover:underline">Next</Link>}
        </p>
      )}
    </form>
  );
}
