"use client";

import { useActionState } from "react";
import type { ActionState } from "../_lib/validated-action";
import { queueMissingSeedsAction } from "./actions";

interface QueueSeedsButtonProps {
  scheduleId: string;
  scheduleName: string;
  taskId: string;
  tier: string;
  seeds: number[];
}

export function QueueSeedsButton({ scheduleId, scheduleName, taskId, tier, seeds }: QueueSeedsButtonProps) {
  const [state, action, pending] = useActionState<ActionState, FormData>(queueMissingSeedsAction, {});
  const problems = [...(state.errors ?? []).map((e) => e.message), ...(state.formError ? [state.formError] : [])];
  return (
    <form action={action} className="space-y-1">
      <input type="hidden" name="scheduleId" value={scheduleId} />
      <input type="hidden" name="taskId" value={taskId} />
      <input type="hidden" name="tier" value={tier} />
      <input type="hidden" name="seeds" value={seeds.join(",")} />
      <button
        type="submit"
        disabled={pending || Boolean(state.message)}
        className="rounded border border-indigo-300 bg-indigo-50 px-3 py-1 text-sm text-indigo-800 hover:bg-indigo-100 disabled:opacity-60"
      >
        {pending ? "Queueing…" : `Queue ${scheduleName}, seed${seeds.length === 1 ? "" : "s"} ${seeds.join(", ")}`}
      </button>
      {state.message && <p className="text-sm text-emerald-800" role="status">{state.message}</p>}
      {problems.map((m) => (
        <p key={m} className="text-sm text-red-700" role="alert">{m}</p>
      ))}
    </form>
  );
}
