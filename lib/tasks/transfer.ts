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

export interface TransferStage {
  stage: number;
  /** Mean epoch of the snapshots over the seeds that have this stage. */
  x: number;
  sourceAcc: number;
  targetAcc: number;
  /** Null for stage 1 and where the mean source accuracy did not move. */
  transferability: number | null;
  seeds: number;
}

export interface TransferRow {
  mode: TransferMode;
  target: string;
  stages: TransferStage[];
}

/**
 * The paper's table 2 for one schedule, averaged over seeds. Stage i of a target is the i-th point
 * of its `transfer/M/T` series; its source accuracy is test_acc at the snapshot's x. Accuracies are
 * averaged stage by stage first and transferability is taken from the means: a per-seed ratio
 * explodes for a seed whose source accuracy barely moved, and one such seed would swamp the mean.
 * Rows are ordered by target, then fix before finetune.
 */
export function transferTable(runs: Record<string, Point[]>[]): TransferRow[] {
  const sums = new Map<string, { mode: TransferMode; target: string; stages: { x: number; source: number; target: number; n: number }[] }>();
  for (const series of runs) {
    const source = series.test_acc ?? [];
    for (const [name, points] of Object.entries(series)) {
      const parsed = parseTransferSeriesName(name);
      if (!parsed) continue;
      const key = `${parsed.target}\u0000${parsed.mode}`;
      const entry = sums.get(key) ?? { ...parsed, stages: [] };
      sums.set(key, entry);
      const snapshots = points.filter(([, y]) => Number.isFinite(y)).sort((a, b) => a[0] - b[0]);
      snapshots.forEach(([x, tacc], i) => {
        const acc = atOrBefore(source, x);
        if (acc === null) return;
        const cell = (entry.stages[i] ??= { x: 0, source: 0, target: 0, n: 0 });
        cell.x += x;
        cell.source += acc;
        cell.target += tacc;
        cell.n += 1;
      });
    }
  }
  return [...sums.values()]
    .sort((a, b) => a.target.localeCompare(b.target) || TRANSFER_MODES.indexOf(a.mode) - TRANSFER_MODES.indexOf(b.mode))
    .map(({ mode, target, stages }) => {
      const present = stages.filter((s) => s !== undefined && s.n > 0);
      const means = present.map((s) => ({ x: s.x / s.n, sourceAcc: s.source / s.n, targetAcc: s.target / s.n, seeds: s.n }));
      const ratios = transferability(means);
      return { mode, target, stages: means.map((m, i) => ({ stage: i + 1, ...m, transferability: ratios[i] })) };
    });
}
