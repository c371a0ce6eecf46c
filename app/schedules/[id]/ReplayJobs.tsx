import Link from "next/link";
import { isLive, type ReplayRow } from "@/app/_lib/operations/replays";
import { formatDuration } from "@/lib/jobs/timing";
import { LiveRefresh } from "../../_components/LiveRefresh";
import { Sparkline } from "../../_components/Sparkline";
import { CancelJobButton } from "./CancelJobButton";
import { DataTable } from "@/app/_components/DataTable";

const STATE_STYLE: Record<ReplayRow["job"]["state"], string> = {
  queued: "bg-slate-100 text-slate-700",
  running: "bg-indigo-100 text-indigo-800",
  succeeded: "bg-emerald-100 text-emerald-800",
  failed: "bg-red-100 text-red-800",
  cancelled: "bg-amber-100 text-amber-800",
};

type Progress = { epoch?: number; epochs?: number; train_loss?: number; test_acc?: number | null };

function progressText({ job }: ReplayRow): string {
  const progress = job.progress as Progress | null;
  if (progress?.epoch !== undefined) {
    const acc = typeof progress.test_acc === "number" ? `, test acc ${(progress.test_acc * 100).toFixed(1)}%` : "";
    return `epoch ${progress.epoch}/${progress.epochs}, loss ${progress.train_loss?.toFixed(3)}${acc}`;
  }
  return job.lastError ?? (job.state === "queued" ? "waiting for a worker" : "");
}

/** The replay jobs of a schedule, drawn on the server and refreshed while any is queued or running. */
export function ReplayJobs({ rows }: { rows: ReplayRow[] }) {
  if (rows.length === 0) return null;
  const live = rows.filter((r) => isLive(r.job)).length;
  const count = (state: ReplayRow["job"]["state"]) => rows.filter((r) => r.job.state === state).length;
  return (
    <div className="space-y-2">
      <LiveRefresh active={live > 0} />
      {live === 0 && (
        <p className="rounded border border-emerald-200 bg-emerald-50 p-2 text-sm text-emerald-900" role="status" data-testid="replays-done">
          All {rows.length} replay{rows.length === 1 ? " has" : "s have"} finished: {count("succeeded")} succeeded
          {count("failed") ? `, ${count("failed")} failed` : ""}
          {count("cancelled") ? `, ${count("cancelled")} cancelled` : ""}.
        </p>
      )}
      <DataTable
        look="compact"
        data-testid="jobs-table"
        head={
          <>
            <th className="pr-4 font-medium">Task</th>
            <th className="pr-4 font-medium">Seed</th>
            <th className="pr-4 font-medium">State</th>
            <th className="pr-4 font-medium">Progress</th>
            <th className="pr-4 font-medium">Time</th>
            <th className="pr-4 font-medium">Test acc.</th>
            <th />
          </>
        }
      >
        {rows.map((row) => {
          const { job } = row;
          return (
            <tr key={job.id} className="border-t border-slate-100">
              <td className="pr-4">{job.taskId} · {job.tier}</td>
              <td className="pr-4">{job.seed}</td>
              <td className="pr-4">
                <span className={`rounded px-1.5 py-0.5 text-xs ${STATE_STYLE[job.state]}`}>{job.state}</span>
                {job.attempts > 1 && <span className="ml-1 text-xs text-slate-500">attempt {job.attempts}</span>}
              </td>
              <td className="pr-4 text-slate-600">{progressText(row)}</td>
              <td className="pr-4 whitespace-nowrap text-slate-600" data-testid="job-time">
                {row.elapsedSeconds !== null && (job.state === "queued" ? `queued ${formatDuration(row.elapsedSeconds)}` : formatDuration(row.elapsedSeconds))}
                {row.etaSeconds !== null && <span className="block text-xs">about {formatDuration(row.etaSeconds)} left</span>}
              </td>
              <td className="pr-4">
                <Sparkline points={row.testAcc} label={`test accuracy of seed ${job.seed} on ${job.taskId} ${job.tier}`} />
              </td>
              <td className="space-x-3 whitespace-nowrap">
                {job.runId && <Link href={`/runs/${job.runId}`} className="text-indigo-700 hover:underline">run</Link>}
                {row.canCancel && <CancelJobButton jobId={job.id} />}
              </td>
            </tr>
          );
        })}
      </DataTable>
    </div>
  );
}
