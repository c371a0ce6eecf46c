import { describe, expect, it } from "vitest";
import { confidenceFromSummary } from "../../stats";
import type { ScheduleJumps } from "../jump-table";
import { cifarJumpFindings } from "./cifar";

const schedule = (name: string, jumps: { meanX: number; mean: number; sd: number | null; n: number }[]): ScheduleJumps => ({
  scheduleId: name,
  scheduleName: name,
  runs: Math.max(...jumps.map((j) => j.n)),
  jumps: jumps.map((j, i) => ({ decay: i + 1, runs: j.n, meanX: j.meanX, gain: confidenceFromSummary(j.mean, j.sd, j.n) })),
});

describe("cifarJumpFindings", () => {
  it("puts each decay's jump in words with its interval, and shows the effect when every interval is above 0", () => {
    const [finding] = cifarJumpFindings([schedule("StepDecay", [{ meanX: 60, mean: 0.091, sd: 0.005, n: 3 }, { meanX: 120, mean: 0.03, sd: 0.004, n: 3 }])]);
    // t(0.975, 2) = 4.303: 9.1 ± 4.303 x 0.5 / sqrt 3 = 9.1 ± 1.24.
    expect(finding.sentences).toEqual([
      "After the 1st decay (epoch 60) test accuracy rose by 9.1 pts [7.9, 10.3] over 3 seeds.",
      "After the 2nd decay (epoch 120) test accuracy rose by 3.0 pts [2.0, 4.0] over 3 seeds.",
    ]);
    expect(finding.verdict).toBe("shown");
    expect(finding.conclusion).toContain("the smallest jump (2nd decay) = 3.0 pts [2.0, 4.0]");
  });

  it("says when accuracy fell after a decay, and when one seed gives no interval", () => {
    const [fell, single] = cifarJumpFindings([
      schedule("Falls", [{ meanX: 60.4, mean: -0.02, sd: 0.004, n: 3 }]),
      schedule("One seed", [{ meanX: 60, mean: 0.05, sd: null, n: 1 }]),
    ]);
    expect(fell.sentences[0]).toBe("After the 1st decay (mean epoch 60.4) test accuracy fell by 2.0 pts [1.0, 3.0] over 3 seeds.");
    expect(fell.verdict).toBe("reversed");
    expect(single.sentences[0]).toBe("After the 1st decay (epoch 60) test accuracy rose by 5.0 pts over 1 seed: one seed gives no interval.");
    expect(single.verdict).toBe("tooFewSeeds");
  });

  it("skips schedules that never decayed", () => {
    expect(cifarJumpFindings([{ scheduleId: "c", scheduleName: "Constant", runs: 3, jumps: [] }])).toEqual([]);
  });
});
