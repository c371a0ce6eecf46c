import { formatEstimate, formatSeeds, hasInterval, type Estimate, type Unit } from "./estimates";

/**
 * shown: the 95% interval lies on the paper's side of 0; reversed: on the other side; notShown: it
 * includes 0; tooFewSeeds: one seed gives no interval; noData: the runs the question needs are missing.
 */
export type Verdict = "shown" | "notShown" | "reversed" | "tooFewSeeds" | "noData";

export interface Finding {
  /** The question, as the paper's claim puts it. */
  question: string;
  /** What the data say, with each number's interval and seeds. */
  sentences: string[];
  verdict: Verdict;
  /** "The data shows / does not show the paper's effect: ...", with the deciding number. */
  conclusion: string;
}

export interface Claim {
  /** The effect in words, as the paper states it ("complex patterns were learned mainly after the decays"). */
  effect: string;
  /** Its opposite, for a reversed interval. */
  opposite: string;
  /** The sign the deciding estimate has when the paper is right. */
  expected: "positive" | "negative";
  /** What the deciding estimate is, in words ("after − before"). */
  measure: string;
  unit: Unit;
}

export function judge(estimate: Estimate, claim: Claim): { verdict: Verdict; conclusion: string } {
  const figure = `${claim.measure} = ${formatEstimate(estimate, claim.unit)}, ${formatSeeds(estimate)}`;
  if (!hasInterval(estimate)) {
    return { verdict: "tooFewSeeds", conclusion: `The data cannot show the paper's effect yet (${claim.effect}): ${figure}. Replay more seeds.` };
  }
  const positive = estimate.lower > 0;
  const negative = estimate.upper < 0;
  const agrees = claim.expected === "positive" ? positive : negative;
  const disagrees = claim.expected === "positive" ? negative : positive;
  if (agrees) return { verdict: "shown", conclusion: `The data shows the paper's effect: ${claim.effect} (${figure}).` };
  if (disagrees) return { verdict: "reversed", conclusion: `The data does not show the paper's effect; it shows the opposite: ${claim.opposite} (${figure}).` };
  return { verdict: "notShown", conclusion: `The data does not show the paper's effect (${claim.effect}): the interval includes 0 (${figure}).` };
}

export function missing(question: string, why: string): Finding {
  return { question, sentences: [], verdict: "noData", conclusion: `The data cannot answer this yet: ${why}` };
}
