import { describe, expect, it } from "vitest";
import { computeProfiles, whyNoProfiles, type ProfileInput } from "./profiles";

const row = (taskId: string, scheduleId: string, meanEpochsToTarget: number | null, tier = "smoke"): ProfileInput => ({
  taskId,
  tier,
  scheduleId,
  scheduleName: scheduleId.toUpperCase(),
  runs: 3,
  reached: meanEpochsToTarget === null ? 0 : 2,
  meanEpochsToTarget,
});

describe("computeProfiles", () => {
  it("scores each schedule by the area under its profile across task and tier pairs", () => {
    const result = computeProfiles([
      row("t1", "a", 10),
      row("t2", "a", 20),
      row("t1", "b", 20),
      row("t2", "b", null),
      // c ran on t1 only: t2 counts as never reached.
      row("t1", "c", 40),
      // Nobody reached the target on t3: it carries no ranking information and is left out.
      row("t3", "a", null),
      // The same task on another tier is another problem.
      row("t1", "b", 5, "full"),
    ]);
    expect(result.problems).toEqual(["t1/full", "t1/smoke", "t2/smoke"]);
    expect(result.ignoredProblems).toEqual(["t3/smoke"]);
    expect(result.schedules.map((s) => s.scheduleId)).toEqual(["a", "b", "c"]);
    const [a, b, c] = result.schedules;
    // a: ratios 1, 1 on its two problems, never on t1/full -> (3 + 3 + 0) / (3 * 3) = 2/3.
    expect(a.score).toBeCloseTo(2 / 3, 12);
    expect(a.ratios).toEqual({ "t1/full": null, "t1/smoke": 1, "t2/smoke": 1 });
    // b: ratios 1 (t1/full), 2 (t1/smoke), never (t2) -> (3 + 2 + 0) / 9 = 5/9.
    expect(b.score).toBeCloseTo(5 / 9, 12);
    expect(b.curve.find((p) => p.tau === 2)!.rho).toBeCloseTo(2 / 3, 12);
    expect(b.curve[0]).toEqual({ tau: 1, rho: 1 / 3 });
    expect(c.score).toBe(0);
    expect(c.problemsRun).toBe(1);
    // A null ratio means "not reached" where the schedule ran and "no runs" where it did not.
    expect(b.ranOn.sort()).toEqual(["t1/full", "t1/smoke", "t2/smoke"]);
    expect(c.ranOn).toEqual(["t1/smoke"]);
  });
});

describe("whyNoProfiles", () => {
  const none = { finished: 0, withoutSchedule: 0, withoutAccuracy: 0, perStep: 0, otherTier: 0, unverified: 0 };

  it("says no runs only when there are none", () => {
    expect(whyNoProfiles(none, {})).toMatch(/^No finished public runs yet/);
  });

  it("names what hides the runs there are, and why", () => {
    const text = whyNoProfiles({ ...none, finished: 5, withoutSchedule: 2, otherTier: 3 }, { tier: "full" });
    expect(text).toBe(
      "None of the 5 runs finished in public makes a profile: 2 runs name no schedule (uploaded without --schedule; profiles compare schedules); 3 runs ran another tier than full (the tier filter).",
    );
  });
});
