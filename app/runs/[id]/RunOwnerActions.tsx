"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";

/**
 * Rename or delete a run, for its owner: through the same API as scripts (PATCH and DELETE
 * /api/v1/runs/{id}), signed in by the session cookie. `deletable` is false for a replay's run, which
 * only an admin may delete.
 */
export function RunOwnerActions({ runId, name, deletable }: { runId: string; name: string | null; deletable: boolean }) {
  const router = useRouter();
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(name ?? "");
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function send(method: "PATCH" | "DELETE", body?: unknown): Promise<boolean> {
    setPending(true);
    setError(null);
    try {
      const response = await fetch(`/api/v1/runs/${runId}`, {
        method,
        headers: body ? { "content-type": "application/json" } : undefined,
        body: body ? JSON.stringify(body) : undefined,
      });
      if (!response.ok) {
        setError((await response.json().catch(() => null))?.error?.message ?? `The server answered ${response.status}.`);
        return false;
      }
      return true;
    } catch {
      setError("The server could not be reached; nothing changed.");
      return false;
    } finally {
      setPending(false);
    }
  }

  return (
    <div className="flex flex-wrap items-center gap-2 text-sm" data-testid="run-owner-actions">
      {editing ? (
        <form
          className="flex flex-wrap items-center gap-2"
          onSubmit={async (event) => {
            event.preventDefault();
            if (await send("PATCH", { name: draft })) {
              setEditing(false);
              router.refresh();
            }
          }}
        >
          <label className="sr-only" htmlFor="run-name">Run name</label>
          <input id="run-name" value={draft} onChange={(e) => setDraft(e.target.value)} maxLength={200} className="rounded border border-slate-300 px-2 py-1" />
          <button type="submit" disabled={pending} className="rounded bg-indigo-600 px-3 py-1 text-white hover:bg-indigo-700 disabled:bg-slate-400">Save name</button>
          <button type="button" onClick={() => setEditing(false)} className="text-slate-600 hover:underline">cancel</button>
        </form>
      ) : (
        <button type="button" onClick={() => setEditing(true)} className="rounded border border-slate-300 px-3 py-1 hover:bg-slate-50">Rename</button>
      )}
      {deletable && (
        <button
          type="button"
          disabled={pending}
          onClick={async () => {
            if (!window.confirm("Delete this run with its points, events and files? This cannot be undone.")) return;
            if (await send("DELETE")) router.push("/runs");
          }}
          className="rounded border border-red-300 px-3 py-1 text-red-700 hover:bg-red-50"
        >
          Delete run
        </button>
      )}
      {error && <p className="w-full text-red-700" role="alert">{error}</p>}
    </div>
  );
}
