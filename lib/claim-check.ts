import { countEpochs, zeroBasedIndex } from "./analysis/epochs";
import { detectDecays } from "./analysis/decays";
import { formatNumber, isFiniteNumber, type Point } from "./analysis/series";
import { budgetInSteps, isAdaptive, sampleSchedule, type ScheduleDefinition } from "./schedules";
import type { TierBudget } from "./tasks/budget";

/**
 * What an uploaded log claims, checked against the tier it claims to have run on: the training budget
 * (refused when exceeded) and the claimed schedule (a contradiction is stored flagged and kept off
 * every ranking). Replays are not checked: the worker ran the schedule itself.
 */

/**
 * Why a log exceeds its tier's budget, or null when it does not. Epoch-axis logs count epochs
 * (countEpochs); step-axis logs count steps against epochs x iterations per epoch.
 */
export function budgetExcess(log: { xAxis: "epoch" | "step"; firstX: number | null; lastX: number | null }, budget: TierBudget): string | null {
  const count = countEpochs(log.firstX, log.lastX);
  if (count === null) return null;
  const where = `tier '${budget.tier}' of ${budget.taskId}`;
  if (log.xAxis === "epoch") {
    return count > budget.epochs
      ? `the log spans ${count} epochs (x ${formatNumber(log.firstX!)} to ${formatNumber(log.lastX!)}), more than the ${budget.epochs} epochs of ${where}`
      : null;
  }
  const steps = budget.epochs * budget.itersPerEpoch;
  return count > steps
    ? `the log spans ${count} steps, more than the ${steps} of ${where} (${budget.epochs} epochs of ${budget.itersPerEpoch} iterations)`
    : null;
}

/** The first x no log of the tier can reach, whichever way it numbers epochs: for refusing points as they arrive. */
export function firstXBeyondBudget(xs: Iterable<number>, xAxis: "epoch" | "step", budget: TierBudget): number | null {
  const limit = xAxis === "epoch" ? budget.epochs : budget.epochs * budget.itersPerEpoch;
  for (const x of xs) if (x > limit) return x;
  return null;
}

export type ClaimCheck = { status: "matches" | "mismatch" | "unchecked"; reason: string };

/** A logged rate is off by more than this share of the claimed one (plus ABSOLUTE_TOLERANCE x the claim's peak rate). */
export const RELATIVE_TOLERANCE = 0.01;
/** Lets a rate annealed towards 0 differ in the last digits without counting as a mismatch. */
export const ABSOLUTE_TOLERANCE = 0.001;
/** How far, in epochs, a logged rate may sit from where the claimed schedule takes it (loggers disagree on whether epoch x's rate is logged at x or x + 1). */
export const EPOCH_TOLERANCE = 1;

const list = (decays: { x: number }[]) => (decays.length ? decays.map((d) => formatNumber(d.x)).join(", ") : "none");

/**
 * Whether a log's lr series is the claimed schedule resolved for the tier. A logged point at x (read as
 * the 0-based epoch position p, see zeroBasedIndex) matches when its rate lies within the range the
 * claimed schedule takes at p - 1, p and p + 1 epochs, widened by RELATIVE_TOLERANCE of that range's top
 * and ABSOLUTE_TOLERANCE of the schedule's peak rate. So a decay one epoch early or late passes, a
 * missing, extra or misplaced decay does not, nor a wrong initial rate. Adaptive kinds (plateau,
 * AutoDecay) decide their decays from the run's losses and cannot be checked from the claim alone.
 */
export function checkScheduleClaim(input: {
  definition: ScheduleDefinition;
  lr: Point[];
  xAxis: "epoch" | "step";
  firstX: number;
  budget: TierBudget;
}): ClaimCheck {
  const { definition, xAxis, firstX, budget } = input;
  const lr = input.lr.filter(([x, y]) => isFiniteNumber(x) && isFiniteNumber(y));
  if (isAdaptive(definition)) return { status: "unchecked", reason: `'${definition.kind}' is adaptive: its decays depend on the run's losses` };
  if (lr.length < 2) return { status: "unchecked", reason: "the log has no lr series to check" };

  const steps = budgetInSteps(definition, budget);
  let claimed: number[];
  try {
    claimed = sampleSchedule(definition, { steps, budget: steps }).lr;
  } catch (error) {
    return { status: "mismatch", reason: `the claimed schedule does not resolve for ${budget.epochs} epochs: ${(error as Error).message}` };
  }
  const perEpoch = definition.unit === "iteration" ? budget.itersPerEpoch : 1;
  const claimedAt = (epochPosition: number) => {
    const step = definition.unit === "iteration" ? Math.round(epochPosition * perEpoch) : Math.floor(epochPosition);
    return claimed[Math.min(claimed.length - 1, Math.max(0, step))];
  };
  const positionOf = (x: number) => zeroBasedIndex(x, firstX) / (xAxis === "epoch" ? 1 : budget.itersPerEpoch);
  const peak = Math.max(...claimed.map(Math.abs));

  const expected: Point[] = lr.map(([x]) => [x, claimedAt(positionOf(x))]);
  const decays = () => `The claim decays at ${xAxis} ${list(detectDecays(expected))}; the log at ${list(detectDecays(lr))}.`;
  const resolvedFor = `${definition.kind} resolved for ${budget.epochs} epochs`;
  for (const [x, rate] of lr) {
    const p = positionOf(x);
    const near = [p - EPOCH_TOLERANCE, p, p + EPOCH_TOLERANCE].map(claimedAt);
    const [low, high] = [Math.min(...near), Math.max(...near)];
    const slack = RELATIVE_TOLERANCE * Math.abs(high) + ABSOLUTE_TOLERANCE * peak;
    if (rate < low - slack || rate > high + slack) {
      const range = low === high ? formatNumber(low) : `${formatNumber(low)} to ${formatNumber(high)}`;
      return {
        status: "mismatch",
        reason: `schedule mismatch: at ${xAxis} ${formatNumber(x)} the log's lr is ${formatNumber(rate)}, the claimed ${resolvedFor} gives ${range} within ${EPOCH_TOLERANCE} epoch. ${decays()}`,
      };
    }
  }
  return { status: "matches", reason: `the lr follows the claimed ${resolvedFor} (within ${EPOCH_TOLERANCE} epoch and ${RELATIVE_TOLERANCE * 100}%)` };
}
