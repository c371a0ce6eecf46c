"use client";

import Link from "next/link";
import { useActionState } from "react";
import type { ActionState } from "../../_lib/validated-action";
import { submitReplayAction } from "./actions";
import { TaskTierFields } from "../../_components/TaskTierFields";

const select = "mt-1 block rounded border border-slate-300 bg-white px-2 py-1 text-sm";

/**
 * Submit replays of this schedule; the jobs themselves are drawn by the server (`children`), which the
 * action's revalidation redraws at once and which refresh themselves while any is live.
 */
export function ReplayPanel({ scheduleId, tasks, canSubmit, children }: { scheduleId: string; tasks: { id: string; name: string }[]; canSubmit: boolean; children?: React.ReactNode }) {
  const [state, action, pending] = useActionState<ActionState, FormData>(submitReplayAction, {});

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
      {children}
    </section>
  );
}
