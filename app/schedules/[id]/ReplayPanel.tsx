"use client";

import Link from "next/link";
import { useActionState, useEffect, useState } from "react";
import type { ActionState } from "../../_lib/validated-action";
import { submitReplayAction } from "./actions";
import { TaskTierFields } from "../../_components/TaskTierFields";

interface JobView {
  id: string;
  taskId: string;
  tier: string;
  seed: number;
  state: "queued" | "running" | "succeeded" | "failed" | "cancelled";
  attempts: number;
  lastError: string | null;
  runId: string | null;
  cancelRequested: boolean;
  progress: { epoch?: number; epochs?: number; train_loss?: number; test_acc?: number | null } | null;
}

const select = "mt-1 block rounded border border-slate-300 bg-white px-2 py-1 text-sm";
const STATE_STYLE: Record<JobView["state"], string> = {
  queued: "bg-slate-100 text-slate-700",
  running: "bg-indigo-100 text-indigo-800",
  succeeded: "bg-emerald-100 text-emerald-800",
  failed: "bg-red-100 text-red-800",
  cancelled: "bg-amber-100 text-amber-800",
};

/** Submit replays of this schedule and watch them: the job list refreshes itself while any is live. */
export function ReplayPanel({ scheduleId, tasks, canSubmit }: { scheduleId: string; tasks: { id: string; name: string }[]; canSubmit: boolean }) {
  const [state, action, pending] = useActionState<ActionState, FormData>(submitReplayAction, {});
  const [jobs, setJobs] = useState<JobView[] | null>(null);
  const [refresh, setRefresh] = useState(0);

  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout>;
    const load = async () => {
      try {
        const response = await fetch(`/api/v1/jobs?schedule=${scheduleId}`, { cache: "no-store" });
        if (response.ok && !stopped) {
          const list = (await response.json()).jobs as JobView[];
          setJobs(list);
          if (list.some((j) => j.state === "queued" || j.state === "running")) timer = setTimeout(load, 2000);
        }
      } catch {
        if (!stopped) timer = setTimeout(load, 5000);
      }
    };
    void load();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [scheduleId, refresh, state]);

  async function cancel(id: string) {
    await fetch(`/api/v1/jobs/${id}/cancel`, { method: "POST" });
    setRefresh((n) => n + 1);
  }

  return (
    <section className="space-y-4 rounded-lg border border-slate-200 bg-white p-4" data-testid="replays">
      <h2 className="font-semibold">Replays on the standard tasks</h2>
      {canSubmit ? (
        <form action={action} className="flex flex-wrap items-end gap-3 text-sm" noValidate>
          <input type="hidden" name="scheduleId" value={scheduleId} />
          <TaskTierFields tasks={tasks} taskField="taskId" task="ps10-noise" tier="smoke" selectClassName={select} />
          <label>
            Seeds
            <input name="seeds" defaultValue="0, 1, 2" className={`${select} w-28`} />
          </label>
          <label className="flex items-center gap-1" title="Weights at each decay, cycle end and the end, for weight interpolation on the run page (torch workers)">
            <input type="checkbox" name="snapshots" /> keep snapshots
          </label>
          <button type="submit" disabled={pending} className="rounded bg-indigo-600 px-3 py-1.5 font-medium text-white hover:bg-indigo-700 disabled:bg-slate-400">
            {pending ? "Queueing…" : "Queue replays"}
          </button>
        </form>
      ) : (
        <p className="text-sm text-slate-600">
          <Link href={`/signin?callbackUrl=/schedules/${scheduleId}`} className="text-indigo-700 hover:underline">Sign in</Link> to queue replays of this schedule.
        </p>
      )}
      {canSubmit && (
        <p className="text-sm">
          <Link href={`/sweeps/new?schedule=${scheduleId}`} className="text-indigo-700 hover:underline" data-testid="sweep-link">
            Sweep one of its fields (a rate at 1, 0.5, 0.2, 0.1, 0.01, say) →
          </Link>
        </p>
      )}
      {(state.errors?.length || state.formError) && (
        <ul className="text-sm text-red-700" role="alert">
          {[...(state.errors ?? []).map((e) => e.message), ...(state.formError ? [state.formError] : [])].map((m) => (
            <li key={m}>{m}</li>
          ))}
        </ul>
      )}
      {state.message && <p className="text-sm text-emerald-800">{state.message}</p>}
      {jobs && jobs.length > 0 && (
        <div className="overflow-x-auto">
        <table className="min-w-full text-left text-sm" data-testid="jobs-table">
          <thead className="text-slate-500">
            <tr>
              <th className="pr-4 font-medium">Task</th>
              <th className="pr-4 font-medium">Seed</th>
              <th className="pr-4 font-medium">State</th>
              <th className="pr-4 font-medium">Progress</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {jobs.map((job) => (
              <tr key={job.id} className="border-t border-slate-100">
                <td className="pr-4">{job.taskId} · {job.tier}</td>
                <td className="pr-4">{job.seed}</td>
                <td className="pr-4">
                  <span className={`rounded px-1.5 py-0.5 text-xs ${STATE_STYLE[job.state]}`}>{job.state}</span>
                  {job.attempts > 1 && <span className="ml-1 text-xs text-slate-500">attempt {job.attempts}</span>}
                </td>
                <td className="pr-4 text-slate-600">
                  {job.progress?.epoch !== undefined
                    ? `epoch ${job.progress.epoch}/${job.progress.epochs}, loss ${job.progress.train_loss?.toFixed(3)}${typeof job.progress.test_acc === "number" ? `, test acc ${(job.progress.test_acc * 100).toFixed(1)}%` : ""}`
                    : job.lastError
                      ? job.lastError
                      : job.state === "queued"
                        ? "waiting for a worker"
                        : ""}
                </td>
                <td className="space-x-3">
                  {job.runId && <Link href={`/runs/${job.runId}`} className="text-indigo-700 hover:underline">run</Link>}
                  {(job.state === "queued" || job.state === "running") && !job.cancelRequested && canSubmit && (
                    <button type="button" onClick={() => cancel(job.id)} className="text-red-700 hover:underline">cancel</button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        </div>
      )}
    </section>
  );
}
