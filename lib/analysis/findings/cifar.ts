import type { ScheduleJumps } from "../jump-table";
import { formatNumber } from "../series";
import { formatEstimate, formatSeeds, negate, type Estimate } from "./estimates";
import { judge, type Finding } from "./verdict";

const ORDINALS = ["1st", "2nd", "3rd"];
const ordinal = (n: number) => ORDINALS[n - 1] ?? `${n}th`;

/**
 * The CIFAR jump table in words, one finding per schedule that decayed: "After the 1st decay (epoch 60)
 * test accuracy rose by 9.1 pts [7.8, 10.4] over 3 seeds", and whether every decay was followed by a
 * jump whose interval lies above 0 (the paper's figure 1).
 */
export function cifarJumpFindings(table: ScheduleJumps[]): Finding[] {
  return table.flatMap((schedule) => {
    const jumps = schedule.jumps.filter((j) => j.gain !== null);
    if (jumps.length === 0) return [];
    const estimates = jumps.map((jump) => {
      const gain = jump.gain!;
      const estimate: Estimate = { mean: gain.mean, lower: gain.lower, upper: gain.upper, seeds: [gain.n], method: gain.lower === null ? "none" : "t" };
      return { jump, estimate };
    });
    const sentences = estimates.map(({ jump, estimate }) => {
      const where = jump.runs > 1 && !Number.isInteger(jump.meanX) ? `mean epoch ${formatNumber(jump.meanX)}` : `epoch ${formatNumber(jump.meanX)}`;
      const direction = estimate.mean >= 0 ? "rose" : "fell";
      const size = formatEstimate(estimate.mean >= 0 ? estimate : negate(estimate), "points");
      return `After the ${ordinal(jump.decay)} decay (${where}) test accuracy ${direction} by ${size} ${formatSeeds(estimate)}.`;
    });
    // Every decay must be followed by a jump: the decisive one is the smallest lower bound.
    const weakest = estimates.reduce((a, b) => ((b.estimate.lower ?? -Infinity) < (a.estimate.lower ?? -Infinity) ? b : a));
    const { verdict, conclusion } = judge(weakest.estimate, {
      effect: "test accuracy jumped after every decay",
      opposite: `test accuracy fell after the ${ordinal(weakest.jump.decay)} decay`,
      expected: "positive",
      measure: `the smallest jump (${ordinal(weakest.jump.decay)} decay)`,
      unit: "points",
    });
    return [{ question: `${schedule.scheduleName}: did test accuracy jump after each decay?`, sentences, verdict, conclusion }];
  });
}
