"use client";

import { useActionState } from "react";
import type { ActionState } from "../../_lib/validated-action";
import { deleteScheduleAction } from "./actions";

export function DeleteScheduleButton({ id, name }: { id: string; name: string }) {
  const [state, action, pending] = useActionState<ActionState, FormData>(deleteScheduleAction, {});
  return (
    <form
      action={action}
      onSubmit={(event) => {
        if (!window.confirm(`Delete the schedule '${name}'? This cannot be undone.`)) event.preventDefault();
      }}
    >
      <input type="hidden" name="id" value={id} />
      <button type="submit" disabled={pending} className="rounded border border-red-300 px-3 py-1.5 text-sm text-red-700 hover:bg-red-50">
        {pending ? "Deleting…" : "Delete schedule"}
      </button>
      {state.formError && (
        <p className="mt-1 text-sm text-red-700" role="alert">
          {state.formError}
        </p>
      )}
    </form>
  );
}
