import { influenceInterval, ratioOfMeans } from "../../stats";
import { stageGains, transferRowsPerRun } from "../../tasks/transfer";
import type { Point } from "../series";
import { formatEstimate, formatSeeds, type Estimate } from "./estimates";
import { judge, missing, type Finding } from "./verdict";

function ratioEstimate(gains: { source: number[]; target: number[] }) {
  const ratio = ratioOfMeans(gains.target, gains.source);
  if (!ratio) return null;
  const { lower, upper } = influenceInterval(ratio.ratio, ratio.influence);
  const estimate: Estimate = { mean: ratio.ratio, lower, upper, seeds: [gains.source.length], method: lower === null ? "none" : "delta" };
  return { estimate, influence: ratio.influence };
}

/**
 * Table 2's claim per target and mode: the patterns of later stages transfer less (section 6). The
 * transferability of the last stage against the second's (the first with a previous stage), both
 * from the means over the seeds that have every stage, with the difference's delta-method interval.
 */
export function transferFindings(scheduleName: string, runs: Record<string, Point[]>[]): Finding[] {
  return transferRowsPerRun(runs).map(({ mode, target, perRun }) => {
    const question = `${scheduleName}, ${target} (${mode}): did later stages transfer less?`;
    const stages = Math.max(0, ...perRun.map((s) => s.length));
    if (stages < 3) return missing(question, `it takes at least 3 stages (2 decays) to compare a later stage with stage 2; the runs have ${stages}.`);
    const complete = perRun.filter((s) => s.length === stages);
    const second = ratioEstimate(stageGains(complete, 1));
    const last = ratioEstimate(stageGains(complete, stages - 1));
    if (!second || !last) return missing(question, "the source accuracy did not move in stage 2 or in the last stage, so a transferability is undefined.");
    const influence = last.influence.map((u, i) => u - second.influence[i]);
    const difference = last.estimate.mean - second.estimate.mean;
    const { lower, upper } = influenceInterval(difference, influence);
    const estimate: Estimate = { mean: difference, lower, upper, seeds: [complete.length], method: lower === null ? "none" : "delta" };
    const sentences = [
      `Stage 2 turned each point of source accuracy into ${formatEstimate(second.estimate, "ratio")} points on ${target} and stage ${stages} into ` +
        `${formatEstimate(last.estimate, "ratio")}, ${formatSeeds(estimate)}.`,
    ];
    if (complete.length < perRun.length) sentences.push(`${perRun.length - complete.length} of ${perRun.length} seeds lack a stage and are left out.`);
    const { verdict, conclusion } = judge(estimate, {
      effect: "later stages transferred less",
      opposite: "later stages transferred more",
      expected: "negative",
      measure: `stage ${stages} minus stage 2`,
      unit: "ratio",
    });
    return { question, sentences, verdict, conclusion };
  });
}
