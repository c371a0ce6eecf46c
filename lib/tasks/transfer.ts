import { influenceInterval, ratioOfMeans } from "../stats";

/**
 * Transferability of the patterns learned in each decay stage (tasks.md, "imagenet-subset-transfer";
 * section 6 of the paper): how much target accuracy a stage bought per unit of source accuracy.
 */

export interface StageAccuracy {
  /** Source (training task) accuracy at the end of the stage. */
  sourceAcc: number;
  /** Target (transfer) accuracy of that stage's snapshot. */
  targetAcc: number;
}

/**
 * One entry per stage: (tacc_i - tacc_(i-1)) / (acc_i - acc_(i-1)) for stage i >= 2. Stage 1 has no
 * previous stage, and a stage whose source accuracy did not change has no defined ratio (it would be
 * a division by zero, or ±Infinity for any target change), so both are null. Accuracies may be
 * fractions or percentages, as long as source and target use the same unit; the ratio is unitless.
 */
export function transferability(stages: StageAccuracy[]): (number | null)[] {
  return stages.map((stage, i) => {
    if (i === 0) return null;
    const previous = stages[i - 1];
    const sourceGain = stage.sourceAcc - previous.sourceAcc;
    if (sourceGain === 0 || !Number.isFinite(sourceGain)) return null;
    const ratio = (stage.targetAcc - previous.targetAcc) / sourceGain;
    return Number.isFinite(ratio) ? ratio : null;
  });
}

export const TRANSFER_MODES = ["fix", "finetune"] as const;
export type TransferMode = (typeof TRANSFER_MODES)[number];

type Point = [number, number];

/** `transfer/<mode>/<target>`: the series a transfer run reports per target folder and mode. */
export function parseTransferSeriesName(name: string): { mode: TransferMode; target: string } | null {
  const match = /^transfer\/(fix|finetune)\/(.+)$/.exec(name);
  return match ? { mode: match[1] as TransferMode, target: match[2] } : null;
}

/** y at x, or at the nearest earlier finite point: the source accuracy the snapshot had. */
function atOrBefore(points: Point[], x: number): number | null {
  let found: number | null = null;
  for (const [px, py] of points) {
    if (px > x) break;
    if (Number.isFinite(py)) found = py;
  }
  return found;
}

/** One run's snapshots on one target: stage i is the i-th point of its `transfer/M/T` series. */
export interface RunTransfer {
  mode: TransferMode;
  target: string;
  stages: (StageAccuracy & { x: number })[];
}

/** A run's table-2 rows: each snapshot's target accuracy with test_acc at the snapshot's x. */
export function runTransferStages(series: Record<string, Point[]>): RunTransfer[] {
  const source = series.test_acc ?? [];
  const rows: RunTransfer[] = [];
  for (const [name, points] of Object.entries(series)) {
    const parsed = parseTransferSeriesName(name);
    if (!parsed) continue;
    const snapshots = points.filter(([, y]) => Number.isFinite(y)).sort((a, b) => a[0] - b[0]);
    const stages: RunTransfer["stages"] = [];
    for (const [x, targetAcc] of snapshots) {
      const sourceAcc = atOrBefore(source, x);
      // A snapshot taken before any source accuracy has nothing to be a stage of.
      if (sourceAcc === null) continue;
      stages.push({ x, sourceAcc, targetAcc });
    }
    rows.push({ ...parsed, stages });
  }
  return rows;
}

export interface TransferStage {
  stage: number;
  /** Mean epoch of the snapshots over the seeds that have this stage. */
  x: number;
  sourceAcc: number;
  targetAcc: number;
  /** Null for stage 1 and where the mean source accuracy did not move. */
  transferability: number | null;
  /**
   * 95% interval of the transferability over the seeds that have this stage and the one before
   * (delta method for a ratio of means, lib/stats/ratio); null with fewer than 2 such seeds.
   */
  interval: [number, number] | null;
  seeds: number;
}

export interface TransferRow {
  mode: TransferMode;
  target: string;
  stages: TransferStage[];
}

/** Per seed having stages i - 1 and i: the gains of stage i on the source and the target. */
export function stageGains(perRun: RunTransfer["stages"][], stage: number): { source: number[]; target: number[] } {
  const having = perRun.filter((stages) => stages.length > stage);
  return {
    source: having.map((stages) => stages[stage].sourceAcc - stages[stage - 1].sourceAcc),
    target: having.map((stages) => stages[stage].targetAcc - stages[stage - 1].targetAcc),
  };
}

function transferabilityInterval(perRun: RunTransfer["stages"][], stage: number): [number, number] | null {
  if (stage === 0) return null;
  const gains = stageGains(perRun, stage);
  if (gains.source.length < 2) return null;
  const ratio = ratioOfMeans(gains.target, gains.source);
  if (!ratio) return null;
  const { lower, upper } = influenceInterval(ratio.ratio, ratio.influence);
  return lower === null || upper === null ? null : [lower, upper];
}

/** Each target and mode's snapshots, one list per run that has them, ordered by target then fix before finetune. */
export function transferRowsPerRun(runs: Record<string, Point[]>[]): { mode: TransferMode; target: string; perRun: RunTransfer["stages"][] }[] {
  const byKey = new Map<string, { mode: TransferMode; target: string; perRun: RunTransfer["stages"][] }>();
  for (const series of runs) {
    for (const row of runTransferStages(series)) {
      const key = `${row.target}\u0000${row.mode}`;
      const entry = byKey.get(key) ?? { mode: row.mode, target: row.target, perRun: [] };
      byKey.set(key, entry);
      entry.perRun.push(row.stages);
    }
  }
  return [...byKey.values()].sort((a, b) => a.target.localeCompare(b.target) || TRANSFER_MODES.indexOf(a.mode) - TRANSFER_MODES.indexOf(b.mode));
}

/**
 * The paper's table 2 for one schedule, averaged over seeds. Stage i of a target is the i-th point
 * of its `transfer/M/T` series; its source accuracy is test_acc at the snapshot's x. Accuracies are
 * averaged stage by stage first and transferability is taken from the means: a per-seed ratio
 * explodes for a seed whose source accuracy barely moved, and one such seed would swamp the mean.
 * Rows are ordered by target, then fix before finetune.
 */
export function transferTable(runs: Record<string, Point[]>[]): TransferRow[] {
  return transferRowsPerRun(runs).map(({ mode, target, perRun }) => {
    const count = Math.max(0, ...perRun.map((stages) => stages.length));
    const means = Array.from({ length: count }, (_, i) => {
      const present = perRun.filter((stages) => stages.length > i).map((stages) => stages[i]);
      const avg = (pick: (s: RunTransfer["stages"][number]) => number) => present.reduce((sum, s) => sum + pick(s), 0) / present.length;
      return { x: avg((s) => s.x), sourceAcc: avg((s) => s.sourceAcc), targetAcc: avg((s) => s.targetAcc), seeds: present.length };
    });
    const ratios = transferability(means);
    return { mode, target, stages: means.map((m, i) => ({ stage: i + 1, ...m, transferability: ratios[i], interval: ratios[i] === null ? null : transferabilityInterval(perRun, i) })) };
  });
}
