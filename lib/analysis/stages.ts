import { formatEpoch } from "../format/epoch";
import { meanConfidenceInterval, type MeanConfidenceInterval } from "../stats";
import { detectDecays, type Decay } from "./decays";
import { isFiniteNumber, SERIES, type Point, type SeriesMap } from "./series";

/**
 * A run's decays as stored with it (run_events), or read off its lr series when it has none: runs
 * stored before decays were recorded as events still split into stages.
 */
export function runDecays(events: { x: number; type: string }[], lr: Point[] | undefined): number[] {
  const stored = events.filter((e) => e.type === "decay").map((e) => e.x);
  const xs = stored.length > 0 ? stored : detectDecays(lr ?? []).map((d: Decay) => d.x);
  return [...new Set(xs.filter(isFiniteNumber))].sort((a, b) => a - b);
}

export type StageEnd = {
  /** 1-based: stage 1 runs from the start to the first decay. */
  stage: number;
  /** The decay that ends the stage (its first x at the new rate); null for the last stage. */
  endsAtDecay: number | null;
  /** The last finite value of each named series inside the stage; null when it has none there. */
  values: Record<string, number | null>;
};

function lastFiniteIn(points: Point[], from: number, to: number): number | null {
  let last: number | null = null;
  for (const [x, y] of points) {
    if (x >= from && x < to && isFiniteNumber(y)) last = y;
  }
  return last;
}

/**
 * Accuracy at the end of each stage, the stages being the spans between consecutive decays:
 * stage i covers [d_(i-1), d_i) with d_0 = -Infinity and a last d = +Infinity. A decay's x is the
 * first x at the new rate (see Decay), so the value "at the end" of a stage is the last point
 * before it, never the first point after. Decays sharing an x count once.
 */
export function stageEnds(series: SeriesMap, decayXs: number[], names: string[]): StageEnd[] {
  const bounds = [...new Set(decayXs)].sort((a, b) => a - b);
  const edges = [-Infinity, ...bounds, Infinity];
  const stages: StageEnd[] = [];
  for (let i = 1; i < edges.length; i++) {
    const values = Object.fromEntries(names.map((name) => [name, lastFiniteIn(series[name] ?? [], edges[i - 1], edges[i])]));
    stages.push({ stage: i, endsAtDecay: i < edges.length - 1 ? edges[i] : null, values });
  }
  return stages;
}

export type StageRow = {
  stage: number;
  /** Runs that have this stage: adaptive schedules may decay a different number of times per seed. */
  runs: number;
  /** Mean x of the decay ending the stage over the runs where one does; null for every run's last stage. */
  meanDecayX: number | null;
  /** How many of `runs` end this stage at a decay; the others end it at the end of training. */
  endedByDecay: number;
  /** Mean and 95% t interval over the runs with a finite value; null when none has one. */
  metrics: Record<string, MeanConfidenceInterval | null>;
};

/**
 * Stage-by-stage table of several seeds of one schedule. Stages are matched by their number: the i-th
 * stage of one seed is averaged with the i-th stage of another, whether it ends at a decay or at the end
 * of training (an adaptive schedule's seeds may decay a different number of times), so each row says how
 * many of its seeds end it at a decay.
 */
export function stageTable(runs: { series: SeriesMap; decayXs: number[] }[], names: string[]): StageRow[] {
  const perRun = runs.map((run) => stageEnds(run.series, run.decayXs, names));
  const count = Math.max(0, ...perRun.map((stages) => stages.length));
  const rows: StageRow[] = [];
  for (let i = 0; i < count; i++) {
    const present = perRun.map((stages) => stages[i]).filter((s): s is StageEnd => s !== undefined);
    const decays = present.map((s) => s.endsAtDecay).filter(isFiniteNumber);
    const metrics: Record<string, MeanConfidenceInterval | null> = {};
    for (const name of names) {
      const values = present.map((s) => s.values[name]).filter(isFiniteNumber);
      metrics[name] = values.length > 0 ? meanConfidenceInterval(values) : null;
    }
    rows.push({
      stage: i + 1,
      runs: present.length,
      meanDecayX: decays.length > 0 ? decays.reduce((a, b) => a + b, 0) / decays.length : null,
      endedByDecay: decays.length,
      metrics,
    });
  }
  return rows;
}

const seeds = (n: number) => `${n} seed${n === 1 ? "" : "s"}`;

/**
 * What ends a stage-table row, in words: "decay at 15", "end", and where seeds differ (an adaptive
 * schedule) how many end it each way, "decay at 19.8 (1 seed), end (2 seeds)"; `totalSeeds` is the
 * schedule's, so a stage only some seeds reach says so.
 */
export function stageEndLabel(row: Pick<StageRow, "runs" | "meanDecayX" | "endedByDecay">, totalSeeds: number): string {
  const partial = row.runs < totalSeeds ? ` (${seeds(row.runs)})` : "";
  if (row.meanDecayX === null) return `end${partial}`;
  const decay = `decay at ${formatEpoch(row.meanDecayX)}`;
  if (row.endedByDecay === row.runs) return `${decay}${partial}`;
  return `${decay} (${seeds(row.endedByDecay)}), end (${seeds(row.runs - row.endedByDecay)})`;
}

/** PS10's per-subset series (tasks.md): what the stage analysis of ps10-noise reads. */
export const PS10_SUBSETS = {
  train: ["train_acc_simple", "train_acc_complex", "train_acc_noise"],
  test: ["test_acc_simple", "test_acc_complex", SERIES.testAcc],
} as const;
