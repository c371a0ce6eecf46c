"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { RUN_PRECISIONS } from "@/lib/precision";
import { rankingOutlook } from "@/lib/runs/ranking-outlook";
import { newIdempotencyKey, SINGLE_REQUEST_MAX_BYTES, UploadFailed, uploadInBatches, type UploadProgress } from "./batched-upload";

interface Option {
  value: string;
  label: string;
}

interface TaskOption extends Option {
  /** Each tier's budget in epochs, to say before the upload whether the run can be ranked. */
  tiers: { tier: string; epochs: number }[];
}

const input = "mt-1 block w-full rounded border border-slate-300 bg-white px-2 py-1.5 text-sm";

/**
 * Sends the file to the same multipart API that CI uses, signed in by the session cookie; a file too
 * large for one request is parsed here and sent in batches, as `lrbench upload` sends it.
 */
export function UploadForm({ tasks, schedules, formats }: { tasks: TaskOption[]; schedules: Option[]; formats: string[] }) {
  const router = useRouter();
  const [taskId, setTaskId] = useState(tasks[0]?.value ?? "");
  const [tier, setTier] = useState("smoke");
  const [scheduleId, setScheduleId] = useState("");
  const [seed, setSeed] = useState("");
  const outlook = rankingOutlook({
    scheduleName: schedules.find((s) => s.value === scheduleId)?.label ?? null,
    taskId,
    tier,
    epochs: tasks.find((t) => t.value === taskId)?.tiers.find((t) => t.tier === tier)?.epochs ?? null,
    seed,
  });
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const [progress, setProgress] = useState<UploadProgress | null>(null);
  // Leaving mid-batches would leave an incomplete run behind; the browser asks first.
  useEffect(() => {
    if (!progress) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [progress]);

  async function submitInBatches(form: FormData) {
    try {
      const { runId } = await uploadInBatches(form, {
        fetch: (url, init) => fetch(url, init),
        origin: window.location.origin,
        idempotencyKey: newIdempotencyKey(),
        onProgress: setProgress,
      });
      router.push(`/runs/${runId}`);
    } catch (failure) {
      setError(failure instanceof UploadFailed ? failure.message : `The upload stopped unexpectedly: ${String(failure)}`);
    } finally {
      setProgress(null);
    }
  }

  async function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(null);
    setPending(true);
    const form = new FormData(event.currentTarget);
    const file = form.get("file");
    try {
      if (file instanceof Blob && file.size > SINGLE_REQUEST_MAX_BYTES) return await submitInBatches(form);
      const response = await fetch("/api/v1/runs/upload", {
        method: "POST",
        body: form,
        headers: { "Idempotency-Key": crypto.randomUUID() },
      });
      const body = await response.json().catch(() => null);
      if (!response.ok) {
        setError(response.status === 401 ? "Sign in first: uploading needs an account." : (body?.error?.message ?? `Upload failed (${response.status}).`));
        return;
      }
      router.push(`/runs/${body.run.id}`);
    } catch {
      setError("The server could not be reached; nothing was stored. Try again.");
    } finally {
      setPending(false);
    }
  }

  return (
    <form onSubmit={submit} className="max-w-xl space-y-4" noValidate>
      <label className="block text-sm font-medium">
        Log file
        <input type="file" name="file" required className={input} />
        <span className="mt-1 block text-xs font-normal text-slate-500">
          lrbench JSON, JSON lines, Keras or Lightning CSV, any CSV/TSV with an epoch or step column, DAWNBench TSV, MLPerf MLLOG, a TensorBoard event file, Detectron2 metrics.json, a W&amp;B history export (CSV or JSON lines), or an MLflow run folder as a zip.
        </span>
      </label>
      <label className="block text-sm font-medium">
        Format
        <select name="format" defaultValue="" className={input}>
          <option value="">recognise it</option>
          {formats.map((f) => (
            <option key={f} value={f}>{f}</option>
          ))}
        </select>
      </label>
      <div className="grid grid-cols-2 gap-4">
        <label className="block text-sm font-medium">
          Task
          <select name="taskId" className={input} value={taskId} onChange={(e) => setTaskId(e.target.value)}>
            {tasks.map((t) => (
              <option key={t.value} value={t.value}>{t.label}</option>
            ))}
          </select>
        </label>
        <label className="block text-sm font-medium">
          Tier
          <select name="tier" className={input} value={tier} onChange={(e) => setTier(e.target.value)}>
            <option value="smoke">smoke</option>
            <option value="short">short</option>
            <option value="full">full</option>
          </select>
        </label>
      </div>
      <label className="block text-sm font-medium">
        Schedule (optional)
        <select name="scheduleId" className={input} value={scheduleId} onChange={(e) => setScheduleId(e.target.value)}>
          <option value="">not given</option>
          {schedules.map((s) => (
            <option key={s.value} value={s.value}>{s.label}</option>
          ))}
        </select>
      </label>
      <div className="grid grid-cols-2 gap-4">
        <label className="block text-sm font-medium">
          Run name (optional)
          <input name="name" className={input} />
        </label>
        <label className="block text-sm font-medium">
          Seed (optional)
          <input name="seed" inputMode="numeric" className={input} value={seed} onChange={(e) => setSeed(e.target.value)} />
        </label>
      </div>
      <label className="block text-sm font-medium">
        Precision (optional)
        <select name="precision" className={input} defaultValue="">
          <option value="">not recorded</option>
          {RUN_PRECISIONS.map((p) => (
            <option key={p} value={p}>{p}</option>
          ))}
        </select>
      </label>
      {progress && (
        <p className="text-sm text-slate-700" aria-live="polite" data-testid="upload-progress">
          {progress.text}…
        </p>
      )}
      {error && (
        <p className="rounded border border-red-200 bg-red-50 p-2 text-sm text-red-800" role="alert">{error}</p>
      )}
      <div className="flex flex-wrap items-start gap-4">
        <button type="submit" disabled={pending} className="shrink-0 rounded bg-indigo-600 px-4 py-2 text-sm font-medium text-white hover:bg-indigo-700 disabled:bg-slate-400">
          {pending ? "Uploading…" : "Upload"}
        </button>
        <p
          className={`min-w-0 flex-1 text-sm ${outlook.ranked ? "text-slate-700" : "text-amber-800"}`}
          aria-live="polite"
          data-testid="ranking-outlook"
        >
          {outlook.text}
        </p>
      </div>
    </form>
  );
}
