import { JobCancelledError, LeaseLostError, type WorkerApi } from "./client";

export interface Lease {
  /** Renews the lease now (besides the timer), sending the latest progress. */
  beat(): void;
  stop(): void;
}

/**
 * Keeps a claimed job's lease with a heartbeat every third of its length. A heartbeat refused (the lease
 * went to another attempt) or answered with a cancel is passed to `onEnd`, which the caller turns into
 * stopping its work.
 */
export function holdLease(
  api: WorkerApi,
  job: { id: string; attemptId: string; leaseSeconds: number },
  progress: () => Record<string, unknown> | null,
  onEnd: (reason: LeaseLostError | JobCancelledError) => void = () => {},
): Lease {
  const beat = () =>
    void api
      .post(`/worker/jobs/${job.id}/heartbeat`, { attemptId: job.attemptId, progress: progress() })
      .then((result) => {
        if (result.status === 409) onEnd(new LeaseLostError("lease lost"));
        else if (result.body?.cancel) onEnd(new JobCancelledError("cancelled"));
      })
      .catch(() => undefined);
  const timer = setInterval(beat, Math.max(1, job.leaseSeconds / 3) * 1000);
  return { beat, stop: () => clearInterval(timer) };
}
