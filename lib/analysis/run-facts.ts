import type { ScheduleEvent } from "../schedules";
import { accuracySummary, timeToTarget, type AccuracySummary, type TimeToTarget } from "./accuracy";
import { decaysFromScheduleEvents, detectDecays, type Decay } from "./decays";
import { detectDivergence, type DivergedOutcome, type Divergence } from "./divergence";
import { countEpochs, xRange } from "./epochs";
import { accuracyJumps, type Jump } from "./jumps";
import { finiteOrNull, isFiniteNumber, SERIES, type SeriesMap } from "./series";

export type RunFactsInput = {
  series: SeriesMap;
  xAxis: "epoch" | "step";
  /** An adaptive schedule's recorded events, with `step` already in xAxis units. */
  scheduleEvents?: ScheduleEvent[];
  /** The task tier's target test accuracy (same units as test_acc); null or absent: none. */
  targetAccuracy?: number | null;
  /** k of accuracyJumps, in xAxis units. Default 5. */
  jumpWindow?: number;
};

/**
 * What the run page and the leaderboard say about one run. Plain JSON for a jsonb column:
 * every number is finite, and absent values are null rather than NaN or undefined.
 */
export type RunFacts = {
  xAxis: "epoch" | "step";
  /** The smallest x of any series (0 for a 0-based log); null for a run without points. */
  firstX: number | null;
  /** The largest x of any series; null for a run without points. */
  lastX: number | null;
  /** How many epochs the run trained (30 for 0..29 or 1..30, see countEpochs) when the axis is epochs, else null. */
  epochs: number | null;
  decays: Decay[];
  jumps: Jump[];
  divergence: Divergence | null;
  accuracy: AccuracySummary;
  target: number | null;
  timeToTarget: TimeToTarget | null;
  /** Where an adaptive schedule chose to stop. */
  terminated: { x: number; reason: string | null } | null;
  /** Set on finish when a replay ended `diverged` (its result), absent in summaries from before. */
  diverged?: DivergedOutcome | null;
};

/**
 * All the analyses of one run at once. Decays come from the schedule's events when any are given
 * (an adaptive schedule says exactly when it decayed), else from the lr series.
 */
export function deriveRunFacts(input: RunFactsInput): RunFacts {
  const { series, xAxis } = input;
  const lr = series[SERIES.lr] ?? [];
  const testAcc = series[SERIES.testAcc] ?? [];
  const events = input.scheduleEvents ?? [];

  const initialLr = lr.find(([, y]) => isFiniteNumber(y))?.[1] ?? null;
  const decays = events.length > 0 ? decaysFromScheduleEvents(events, initialLr) : detectDecays(lr);
  const stop = events.find((e) => e.type === "terminate");
  const target = finiteOrNull(input.targetAccuracy);
  const { firstX, lastX } = xRange(series);

  return {
    xAxis,
    firstX,
    lastX,
    epochs: xAxis === "epoch" ? countEpochs(firstX, lastX) : null,
    decays,
    jumps: accuracyJumps(testAcc, decays, input.jumpWindow ?? 5),
    divergence: detectDivergence(series),
    accuracy: accuracySummary(testAcc),
    target,
    timeToTarget: target === null ? null : timeToTarget(testAcc, target, series[SERIES.wallTime]),
    terminated: stop ? { x: stop.step, reason: stop.reason ?? null } : null,
  };
}
