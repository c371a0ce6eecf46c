"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";

type Status = { kind: "idle" } | { kind: "busy"; message: string } | { kind: "error"; message: string } | { kind: "queued"; jobId: string; state: string; error?: string | null };

/**
 * The owner of an uploaded run attaches its model (ONNX, final weights) and asks a worker to measure it.
 * Goes through the API with the session cookie: a model is larger than a server action's body limit.
 */
export function VerifyPanel({ runId, hasModel }: { runId: string; hasModel: boolean }) {
  const router = useRouter();
  const [status, setStatus] = useState<Status>({ kind: "idle" });

  useEffect(() => {
    if (status.kind !== "queued" || !["queued", "running"].includes(status.state)) return;
    const timer = setTimeout(async () => {
      const response = await fetch(`/api/v1/jobs?ids=${status.jobId}`);
      const job = (await response.json()).jobs?.[0];
      if (!job) return;
      setStatus({ ...status, state: job.state, error: job.lastError });
      if (job.state === "succeeded") router.refresh();
    }, 2000);
    return () => clearTimeout(timer);
  }, [status, router]);

  async function submit(form: FormData) {
    const file = form.get("model");
    try {
      if (file instanceof File && file.size > 0) {
        setStatus({ kind: "busy", message: `Uploading ${file.name} (${(file.size / 1024).toFixed(0)} KiB)…` });
        const put = await fetch(`/api/v1/runs/${runId}/model`, { method: "PUT", body: file, headers: { "content-type": "application/octet-stream" } });
        if (!put.ok) return setStatus({ kind: "error", message: (await put.json()).error?.message ?? `upload failed (${put.status})` });
      } else if (!hasModel) {
        return setStatus({ kind: "error", message: "Choose the run's .onnx model first." });
      }
      setStatus({ kind: "busy", message: "Queueing the verification…" });
      const queued = await fetch(`/api/v1/runs/${runId}/verify`, { method: "POST" });
      const body = await queued.json();
      if (!queued.ok) return setStatus({ kind: "error", message: body.error?.message ?? `verification failed (${queued.status})` });
      setStatus({ kind: "queued", jobId: body.job.id, state: body.job.state });
    } catch (error) {
      setStatus({ kind: "error", message: (error as Error).message });
    }
  }

  return (
    <section className="rounded-lg border border-slate-200 bg-white p-4 text-sm" data-testid="verify-panel">
      <h2 className="font-semibold">Verify this run</h2>
      <p className="mt-1 text-slate-600">
        Attach an ONNX export of the final weights. A worker runs it on the task&apos;s test set with onnxruntime and records the accuracy it
        measures beside the one the log claims. The model takes the task&apos;s raw test inputs (PS10 as generated; CIFAR-10 pixels / 255,
        N x 3 x 32 x 32) and its first output is the class logits.
      </p>
      <form action={submit} className="mt-3 flex flex-wrap items-end gap-3">
        <label className="block">
          <span className="text-xs text-slate-500">Model (.onnx){hasModel ? ", optional: one is attached" : ""}</span>
          <input type="file" name="model" accept=".onnx" className="mt-1 block text-sm" />
        </label>
        <button type="submit" disabled={status.kind === "busy"} className="rounded bg-indigo-600 px-3 py-1.5 font-medium text-white disabled:opacity-50">
          Verify
        </button>
      </form>
      <p className="mt-2" role="status">
        {status.kind === "busy" && status.message}
        {status.kind === "error" && <span className="text-red-700">{status.message}</span>}
        {status.kind === "queued" && (
          <>
            Verification {status.state}
            {status.state === "queued" ? ": waiting for a worker." : ""}
            {status.error ? <span className="text-red-700"> ({status.error})</span> : ""}
          </>
        )}
      </p>
    </section>
  );
}
