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
