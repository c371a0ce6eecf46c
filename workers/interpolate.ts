/**
 * Smith and Topin's weight interpolation for a run's two snapshots: the worker rebuilds the run's task,
 * tier and seed on its engine, loads both weights and scores the network at each alpha
 * (lib/analysis/interpolation.ts) on the test set and a training subset. Torch engine only: it is the
 * one that keeps weights.
 */
import { createHash } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { INTERPOLATION_ALPHAS, INTERPOLATION_TRAIN_SUBSET } from "@/lib/analysis/interpolation";
import { assertOk, type WorkerApi } from "./client";
import type { Engine } from "./engines/types";
import { holdLease } from "./lease";

interface SnapshotRef {
  name: string;
  sha256: string;
  bytes: number;
}

export interface InterpolateJob {
  id: string;
  kind: "interpolate";
  attemptId: string;
  runId: string;
  taskId: string;
  tier: "smoke" | "short" | "full";
  seed: number;
  a: SnapshotRef | null;
  b: SnapshotRef | null;
  leaseSeconds: number;
}

async function fetchSnapshot(api: WorkerApi, job: InterpolateJob, ref: SnapshotRef | null, dir: string, which: string): Promise<string> {
  if (!ref) throw new Error(`snapshot ${which} is no longer stored with the run`);
  const bytes = assertOk(await api.download(`/runs/${job.runId}/artifacts/${encodeURIComponent(ref.name)}`), `downloading ${ref.name}`) as Uint8Array;
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  if (sha256 !== ref.sha256) throw new Error(`the downloaded ${ref.name}'s SHA-256 ${sha256} is not the stored ${ref.sha256}`);
  const file = path.join(dir, `${which}.pt`);
  await writeFile(file, bytes);
  return file;
}

export async function runInterpolation(api: WorkerApi, job: InterpolateJob, engine: Engine, options: { dataDir?: string; log: (line: string) => void }) {
  const lease = holdLease(api, job, () => ({ interpolating: true }));
  const dir = await mkdtemp(path.join(os.tmpdir(), "lrbench-interpolate-"));
  try {
    if (!engine.snapshots) throw new Error("interpolating needs an engine that loads weights (--engine torch)");
    const [a, b] = [await fetchSnapshot(api, job, job.a, dir, "a"), await fetchSnapshot(api, job, job.b, dir, "b")];
    await engine.setup({ taskId: job.taskId, tier: job.tier, seed: job.seed, dataDir: options.dataDir });
    const result = await engine.snapshots.interpolate(a, b, INTERPOLATION_ALPHAS, INTERPOLATION_TRAIN_SUBSET);
    const json = (v: number) => (Number.isFinite(v) ? v : String(v));
    const points = result.points.map((p) => ({ ...p, test_loss: json(p.test_loss), train_loss: json(p.train_loss) }));
    assertOk(await api.post(`/worker/jobs/${job.id}/complete`, { attemptId: job.attemptId, interpolation: { ...result, points } }), "reporting the interpolation");
    options.log(`job ${job.id}: interpolated run ${job.runId} between ${job.a!.name} and ${job.b!.name} at ${points.length} alphas`);
  } catch (error) {
    const message = (error as Error).message ?? String(error);
    options.log(`job ${job.id} (interpolation) failed: ${message}`);
    // Missing or mismatched weights, or an engine without weights, stay so on a retry.
    await api.post(`/worker/jobs/${job.id}/fail`, { attemptId: job.attemptId, error: message, retryable: false }).catch(() => undefined);
  } finally {
    lease.stop();
    await engine.close();
    await rm(dir, { recursive: true, force: true });
  }
}
