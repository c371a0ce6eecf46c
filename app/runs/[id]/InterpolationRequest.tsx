"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";

/** The owner picks two snapshots and queues the interpolation; the page refreshes to show it. */
export function InterpolationRequest({ runId, snapshots }: { runId: string; snapshots: string[] }) {
  const router = useRouter();
  const [message, setMessage] = useState<string | null>(null);
  async function submit(form: FormData) {
    const response = await fetch(`/api/v1/runs/${runId}/interpolate`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ a: form.get("a"), b: form.get("b") }),
    });
    const body = await response.json();
    setMessage(response.ok ? "Queued: a worker with the torch engine will score the 21 points." : body.error?.message ?? `failed (${response.status})`);
    if (response.ok) router.refresh();
  }
  const select = "mt-1 block rounded border border-slate-300 bg-white px-2 py-1 text-sm";
  return (
    <form action={submit} className="flex flex-wrap items-end gap-3 text-sm" data-testid="interpolation-request">
      <label>
        a (alpha 1)
        <select name="a" defaultValue={snapshots[0]} className={select}>
          {snapshots.map((s) => <option key={s}>{s}</option>)}
        </select>
      </label>
      <label>
        b (alpha 0)
        <select name="b" defaultValue={snapshots[snapshots.length - 1]} className={select}>
          {snapshots.map((s) => <option key={s}>{s}</option>)}
        </select>
      </label>
      <button type="submit" className="rounded bg-indigo-600 px-3 py-1.5 font-medium text-white hover:bg-indigo-700">Interpolate</button>
      {message && <span className="text-slate-700" role="status">{message}</span>}
    </form>
  );
}
