"use client";

import { useActionState, useState } from "react";
import type { ActionState } from "../../_lib/validated-action";
import { TaskTierFields } from "../../_components/TaskTierFields";
import { createSweepAction } from "./actions";

const input = "mt-1 block rounded border border-slate-300 bg-white px-2 py-1 text-sm";

export interface SweepFormDefaults {
  scheduleId: string;
  field: string;
  values: string;
  taskId: string;
  tier: string;
  seeds: string;
  visibility: "public" | "unlisted" | "private";
}

/** One schedule, one field, a list of values and seeds: a schedule per value and its replays. */
export function SweepForm({ schedules, tasks, defaults: initial }: { schedules: { id: string; name: string }[]; tasks: { id: string; name: string }[]; defaults: SweepFormDefaults }) {
  const [state, action, pending] = useActionState<ActionState, FormData>(createSweepAction, {});
  // React resets a form after its action; what was typed becomes the defaults, so a refused sweep keeps it.
  const [defaults, setDefaults] = useState(initial);
  const remember = (form: HTMLFormElement) => setDefaults(Object.fromEntries(new FormData(form)) as unknown as SweepFormDefaults);
  const errorFor = (path: string) => state.errors?.filter((e) => e.path === path).map((e) => e.message).join("; ");
  const fieldError = (path: string) => errorFor(path) && <span className="mt-1 block text-xs text-red-700" role="alert">{errorFor(path)}</span>;
  return (
    <form action={action} onSubmit={(e) => remember(e.currentTarget)} className="grid max-w-2xl gap-4 text-sm" noValidate data-testid="sweep-form">
      <label>
        Schedule to sweep
        <select name="scheduleId" defaultValue={defaults.scheduleId} className={`${input} w-full`}>
          {schedules.map((s) => (
            <option key={s.id} value={s.id}>{s.name}</option>
          ))}
        </select>
        {fieldError("scheduleId")}
      </label>
      <label>
        Field (a path into its definition)
        <input name="field" defaultValue={defaults.field} className={`${input} w-48`} />
        {fieldError("field")}
      </label>
      <label>
        Values
        <input name="values" defaultValue={defaults.values} className={`${input} w-full`} />
        {fieldError("values")}
      </label>
      <div className="flex flex-wrap gap-3">
        <TaskTierFields key={`${defaults.taskId} ${defaults.tier}`} tasks={tasks} taskField="taskId" task={defaults.taskId} tier={defaults.tier} selectClassName={input} />
        <label>
          Seeds
          <input name="seeds" defaultValue={defaults.seeds} className={`${input} w-28`} />
          {fieldError("seeds")}
        </label>
        <label>
          Visibility
          <select name="visibility" defaultValue={defaults.visibility} className={input}>
            <option value="public">public</option>
            <option value="unlisted">unlisted</option>
            <option value="private">private</option>
          </select>
        </label>
      </div>
      {state.formError && <p className="text-red-700" role="alert">{state.formError}</p>}
      <div>
        <button type="submit" disabled={pending} className="rounded bg-indigo-600 px-3 py-1.5 font-medium text-white hover:bg-indigo-700 disabled:bg-slate-400">
          {pending ? "Queueing…" : "Queue the sweep"}
        </button>
      </div>
    </form>
  );
}
