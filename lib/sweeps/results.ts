import { meanConfidenceInterval, type MeanConfidenceInterval } from "../stats/confidence";

/** What a sweep's results need of a run. */
export interface SweepRun {
  id: string;
  scheduleId: string | null;
  seed: number | null;
  status: "running" | "finished" | "failed" | "diverged";
  /** The last test accuracy (null while none is measured). */
  finalAcc: number | null;
  /** The last finite training loss. */
  finalLoss: number | null;
  divergedEpoch: number | null;
}

export interface SweepValueResult {
  value: number;
  scheduleId: string;
  runs: SweepRun[];
  finished: number;
  diverged: number;
  /** Over the finished seeds only: a diverged run has no final metric to average. */
  acc: MeanConfidenceInterval | null;
  loss: MeanConfidenceInterval | null;
}

const interval = (xs: (number | null)[]) => {
  const finite = xs.filter((x): x is number => x !== null && Number.isFinite(x));
  return finite.length ? meanConfidenceInterval(finite) : null;
};

/** One row per swept value, in the sweep's order, with 95% intervals over its finished seeds. */
export function sweepResults(values: readonly number[], scheduleIds: readonly string[], runs: readonly SweepRun[]): SweepValueResult[] {
  return values.map((value, i) => {
    const own = runs.filter((r) => r.scheduleId === scheduleIds[i]).sort((a, b) => (a.seed ?? 0) - (b.seed ?? 0));
    const finished = own.filter((r) => r.status === "finished");
    return {
      value,
      scheduleId: scheduleIds[i],
      runs: own,
      finished: finished.length,
      diverged: own.filter((r) => r.status === "diverged").length,
      acc: interval(finished.map((r) => r.finalAcc)),
      loss: interval(finished.map((r) => r.finalLoss)),
    };
  });
}
